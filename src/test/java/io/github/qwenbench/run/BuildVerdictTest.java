package io.github.qwenbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The build-failure policy, as the ITs grep its words: failOnViolation, onInconclusive, and no gates at all. */
class BuildVerdictTest {

    private static final Path RESULTS = Path.of("/work/target/benchmark-results");
    private static final InconclusivePolicy FAIL = InconclusivePolicy.FAIL;
    private static final InconclusivePolicy WARN = InconclusivePolicy.WARN;

    @Test
    void allPassingGatesPassTheBuild() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("accuracy", pass("maxRelativeError[output0]")),
                suite("performance", pass("minSpeedup"))), RESULTS, true, FAIL);
        assertFalse(verdict.fails());
        assertNull(verdict.failureMessage());
        assertEquals(List.of(new BuildVerdict.Line(BuildVerdict.Level.INFO, "All 2 gates passed.")), verdict.lines());
    }

    @Test
    void aFailedGateFailsTheBuildAndIsNamed() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("accuracy", pass("finiteOutputs[output0]"),
                fail("maxRelativeError[output0]")), suite("performance", fail("minSpeedup"))), RESULTS, true, FAIL);
        assertTrue(verdict.fails());
        assertEquals("2 of 3 gates failed: maxRelativeError[output0], minSpeedup. Details: " + RESULTS
                + ". A failed gate means the measurements show the target is missed: fix the candidate, or adjust"
                + " the thresholds if the targets were wrong.", verdict.failureMessage());
        assertEquals(List.of("accuracy: maxRelativeError[output0] is 2, but expected maximum is 1 (measured)",
                "performance: minSpeedup is 2, but expected maximum is 1 (measured)"), verdict.errors());
        assertEquals(List.of(), verdict.warnings());
    }

    @Test
    void withoutFailOnViolationAFailedGateIsAWarning() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("accuracy", fail("maxRelativeError[output0]"),
                pass("finiteOutputs[output0]"))), RESULTS, false, FAIL);
        assertFalse(verdict.fails());
        assertNull(verdict.failureMessage());
        assertEquals(List.of(), verdict.errors());
        assertEquals(List.of("accuracy: maxRelativeError[output0] is 2, but expected maximum is 1 (measured)",
                "1 of 2 gates failed: maxRelativeError[output0]. Details: " + RESULTS
                        + " (failOnViolation=false: the build goes on)."), verdict.warnings());
    }

    @Test
    void anInconclusiveGateFailsTheBuildByDefault() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("performance", inconclusive("minSpeedup"))), RESULTS,
                true, FAIL);
        assertTrue(verdict.fails());
        assertEquals("1 of 1 gates were inconclusive: minSpeedup. Details: " + RESULTS + ". Inconclusive means the"
                + " measuring budget was spent before the interval left the threshold: nothing shows the candidate"
                + " misses its target, but nothing shows it meets it either. Raise the budget, use a quieter machine"
                + " or measure fewer points; -Dqwen-bench.onInconclusive=warn turns this into a warning.",
                verdict.failureMessage());
        assertFalse(verdict.failureMessage().contains("fix the candidate"), "nothing shows the candidate misses");
        assertEquals(1, verdict.errors().size());
        assertTrue(verdict.errors().get(0).startsWith("performance: minSpeedup is inconclusive: its interval"
                + " [0.97, 1.08] still contains the expected minimum 1"), verdict.errors().get(0));
    }

    @Test
    void anInconclusiveGateOnlyWarnsWithOnInconclusiveWarn() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("performance", inconclusive("minSpeedup"),
                pass("maxColdStartRatio"))), RESULTS, true, WARN);
        assertFalse(verdict.fails());
        assertEquals(List.of(), verdict.errors());
        assertEquals(2, verdict.warnings().size());
        assertTrue(verdict.warnings().get(0).startsWith("performance: minSpeedup is inconclusive"));
        assertEquals("1 of 2 gates were inconclusive: minSpeedup. Details: " + RESULTS
                + " (onInconclusive=warn: the build goes on).", verdict.warnings().get(1));
    }

    /** failOnViolation=false lets every gate through; the summary's words are those of the warn policy, as before. */
    @Test
    void anInconclusiveGateOnlyWarnsWithoutFailOnViolation() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("performance", inconclusive("minSpeedup"))), RESULTS,
                false, FAIL);
        assertFalse(verdict.fails());
        assertEquals(List.of(), verdict.errors());
        assertEquals("1 of 1 gates were inconclusive: minSpeedup. Details: " + RESULTS
                + " (onInconclusive=warn: the build goes on).", verdict.warnings().get(1));
    }

    @Test
    void aFailedGateStillFailsWhenInconclusiveOnlyWarnsAndNamesBoth() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("system", fail("maxErrorRate"),
                inconclusive("minThroughputRatio"))), RESULTS, true, WARN);
        assertTrue(verdict.fails());
        assertTrue(verdict.failureMessage().startsWith("1 of 2 gates failed: maxErrorRate; 1 of 2 gates were"
                + " inconclusive: minThroughputRatio. Details: "), verdict.failureMessage());
        assertTrue(verdict.failureMessage().endsWith(" An inconclusive gate could not decide within its budget:"
                + " raise the budget, use a quieter machine or measure fewer points."), verdict.failureMessage());
        assertEquals(List.of("system: maxErrorRate is 2, but expected maximum is 1 (measured)"), verdict.errors());
        assertTrue(verdict.warnings().get(0).startsWith("system: minThroughputRatio is inconclusive"));
    }

    /** A suite that judged nothing must not pass for lack of gates, even with failOnViolation=false. */
    @Test
    void noGateAtAllFailsTheBuildWhateverThePolicy() {
        for (boolean failOnViolation : new boolean[] {true, false}) {
            BuildVerdict verdict = BuildVerdict.of(List.of(suite("hardware")), RESULTS, failOnViolation, WARN);
            assertTrue(verdict.fails());
            assertEquals("No gate was evaluated, so nothing proves the candidate meets its targets. Check the"
                    + " configuration of the suites.", verdict.failureMessage());
        }
    }

    /** Kept as it was: the count is over the whole goal, so a suite without gates beside passing ones passes. */
    @Test
    void aSuiteWithoutGatesBesideJudgedOnesCountsOnlyTheirGates() {
        BuildVerdict verdict = BuildVerdict.of(List.of(suite("hardware"), suite("accuracy", pass("maxRelativeError"))),
                RESULTS, true, FAIL);
        assertFalse(verdict.fails());
        assertEquals(List.of(new BuildVerdict.Line(BuildVerdict.Level.INFO, "All 1 gates passed.")), verdict.lines());
    }

    @Test
    void aSuitesWarningsComeFirstAndAreWarnings() {
        SuiteReport withWarning = new SuiteReport("memory", "run", true, Instant.EPOCH, 1000, null, List.of(),
                Map.of(), Json.mapper().createObjectNode(), List.of(pass("minReduction")),
                List.of("the baseline's idle memory varied by 12%"), "", List.of(), null);
        BuildVerdict verdict = BuildVerdict.of(List.of(withWarning), RESULTS, true, FAIL);
        assertEquals(List.of(new BuildVerdict.Line(BuildVerdict.Level.WARNING,
                "memory: the baseline's idle memory varied by 12%"),
                new BuildVerdict.Line(BuildVerdict.Level.INFO, "All 1 gates passed.")), verdict.lines());
    }

    private static SuiteReport suite(String suite, Verdict... gates) {
        return new SuiteReport(suite, "20261127-170000-000", List.of(gates).stream().allMatch(Verdict::passed)
                && gates.length > 0, Instant.parse("2026-11-27T17:00:00Z"), 1000, null, List.of(), Map.of(),
                Json.mapper().createObjectNode(), List.of(gates), List.of(), suite + " headline", List.of(), null);
    }

    private static Verdict pass(String name) {
        return Verdict.judge(name, 0.5, Comparison.AT_MOST, 1, "measured");
    }

    private static Verdict fail(String name) {
        return Verdict.judge(name, 2, Comparison.AT_MOST, 1, "measured");
    }

    /** An interval [0.97, 1.08] around the threshold 1.0: no decision. */
    private static Verdict inconclusive(String name) {
        return Verdict.decide(name, new RatioInterval(1.02, 0.97, 1.08, 0.95, 12, "rule"), Comparison.AT_LEAST, 1.0,
                "throughput ratio");
    }
}
