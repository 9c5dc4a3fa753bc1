package io.github.qwenbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.report.AllResults;
import io.github.qwenbench.report.HtmlReport;
import io.github.qwenbench.report.JUnitXmlReport;
import io.github.qwenbench.report.ReportFiles;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.worker.WorkerLauncher;
import io.github.qwenbench.worker.WorkerLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkRunTest {

    @Test
    void theRunIdComesFromTheSessionStart() {
        assertEquals("20261127-170000-123", BenchmarkRun.runId(Instant.parse("2026-11-27T17:00:00.123Z")));
    }

    /** An all run whose first suite's worker cannot start: the page says so and names the suites it kept from running. */
    @Test
    void aFailedSuiteAndTheSuitesAfterItAreNamedOnThePage(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("work"), "a file where the workers' folder should be");
        WorkerLauncher launcher = launcher(Duration.ofSeconds(600), notAFolder.resolve("x"));
        BenchmarkRun run = new BenchmarkRun(launcher, dir, dir, null, InconclusivePolicy.FAIL, "20261127-180000-000");
        BenchmarkPlan plan = TestModels.plan("baseline.pt", new AccuracyConfig(), new PerformanceConfig());
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> run.runAll(
                List.of(Suite.named("accuracy"), Suite.named("performance")), plan));
        assertTrue(e.getMessage().startsWith("Cannot prepare the worker's files in "), e.getMessage());
        String html = Files.readString(dir.resolve(HtmlReport.FILE_NAME));
        assertTrue(html.contains("<div class=\"banner fail\">FAILED: accuracy stopped with a build error"), html);
        assertTrue(html.contains("<li class=\"stopped\"><b>accuracy</b>: stopped with a build error: Cannot prepare"
                + " the worker&#39;s files in "), html);
        assertTrue(html.contains("<li><b>performance</b>: not reached: accuracy, before it, stopped with a build"
                + " error</li>"), html);
        assertTrue(html.contains("<li><b>memory</b>: not selected: this execution runs accuracy, performance</li>"),
                html);
        assertFalse(Files.exists(dir.resolve(AllResults.FILE_NAME)), "no all file for a run that stopped");
    }

    /** A suite whose measuring ceiling would not fit in its worker's deadline is refused before anything runs. */
    @Test
    void aCeilingBeyondTheWorkerTimeoutIsRefusedAtSetUp(@TempDir Path dir) throws Exception {
        BenchmarkRun run = new BenchmarkRun(launcher(Duration.ofSeconds(30), dir.resolve("work")), dir, dir, null,
                InconclusivePolicy.FAIL, "20261127-180000-000");
        BenchmarkPlan plan = TestModels.plan("baseline.pt", new AccuracyConfig(), new PerformanceConfig());
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> run.runAll(
                List.of(Suite.named("accuracy"), Suite.named("performance")), plan));
        assertEquals("<performance><maxDuration> lets the performance suite measure for up to 60 s, but its worker"
                + " must finish within workerTimeout (30 s), loading and warm-up included: raise"
                + " -Dqwen-bench.workerTimeout=SECONDS above 120, or lower <performance><maxDuration>.", e.getMessage());
        assertFalse(Files.exists(dir.resolve("work")), "no worker was started");
    }

    private static WorkerLauncher launcher(Duration timeout, Path work) {
        return new WorkerLauncher(List.of(), List.of(), timeout, work, new WorkerLog() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }

            @Override
            public void debug(String line) {
            }
        });
    }

    /** The comparison is a goal's own pseudo-suite: writing it must leave an earlier run's XML alone. */
    @Test
    void aGoalRewritesOnlyItsOwnSuitesJUnitXml(@TempDir Path dir) throws Exception {
        SuiteReport earlier = new SuiteReport("performance", "20261127-170000-000", false,
                Instant.parse("2026-11-27T17:00:00Z"), 1000, null, List.of(), Map.of(),
                Json.mapper().createObjectNode(), List.of(Verdict.judge("minSpeedup", 0.5, Comparison.AT_LEAST, 1.2,
                        "lower bound")), List.of(), "", List.of(), null);
        Json.writeAtomically(ReportFiles.resultFile(dir, "performance"), earlier);
        Path earlierXml = dir.resolve(JUnitXmlReport.fileName("performance"));
        Files.writeString(earlierXml, "the earlier run's failures");
        FileTime then = FileTime.from(Instant.parse("2026-11-27T17:05:00Z"));
        Files.setLastModifiedTime(earlierXml, then);
        Path previous = dir.resolve("previous.json");
        Json.writeAtomically(previous, new AllResults("20261101-000000-000", true, Instant.EPOCH, 1, List.of(earlier)));

        BenchmarkRun run = new BenchmarkRun(null, dir, dir, null, InconclusivePolicy.FAIL, "20261127-180000-000");
        SuiteReport comparison = run.compare(List.of(earlier), previous, 0.05);

        assertEquals("20261127-180000-000", comparison.runId());
        assertEquals("the earlier run's failures", Files.readString(earlierXml));
        assertEquals(then, Files.getLastModifiedTime(earlierXml));
        assertTrue(Files.readString(dir.resolve(JUnitXmlReport.fileName("comparison")))
                .contains("value=\"20261127-180000-000\""));
        String html = Files.readString(dir.resolve(HtmlReport.FILE_NAME));
        assertTrue(html.contains("performance: from an earlier run (run 20261127-170000-000"), html);
    }
}
