package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RatioIntervalTest {

    @Test
    void aConstantRatioHasAZeroWidthInterval() {
        double[] baseline = {2, 4, 6, 8, 10};
        double[] candidate = Arrays.stream(baseline).map(v -> v / 2).toArray();
        RatioInterval r = RatioInterval.paired(baseline, candidate, 0.95, 1000, 1);
        assertEquals(2, r.estimate(), 1e-12);
        assertEquals(2, r.lower(), 1e-12);
        assertEquals(2, r.upper(), 1e-12);
        assertTrue(r.decides(1.2));
    }

    @Test
    void driftSharedByBothMembersOfAPairCancels() {
        SplittableRandom random = new SplittableRandom(3);
        double[] baseline = new double[60];
        double[] candidate = new double[60];
        for (int i = 0; i < 60; i++) {
            double drift = 1 + i / 20.0;
            baseline[i] = 2.0 * drift * (1 + 0.02 * random.nextGaussian());
            candidate[i] = 1.6 * drift * (1 + 0.02 * random.nextGaussian());
        }
        RatioInterval r = RatioInterval.paired(baseline, candidate, 0.95, 2000, 7);
        assertTrue(r.lower() > 1.2 && r.upper() < 1.3, r.toString());
        assertTrue(r.lower() <= r.estimate() && r.estimate() <= r.upper());
    }

    @Test
    void oneOutlierPairDoesNotMoveTheEstimate() {
        double[] baseline = {1, 1, 1, 1, 1, 1, 1, 1, 1, 100};
        double[] candidate = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(1, RatioInterval.paired(baseline, candidate, 0.95, 1000, 1).estimate(), 1e-12);
    }

    @Test
    void tooFewPairsGiveNoInterval() {
        RatioInterval r = RatioInterval.paired(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 0.95, 1000, 1);
        assertFalse(r.hasInterval());
        assertFalse(r.decides(0.5));
        assertEquals(3, r.pairs());
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] a = {1.0, 1.2, 0.9, 1.1, 1.3, 0.95};
        double[] b = {1.1, 1.0, 1.0, 1.2, 1.1, 1.0};
        assertEquals(RatioInterval.paired(a, b, 0.9, 500, 42), RatioInterval.paired(a, b, 0.9, 500, 42));
    }

    @Test
    void anIntervalThatContainsTheThresholdDecidesNothing() {
        double[] a = {1.0, 1.3, 0.8, 1.2, 0.9, 1.1, 1.0, 0.7};
        double[] b = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        RatioInterval r = RatioInterval.paired(a, b, 0.95, 2000, 1);
        assertFalse(r.decides(1.0), r.toString());
    }
}
