package io.github.qwenbench.report;

import static io.github.qwenbench.report.ReportFixtures.QWEN;
import static io.github.qwenbench.report.ReportFixtures.RUN;
import static io.github.qwenbench.report.ReportFixtures.inconclusive;
import static io.github.qwenbench.report.ReportFixtures.pass;
import static io.github.qwenbench.report.ReportFixtures.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
                "system  maxErrorRate           0.5                <= 1       PASS"), lines);
    }
}
