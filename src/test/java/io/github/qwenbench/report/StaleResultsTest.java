package io.github.qwenbench.report;

import static io.github.qwenbench.report.ReportFixtures.LARGE;
import static io.github.qwenbench.report.ReportFixtures.QWEN;
import static io.github.qwenbench.report.ReportFixtures.fail;
import static io.github.qwenbench.report.ReportFixtures.inconclusive;
import static io.github.qwenbench.report.ReportFixtures.pass;
import static io.github.qwenbench.report.ReportFixtures.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.json.Json;
import io.github.qwenbench.suite.SuiteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a failed {@code verify}, {@code mvn qwen-bench:accuracy} passes: the page must not say FAILED. */
class StaleResultsTest {

    private static final String VERIFY = "20261127-170000-000";
    private static final String ACCURACY_RUN = "20261127-180000-000";
    private static final SuiteReport OLD_SCALABILITY = suite("scalability", VERIFY, QWEN, fail("minThroughputRatio"));
    private static final SuiteReport OLD_MEMORY = suite("memory", VERIFY, LARGE, pass("minReduction"));
    private static final SuiteReport NEW_ACCURACY = new SuiteReport("accuracy", ACCURACY_RUN, true,
            Instant.parse("2026-11-27T18:00:00Z"), 900, null, QWEN, java.util.Map.of(),
            Json.mapper().createObjectNode(), List.of(pass("maxRelativeError[output0]")), List.of(), "", List.of(),
            null);

    @Test
    void resultsOfAnotherRunAreMarkedAsEarlierAndNotJudged() {
        String html = HtmlReport.render(List.of(NEW_ACCURACY, OLD_MEMORY, OLD_SCALABILITY), Instant.EPOCH, List.of(),
                ACCURACY_RUN);
        assertTrue(html.contains("<div class=\"banner pass\">PASSED: all 1 gate in 1 suite (accuracy)</div>"), html);
        assertFalse(html.contains("banner fail"), "the earlier run's failure does not judge this run");
        assertTrue(html.contains("memory, scalability: from an earlier run (run " + VERIFY
                + ", started 2026-11-27T17:00:00Z); 1 of 2 gates failed."), html);
        assertTrue(html.contains("<section class=\"stale\"><h2 id=\"scalability\">Scalability</h2><p class=\"earlier\">"
                + "From an earlier run (run " + VERIFY + ", started 2026-11-27T17:00:00Z)"), html);
        assertTrue(html.contains("<section><h2 id=\"accuracy\">Accuracy</h2>"), "this run's section is not marked");
        assertTrue(html.contains("<table id=\"earlier-gates\" class=\"stale\">"), "old gates in their own table");
    }

    @Test
    void everySuiteWithoutAResultFromThisRunIsNamedAsNotRun() {
        String html = HtmlReport.render(List.of(NEW_ACCURACY, OLD_MEMORY, OLD_SCALABILITY), Instant.EPOCH, List.of(),
                ACCURACY_RUN);
        assertTrue(html.contains("<h2>Not run in this run</h2><ul id=\"not-run\"><li><b>performance</b>: no result"
                + " from this run</li><li><b>memory</b>: no result from this run; its section below is from an"
                + " earlier run</li><li><b>scalability</b>: no result from this run; its section below is from an"
                + " earlier run</li><li><b>system</b>: no result from this run</li>"), html);
        assertFalse(html.contains("<li><b>accuracy</b>"), "accuracy ran");
        assertEquals(List.of("performance", "memory", "scalability", "system", "generation", "hardware"),
                HtmlReport.notRun(List.of(NEW_ACCURACY), List.of(OLD_MEMORY), List.of()).stream()
                        .map(NotRun::suite).toList());
    }

