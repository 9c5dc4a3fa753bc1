package io.github.qwenbench.report;

import static io.github.qwenbench.report.ReportFixtures.QWEN;
import static io.github.qwenbench.report.ReportFixtures.RUN;
import static io.github.qwenbench.report.ReportFixtures.fail;
import static io.github.qwenbench.report.ReportFixtures.inconclusive;
import static io.github.qwenbench.report.ReportFixtures.pass;
import static io.github.qwenbench.report.ReportFixtures.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.qwenbench.json.Json;
import io.github.qwenbench.suite.SuiteReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    @Test
    void anIntervalGateShowsItsInterval() {
        List<String> lines = ConsoleSummary.lines(List.of(suite("system", RUN, QWEN,
                inconclusive("minThroughputRatio"), pass("maxErrorRate"))));
        assertEquals(List.of("system: system headline", "",
                "suite   gate                actual  interval      threshold  verdict",
                "-".repeat(73),
                "system  minThroughputRatio    1.02  [0.97, 1.08]  >= 1       INCONCLUSIVE",
                "system  maxErrorRate           0.5                <= 1       PASS",
                "",
                "system  INCONCLUSIVE  (2 gates, 1 inconclusive, 1.0 s)"), lines);
    }

    @Test
    void eachSuiteEndsTheSummaryWithItsVerdictGatesAndTime() {
        SuiteReport performance = new SuiteReport("performance", RUN, false, Instant.EPOCH, 41_300, null, QWEN,
                Map.of(), Json.mapper().createObjectNode(), List.of(fail("minSpeedup"), pass("maxColdStartRatio")),
                List.of(), "", List.of(), null);
        SuiteReport hardware = new SuiteReport("hardware", RUN, false, Instant.EPOCH, 125_000, null, QWEN, Map.of(),
                Json.mapper().createObjectNode(), List.of(), List.of(), "", List.of(), null);
        SuiteReport comparison = new SuiteReport("comparison", RUN, true, Instant.EPOCH, 0, null, QWEN, Map.of(),
                Json.mapper().createObjectNode(), List.of(pass("noRegression[x]")), List.of(), "", List.of(), null);
        List<String> lines = ConsoleSummary.lines(List.of(suite("accuracy", RUN, QWEN, pass("maxRelativeError")),
                performance, hardware, comparison));
        assertEquals(List.of(
                "accuracy     PASS      (1 gate, 1.0 s)",
                "performance  FAIL      (2 gates, 1 failed, 41 s)",
                "hardware     NO GATES  (0 gates, 2 min 05 s)",
                "comparison   PASS      (1 gate)"), lines.subList(lines.size() - 4, lines.size()));
        assertEquals("", lines.get(lines.size() - 5));
    }

    @Test
    void durationsReadAsAPersonReadsThem() {
        assertEquals("0.4 s", ConsoleSummary.duration(400));
        assertEquals("9.5 s", ConsoleSummary.duration(9_500));
        assertEquals("41 s", ConsoleSummary.duration(41_000));
        assertEquals("1 min 00 s", ConsoleSummary.duration(59_700));
        assertEquals("2 min 05 s", ConsoleSummary.duration(125_000));
        assertEquals("1 h 02 min", ConsoleSummary.duration(3_720_000));
    }
}
