package io.github.qwenbench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorComparisonTest {

    @Test
    void identicalTensorsAgreeExactly() {
        float[] b = {1, -2, 3, 0.5f};
        TensorComparison c = TensorComparison.of(b, b.clone(), 2);
        assertEquals(0, c.maxAbsoluteError());
        assertEquals(0, c.relativeL2Error());
        assertEquals(1, c.cosineSimilarity(), 1e-12);
        assertEquals(1, c.top1Agreement());
    }

    @Test
    void knownDifference() {
        float[] b = {3, 4};
        float[] c = {3, 4.5f};
        TensorComparison r = TensorComparison.of(b, c, 0);
        assertEquals(0.5, r.maxAbsoluteError(), 1e-9);
        assertEquals(0.25, r.meanAbsoluteError(), 1e-9);
        assertEquals(0.1, r.relativeL2Error(), 1e-9, "||(0,0.5)|| / ||(3,4)|| = 0.5/5");
        assertEquals((9 + 18) / (5 * Math.sqrt(9 + 20.25)), r.cosineSimilarity(), 1e-9);
        assertTrue(Double.isNaN(r.top1Agreement()), "not computed without a row length");
    }

    @Test
    void top1CountsRowsWhoseArgmaxAgrees() {
        float[] b = {0, 1, 0, /* row 2 */ 5, 1, 1};
        float[] c = {0, 2, 0, /* row 2 */ 1, 5, 1};
        assertEquals(0.5, TensorComparison.of(b, c, 3).top1Agreement());
    }

    @Test
    void nonFiniteValuesAreCountedNotHidden() {
        float[] b = {1, 2, 3};
        float[] c = {1, Float.NaN, Float.POSITIVE_INFINITY};
        TensorComparison r = TensorComparison.of(b, c, 0);
        assertEquals(0, r.baselineNonFinite());
        assertEquals(2, r.candidateNonFinite());
    }

    @Test
    void zeroBaselineWithNonZeroCandidateIsInfinitelyWrong() {
        TensorComparison r = TensorComparison.of(new float[] {0, 0}, new float[] {0, 1e-3f}, 0);
        assertEquals(Double.POSITIVE_INFINITY, r.relativeL2Error());
        assertEquals(0, r.cosineSimilarity());
    }

    @Test
    void anEmptyAccumulatorYieldsNoNumbers() {
        OutputAccuracy empty = new OutputAccuracy.Accumulator("logits", new long[] {1}).result();
        assertEquals(0, empty.samples());
        assertTrue(Double.isNaN(empty.worstRelativeL2Error()));
        assertTrue(Double.isNaN(empty.worstCosineSimilarity()));
    }

    @Test
    void accumulatorKeepsTheWorstSample() {
        OutputAccuracy.Accumulator acc = new OutputAccuracy.Accumulator("logits", new long[] {2});
        acc.add(TensorComparison.of(new float[] {3, 4}, new float[] {3, 4}, 0));
        acc.add(TensorComparison.of(new float[] {3, 4}, new float[] {3, 4.5f}, 0));
        OutputAccuracy result = acc.result();
        assertEquals(2, result.samples());
        assertEquals(0.1, result.worstRelativeL2Error(), 1e-9);
        assertEquals(0.05, result.meanRelativeL2Error(), 1e-9);
    }
}
