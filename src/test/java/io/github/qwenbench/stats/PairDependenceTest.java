package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairDependenceTest {

    @Test
    void theRunsDistributionIsExact() {
        // 2 of each kind: 6 arrangements; AABB and BBAA have 2 runs, ABAB and BABA 4, ABBA and BAAB 3
        assertEquals(2 / 6.0, PairDependence.atMostRuns(2, 2, 2), 1e-12);
        assertEquals(4 / 6.0, PairDependence.atMostRuns(3, 2, 2), 1e-12);
        assertEquals(1.0, PairDependence.atMostRuns(4, 2, 2), 1e-12);
        assertEquals(1.0, PairDependence.atMostRuns(1, 5, 0), "one kind only: nothing to test");
    }

    @Test
    void aUnanimousSequenceIsNeverDependent() {
        double[] clear = {0.3, 0.2, 0.4, 0.3, 0.25, 0.31, 0.28, 0.35, 0.3, 0.29, 0.33, 0.3};
        PairDependence check = PairDependence.check(clear, Math.log(0.9));
        assertEquals(1, check.runs());
        assertFalse(check.dependent());
    }

    @Test
    void twoLongRunsAreDependent() {
        double[] x = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = i < 30 ? 0.1 : -0.1;
        }
        PairDependence check = PairDependence.check(x, 0);
        assertEquals(2, check.runs());
        assertTrue(check.dependent(), check.describe());
    }

    /**
     * The false-alarm rate: 20000 sequences of 60 independent pairs with the threshold at their
     * median raise the alarm at most {@link PairDependence#LEVEL} of the time (within 4 standard
     * errors): the exact conditional test is conservative. An order effect of A B B A / B A A B
     * (adjacent pairs of a group leaning opposite ways) adds runs and raises no alarm.
     */
    @Test
    void independentPairsRaiseFewFalseAlarms() {
        SplittableRandom random = new SplittableRandom(3);
        int runs = 20_000;
        int alarms = 0;
        int orderAlarms = 0;
        for (int r = 0; r < runs; r++) {
            double[] x = new double[60];
            double[] ordered = new double[60];
            for (int i = 0; i < 60; i++) {
                x[i] = random.nextGaussian();
                boolean abba = i % 4 < 2 ? random.nextBoolean() : ordered[i - 2] > 0;
                ordered[i] = (i % 2 == 0 ? 1 : -1) * (abba ? 1 : -1) * 0.5 + random.nextGaussian();
            }
            alarms += PairDependence.check(x, 0).dependent() ? 1 : 0;
            orderAlarms += PairDependence.check(ordered, 0).dependent() ? 1 : 0;
        }
        double bound = PairDependence.LEVEL * runs + 4 * Math.sqrt(PairDependence.LEVEL * runs);
        assertTrue(alarms <= bound, alarms + " false alarms in " + runs);
        assertTrue(orderAlarms <= bound, orderAlarms + " false alarms with an order effect in " + runs);
    }

    @Test
    void persistentNoiseIsCaught() {
        SplittableRandom random = new SplittableRandom(4);
        int caught = 0;
        for (int r = 0; r < 1000; r++) {
            double[] x = new double[100];
            double state = 0;
            for (int i = 0; i < 100; i++) {
                state = 0.8 * state + random.nextGaussian();
                x[i] = state;
            }
            caught += PairDependence.check(x, 0).dependent() ? 1 : 0;
        }
        assertTrue(caught > 500, "a lag-1 correlation of 0.8 over 100 pairs is caught " + caught + " times of 1000");
    }
}