    /** An all run whose performance worker failed: the page must not read as a passed run. */
    @Test
    void theRunSaysWhichSuiteStoppedItAndWhichItKeptFromRunning() {
        List<NotRun> known = List.of(new NotRun("performance", "stopped with a build error: The performance worker"
                + " did not finish within workerTimeout (5 s) and was stopped.", true),
                new NotRun("memory", "not reached: performance, before it, stopped with a build error", false),
                new NotRun("hardware", "not selected: this execution runs accuracy, performance, memory", false));
        String html = HtmlReport.render(List.of(NEW_ACCURACY), Instant.EPOCH, List.of(), ACCURACY_RUN, known);
        assertTrue(html.contains("<div class=\"banner fail\">FAILED: performance stopped with a build error, so this"
                + " run is incomplete (see &quot;Not run in this run&quot;)</div>"), html);
        assertTrue(html.contains("<li class=\"stopped\"><b>performance</b>: stopped with a build error: The"
                + " performance worker did not finish within workerTimeout (5 s) and was stopped.</li>"), html);
        assertTrue(html.contains("<li><b>memory</b>: not reached: performance, before it, stopped with a build"
                + " error</li>"), html);
        assertTrue(html.contains("<li><b>hardware</b>: not selected: this execution runs accuracy, performance,"
                + " memory</li>"), html);
        assertTrue(html.contains("<li><b>system</b>: no result from this run</li>"), "unknown reason: " + html);
    }

    @Test
    void theReportGoalJudgesTheNewestRun() {
        assertEquals(ACCURACY_RUN, ReportFiles.latestRunId(List.of(OLD_SCALABILITY, NEW_ACCURACY, OLD_MEMORY)));
    }

    @Test
    void theReportGoalRewritesOnlyTheNewestRunsJUnitXml(@TempDir Path dir) throws Exception {
        for (SuiteReport report : List.of(OLD_SCALABILITY, NEW_ACCURACY)) {
            Json.writeAtomically(ReportFiles.resultFile(dir, report.suite()), report);
        }
        Path oldXml = dir.resolve(JUnitXmlReport.fileName("scalability"));
        Files.writeString(oldXml, "written by the earlier run");
        FileTime then = FileTime.from(Instant.parse("2026-11-27T17:05:00Z"));
        Files.setLastModifiedTime(oldXml, then);
        ReportFiles.rebuild(dir, dir, null);
        assertEquals("written by the earlier run", Files.readString(oldXml));
        assertEquals(then, Files.getLastModifiedTime(oldXml), "a CI server must not see it as new");
        assertTrue(Files.readString(dir.resolve(JUnitXmlReport.fileName("accuracy")))
                .contains("<property name=\"runId\" value=\"" + ACCURACY_RUN + "\"/>"));
        assertTrue(Files.readString(dir.resolve(HtmlReport.FILE_NAME)).contains("PASSED: all 1 gate in 1 suite"));
    }

    @Test
    void eachSuiteShowsItsOwnModels() {
        String models = HtmlReport.models(List.of(NEW_ACCURACY, OLD_MEMORY, OLD_SCALABILITY), List.of(OLD_MEMORY,
                OLD_SCALABILITY));
        assertTrue(models.contains("<tr><td>accuracy, scalability (earlier run)</td><td>baseline</td><td class=\"path\">"
                + "<code>/work/src/test/models/baseline.pt</code>"), "normalized, shared by the suites: " + models);
        assertTrue(models.contains("<tr><td>memory (earlier run)</td><td>candidate</td><td class=\"path\"><code>"
                + "/work/target/qwen-bench/models/large-int8.pt</code>"), models);
        assertTrue(models.contains("<td class=\"size\" title=\"67109000 bytes\">64.0 MiB</td>"), models);
    }

    @Test
    void anIntervalGateShowsItsIntervalAndSaysItJudgesIt() {
        String html = HtmlReport.render(List.of(suite("system", VERIFY, QWEN, inconclusive("minThroughputRatio"))),
                Instant.EPOCH);
        assertTrue(html.contains("<tr class=\"inconclusive\"><td>system</td><td>minThroughputRatio</td><td>1.02"
                + " <span class=\"interval\">[0.97, 1.08]</span></td>"), html);
        assertTrue(html.contains("Judged on the whole interval: PASS when all of it is &gt;= 1, FAIL when"
                + " none of it is, INCONCLUSIVE while it contains the threshold."), html);
        assertTrue(html.contains("<div class=\"banner inconclusive\">INCONCLUSIVE: 1 of 1 gate in 1 of 1 suite"
                + " (system) could not decide within their budget</div>"), html);
    }

    @Test
    void bytesReadAsAPersonReadsThem() {
        assertEquals("23.5 GiB", HtmlReport.bytes(25_276_510_208L));
        assertEquals("512 B", HtmlReport.bytes(512));
    }
}
