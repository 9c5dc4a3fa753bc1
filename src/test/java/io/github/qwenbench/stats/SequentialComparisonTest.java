package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class SequentialComparisonTest {

    private static final SequentialComparison.Budget BUDGET = new SequentialComparison.Budget(10, 200, null);

    /** Pairs whose log ratio (numerator over denominator) is {@code noise}. */
    private static SequentialComparison.Stop run(SequentialComparison comparison, DoubleSupplier logRatio,
            double threshold, SequentialComparison.Budget budget) {
        SplittableRandom drift = new SplittableRandom(5);
        return comparison.run(() -> {
            double shared = 1 + drift.nextDouble();
            comparison.add(shared * Math.exp(logRatio.getAsDouble()), shared);
        }, threshold, budget, "test", line -> { });
    }

    @Test
    void aClearWinDecidesEarlyAboveTheThreshold() {
        SplittableRandom random = new SplittableRandom(1);
        SequentialComparison c = new SequentialComparison(0.95);
        SequentialComparison.Stop stop = run(c, () -> Math.log(1.5) + 0.05 * random.nextGaussian(), 1.2, BUDGET);
        assertTrue(stop.decided());
        assertEquals(10, c.pairs(), "decided at the first look");
        assertTrue(c.interval().lower() > 1.2, c.interval().toString());
    }

    @Test
    void aClearLossDecidesBelowTheThreshold() {
        SplittableRandom random = new SplittableRandom(2);
        SequentialComparison c = new SequentialComparison(0.95);
        SequentialComparison.Stop stop = run(c, () -> Math.log(0.5) + 0.1 * random.nextGaussian(), 1.0, BUDGET);
        assertTrue(stop.decided());
        assertTrue(c.interval().upper() < 1.0, c.interval().toString());
    }

    @Test
    void aStraddleSpendsThePairBudgetUndecided() {
        SplittableRandom random = new SplittableRandom(3);
        SequentialComparison c = new SequentialComparison(0.95);
        SequentialComparison.Stop stop = run(c, () -> 0.3 * random.nextGaussian(), 1.0,
                new SequentialComparison.Budget(10, 40, null));
        assertFalse(stop.decided());
        assertEquals("pair budget spent", stop.stoppedBecause());
        assertEquals(40, c.pairs());
        RatioInterval interval = c.interval();
        assertTrue(interval.lower() < 1.0 && interval.upper() > 1.0, interval.toString());
    }

    @Test
    void aTimeBudgetStopsUndecided() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(4);
        SequentialComparison c = new SequentialComparison(0.95);
        SequentialComparison.Stop stop = c.run(() -> {
            Thread.sleep(2);
            c.add(Math.exp(0.3 * random.nextGaussian()), 1);
        }, 1.0, new SequentialComparison.Budget(4, 1_000_000, Duration.ofMillis(100)), "test", line -> { });
        assertFalse(stop.decided());
        assertEquals("time budget spent", stop.stoppedBecause());
        assertTrue(stop.millis() >= 100 && stop.millis() < 2000, String.valueOf(stop.millis()));
    }

    @Test
    void driftSharedByBothMembersOfAPairCancels() {
        SequentialComparison c = new SequentialComparison(0.95);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 60; i++) {
            double drift = 1 + i / 20.0;
            c.add(2.0 * drift * (1 + 0.02 * random.nextGaussian()), 1.6 * drift * (1 + 0.02 * random.nextGaussian()));
        }
        RatioInterval r = c.interval();
        assertTrue(r.lower() > 1.2 && r.upper() < 1.3, r.toString());
        assertTrue(r.lower() <= r.estimate() && r.estimate() <= r.upper());
    }

    @Test
    void tooFewPairsCannotDecideAnything() {
        RatioInterval one = ConfidenceSequence.ratio(new double[] {2}, new double[] {1}, 0.95);
        assertFalse(one.hasInterval());
        assertFalse(one.decides(0.5));
        RatioInterval two = ConfidenceSequence.ratio(new double[] {2, 2.01}, new double[] {1, 1}, 0.95);
        assertTrue(Double.isInfinite(two.upper()) && two.lower() == 0, "no decision from two pairs: " + two);
    }

    @Test
    void theIntervalWidensAsTheConfidenceRises() {
        double[] a = {1.0, 1.2, 0.9, 1.1, 1.3, 0.95, 1.05, 1.15};
        double[] b = {1.1, 1.0, 1.0, 1.2, 1.1, 1.0, 1.0, 1.0};
        RatioInterval ninety = ConfidenceSequence.ratio(a, b, 0.90);
        RatioInterval ninetyNine = ConfidenceSequence.ratio(a, b, 0.99);
        assertTrue(ninetyNine.lower() < ninety.lower() && ninetyNine.upper() > ninety.upper());
    }

    /**
     * The error control is real: at a true ratio exactly equal to the threshold, every decision is
     * wrong, and looking after every pair for up to 200 pairs still decides in at most 5% of runs
     * (a fixed-sample 95% interval looked at this often would decide in far more). Checked for
     * normal and for heavy-tailed (Laplace) log ratios.
     */
    @Test
    void atTheThresholdWrongDecisionsStayWithinTheStatedError() {
        SplittableRandom random = new SplittableRandom(11);
        int runs = 1000;
        int normalDecisions = 0;
        int laplaceDecisions = 0;
        int naiveDecisions = 0;
        for (int r = 0; r < runs; r++) {
            SequentialComparison normal = new SequentialComparison(0.95);
            if (run(normal, () -> 0.1 * random.nextGaussian(), 1.0, BUDGET).decided()) {
                normalDecisions++;
            }
            SequentialComparison laplace = new SequentialComparison(0.95);
            if (run(laplace, () -> 0.1 * (random.nextBoolean() ? 1 : -1) * Math.log(1 / (1 - random.nextDouble())),
                    1.0, BUDGET).decided()) {
                laplaceDecisions++;
            }
            if (naiveLooksDecide(random)) {
                naiveDecisions++;
            }
        }
        double alpha = 0.05;
        assertTrue(normalDecisions <= alpha * runs, "normal: " + normalDecisions + " wrong decisions in " + runs);
        assertTrue(laplaceDecisions <= alpha * runs, "Laplace: " + laplaceDecisions + " wrong decisions in " + runs);
        assertTrue(naiveDecisions > 2 * alpha * runs, "a fixed-sample interval looked at after every pair decides"
                + " wrongly more often (" + naiveDecisions + "), which is what the confidence sequence prevents");
    }

    /** A fixed-sample 95% normal interval, looked at after every pair from 10 to 200: the optional-stopping trap. */
    private static boolean naiveLooksDecide(SplittableRandom random) {
        double sum = 0;
        double squares = 0;
        for (int n = 1; n <= 200; n++) {
            double x = 0.1 * random.nextGaussian();
            sum += x;
            squares += x * x;
            if (n >= 10) {
                double mean = sum / n;
                double sd = Math.sqrt((squares - n * mean * mean) / (n - 1));
                if (Math.abs(mean) > 1.96 * sd / Math.sqrt(n)) {
                    return true;
                }
            }
        }
        return false;
    }
}
