package io.github.qwenbench.report;

import static io.github.qwenbench.report.ReportFixtures.QWEN;
import static io.github.qwenbench.report.ReportFixtures.RUN;
import static io.github.qwenbench.report.ReportFixtures.fail;
import static io.github.qwenbench.report.ReportFixtures.inconclusive;
import static io.github.qwenbench.report.ReportFixtures.pass;
import static io.github.qwenbench.report.ReportFixtures.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.qwenbench.suite.SuiteReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class BannerTest {

    private static final SuiteReport ACCURACY = suite("accuracy", RUN, QWEN, pass("a1"), pass("a2"));
    private static final SuiteReport PERFORMANCE = suite("performance", RUN, QWEN, pass("p1"));

    @Test
    void aFailureCountsGatesAndSuitesAndNamesTheFailingSuite() {
        SuiteReport scalability = suite("scalability", RUN, QWEN, fail("s1"), fail("s2"), pass("s3"));
        assertEquals(List.of(new Banner.Line("fail", "FAILED: 2 of 6 gates in 1 of 3 suites (scalability)")),
                Banner.of(List.of(ACCURACY, PERFORMANCE, scalability)));
    }

    @Test
    void anInconclusiveGateHasItsOwnLine() {
        SuiteReport system = suite("system", RUN, QWEN, inconclusive("minThroughputRatio"), pass("s2"));
        assertEquals(List.of(new Banner.Line("inconclusive", "INCONCLUSIVE: 1 of 5 gates in 1 of 3 suites (system)"
                + " could not decide within their budget")), Banner.of(List.of(ACCURACY, PERFORMANCE, system)));
    }

    @Test
    void failedAndInconclusiveAreBothSaid() {
        SuiteReport scalability = suite("scalability", RUN, QWEN, fail("s1"));
        SuiteReport system = suite("system", RUN, QWEN, inconclusive("t1"), inconclusive("t2"));
        assertEquals(List.of(new Banner.Line("fail", "FAILED: 1 of 6 gates in 1 of 4 suites (scalability)"),
                new Banner.Line("inconclusive", "INCONCLUSIVE: 2 of 6 gates in 1 of 4 suites (system) could not decide"
                        + " within their budget")), Banner.of(List.of(ACCURACY, PERFORMANCE, scalability, system)));
    }

    @Test
    void aPassSaysHowMuchWasJudged() {
        assertEquals(List.of(new Banner.Line("pass", "PASSED: all 3 gates in 2 suites (accuracy, performance)")),
                Banner.of(List.of(ACCURACY, PERFORMANCE)));
    }

    @Test
    void noGateIsAFailure() {
        assertEquals("fail", Banner.of(List.of(suite("accuracy", RUN, QWEN))).get(0).kind());
    }

    @Test
    void earlierRunsAreListedWithTheirRunIdAndTime() {
        SuiteReport old = suite("performance", "20261126-090000-000", QWEN, fail("minSpeedup"), pass("p2"));
        assertEquals(List.of("performance: from an earlier run (run 20261126-090000-000, started 2026-11-27T17:00:00Z);"
                + " 1 of 2 gates failed. Not judged above: this run did not measure it."), Banner.earlier(List.of(old)));
    }
}
