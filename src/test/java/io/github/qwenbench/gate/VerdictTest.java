package io.github.qwenbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void boundsAreInclusive() {
        assertTrue(Verdict.judge("g", 0.01, Comparison.AT_MOST, 0.01, "").passed());
        assertTrue(Verdict.judge("g", 0.99, Comparison.AT_LEAST, 0.99, "").passed());
        assertFalse(Verdict.judge("g", 0.0100001, Comparison.AT_MOST, 0.01, "").passed());
    }

    @Test
    void missingDataNeverPasses() {
        Verdict v = Verdict.judge("minCosineSimilarity", Double.NaN, Comparison.AT_LEAST, 0.99, "nothing compared");
        assertFalse(v.passed());
        assertEquals("minCosineSimilarity has no measured value (nothing compared), so it cannot pass; expected"
                + " minimum is 0.99", v.message());
    }

    @Test
    void formatsNumbersForPeople() {
        assertEquals("0", Verdict.format(0));
        assertEquals("0.00644", Verdict.format(0.006441));
        assertEquals("1.000e-06", Verdict.format(1e-6));
        assertEquals("n/a", Verdict.format(Double.NaN));
    }

    /**
     * A busy machine explains a budget spent, so it replaces that reason; a PASS or FAIL measured on a
     * busy machine becomes undecided too; a gate that has no measured value stays a FAIL.
     */
    @Test
    void aBusyMachineReplacesTheReasonOfTheMeasuring() {
        String busy = "the machine was busy: 1.0 of 2 cores were free";
        Verdict spent = Verdict.decide("minThroughputRatio[intraOpThreads=2]",
                new io.github.qwenbench.stats.RatioInterval(1.0, 0.85, 1.2, 0.95, 88, "rule"), Comparison.AT_LEAST,
                0.9, "time budget spent");
        assertEquals(Undecided.BUDGET, spent.undecided());
        Verdict undecided = spent.undecidedBecause(Undecided.BUSY, busy);
        assertEquals(Outcome.INCONCLUSIVE, undecided.verdict());
        assertEquals(Undecided.BUSY, undecided.undecided());
        assertTrue(undecided.message().startsWith("minThroughputRatio[intraOpThreads=2] is inconclusive because the"
                + " machine was busy"), undecided.message());
        Verdict passed = Verdict.judge("stableAsBaseline[threads=2]", 0.5, Comparison.AT_LEAST, 0.01, "p-value");
        assertEquals(Undecided.BUSY, passed.undecidedBecause(Undecided.BUSY, busy).undecided());
        Verdict missing = Verdict.judge("minSpeedup", Double.NaN, Comparison.AT_LEAST, 1.2, "nothing measured");
        assertEquals(Outcome.FAIL, missing.undecidedBecause(Undecided.BUSY, busy).verdict());
    }
}
