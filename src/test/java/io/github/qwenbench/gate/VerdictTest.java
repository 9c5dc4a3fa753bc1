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
}
