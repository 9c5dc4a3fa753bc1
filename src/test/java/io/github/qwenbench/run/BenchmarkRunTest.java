package io.github.qwenbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.report.AllResults;
import io.github.qwenbench.report.HtmlReport;
import io.github.qwenbench.report.JUnitXmlReport;
import io.github.qwenbench.report.ReportFiles;
import io.github.qwenbench.suite.SuiteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
