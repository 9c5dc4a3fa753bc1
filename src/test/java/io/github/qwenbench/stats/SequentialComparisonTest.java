package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Pure arithmetic: its Monte-Carlo methods run side by side (src/test/resources/junit-platform.properties). */
@Execution(ExecutionMode.CONCURRENT)
class SequentialComparisonTest {

    private static final SequentialComparison.Budget BUDGET = new SequentialComparison.Budget(12, 200, null);

    private static final ConfidenceSequence.Rule MEDIAN = ConfidenceSequence.Rule.MEDIAN;

    private static final ConfidenceSequence.Rule MEAN = ConfidenceSequence.Rule.MEAN;

    /**
     * Pairs of blocks whose log ratio (numerator over denominator) is {@code logRatio}, split evenly
     * between the two blocks as between two models' blocks on a drifting machine: swapping the models
     * inverts the ratio, so a symmetric noise keeps a group of four's median ratio where a pair's is.
     */
    private static SequentialComparison.Stop run(SequentialComparison comparison, DoubleSupplier logRatio,
            double threshold, SequentialComparison.Budget budget) {
        SplittableRandom drift = new SplittableRandom(5);
        return comparison.run(() -> {
            double shared = 1 + drift.nextDouble();
            double half = logRatio.getAsDouble() / 2;
            comparison.add(shared * Math.exp(half), shared * Math.exp(-half));
        }, threshold, budget, "test", line -> { });
    }

    /**
     * Identical models on a machine where the second block of a pair runs 30% slower (caches the other
     * model cooled): a pair's ratio is 1.3 or 1 / 1.3 by the coin, and its median can sit anywhere
     * between. A group of four blocks has each model once first and once second, so the effect
     * cancels and the A/A comparison decides at once against 0.9; taking pairs of blocks one by one
     * (no order) leaves it undecided after 400.
     */
    @Test
    void anOrderEffectCancelsWithinEachGroupOfFour() {
        SplittableRandom random = new SplittableRandom(21);
        PairOrder order = new PairOrder(3);
        SequentialComparison grouped = new SequentialComparison(MEDIAN, 0.95, order);
        SequentialComparison single = new SequentialComparison(MEDIAN, 0.95);
        SequentialComparison.Budget budget = new SequentialComparison.Budget(9, 400, null);
        SequentialComparison.Stop groupedStop = null;
        SequentialComparison.Stop singleStop = null;
        for (int blockPair = 0; groupedStop == null || singleStop == null; blockPair++) {
            double first = 10 * Math.exp(0.02 * random.nextGaussian());
            double second = 13 * Math.exp(0.02 * random.nextGaussian());
            boolean baselineFirst = order.baselineFirst(blockPair);
            double baseline = baselineFirst ? first : second;
            double candidate = baselineFirst ? second : first;
            if (groupedStop == null) {
                assertEquals(blockPair, grouped.blockPairs());
                grouped.add(baseline, candidate);
                groupedStop = grouped.stopNow(0.9, budget, 0);
            }
            if (singleStop == null) {
                single.add(baseline, candidate);
                singleStop = single.stopNow(0.9, budget, 0);
            }
        }
        assertEquals(SequentialComparison.Reason.DECIDED, groupedStop.reason());
        assertTrue(grouped.pairs() <= 12, "decided within four looks: " + grouped.pairs());
        assertTrue(grouped.interval().lower() > 0.9, grouped.interval().toString());
        assertEquals(SequentialComparison.Reason.PAIR_BUDGET, singleStop.reason(), single.interval().toString());
    }

    @Test
    void aClearWinDecidesEarlyAboveTheThreshold() {
        SplittableRandom random = new SplittableRandom(1);
        SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
        SequentialComparison.Stop stop = run(c, () -> Math.log(1.5) + 0.05 * random.nextGaussian(), 1.2, BUDGET);
        assertTrue(stop.decided());
        assertEquals(12, c.pairs(), "decided at the first look");
        assertEquals(SequentialComparison.Reason.DECIDED, stop.reason());
        assertTrue(c.interval().lower() > 1.2, c.interval().toString());
    }

    @Test
    void aClearLossDecidesBelowTheThreshold() {
        SplittableRandom random = new SplittableRandom(2);
        SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
        SequentialComparison.Stop stop = run(c, () -> Math.log(0.5) + 0.1 * random.nextGaussian(), 1.0, BUDGET);
        assertTrue(stop.decided());
        assertTrue(c.interval().upper() < 1.0, c.interval().toString());
    }

    /**
     * Every pair on one side of the threshold decides at any number of pairs that can decide, in both
     * directions. A mean of the pairs' sides summed from 1/n steps missed 1 by a rounding error at most n
     * (20 among them), which the dependence correction read as correlation: 20 pairs of a 3.3 times faster
     * int8 package, every one above 1.2, gave the interval [0, inf].
     */
    @Test
    void pairsAllOnOneSideDecideAtEveryCount() {
        for (int n = ConfidenceSequence.minimumPairs(0.95); n <= 200; n++) {
            double[] faster = new double[n];
            double[] slower = new double[n];
            double[] ones = new double[n];
            for (int i = 0; i < n; i++) {
                faster[i] = 3.3 + 0.01 * (i % 7);
                slower[i] = 0.3 + 0.01 * (i % 7);
                ones[i] = 1;
            }
            RatioInterval above = ConfidenceSequence.ratio(MEDIAN, faster, ones, 0.95, 1.2);
            RatioInterval below = ConfidenceSequence.ratio(MEDIAN, slower, ones, 0.95, 1.2);
            assertTrue(above.lower() > 1.2, n + " pairs above: " + above);
            assertTrue(below.upper() < 1.2, n + " pairs below: " + below);
        }
    }

    @Test
    void aStraddleSpendsThePairBudgetUndecided() {
        SplittableRandom random = new SplittableRandom(3);
        SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
        SequentialComparison.Stop stop = run(c, () -> 0.3 * random.nextGaussian(), 1.0,
                new SequentialComparison.Budget(12, 40, null));
        assertFalse(stop.decided());
        assertEquals("pair budget spent", stop.stoppedBecause());
        assertEquals(40, c.pairs());
        RatioInterval interval = c.interval();
        assertTrue(interval.lower() < 1.0 && interval.upper() > 1.0, interval.toString());
    }

    @Test
    void aTimeBudgetStopsUndecided() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(4);
        SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
        SequentialComparison.Stop stop = c.run(() -> {
            Thread.sleep(2);
            c.add(Math.exp(0.3 * random.nextGaussian()), 1);
        }, 1.0, new SequentialComparison.Budget(4, 1_000_000, Duration.ofMillis(100)), "test", line -> { });
        assertFalse(stop.decided());
        assertEquals("time budget spent", stop.stoppedBecause());
        assertTrue(stop.millis() >= 100 && stop.millis() < 2000, String.valueOf(stop.millis()));
    }

    /** A caller whose measurement cannot decide (a busy machine) gives up at a look, never before the fewest pairs. */
    @Test
    void aComparisonThatCannotDecideGivesUpAtALook() {
        SplittableRandom random = new SplittableRandom(7);
        SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
        int[] looks = {0};
        SequentialComparison.Stop stop = c.run(() -> c.add(Math.exp(0.3 * random.nextGaussian()), 1), 1.0,
                new SequentialComparison.Budget(12, 1000, null), "test", line -> { },
                () -> ++looks[0] >= 3 ? "the machine was busy" : null);
        assertEquals(SequentialComparison.Reason.ABANDONED, stop.reason());
        assertEquals("the machine was busy", stop.stoppedBecause());
        assertFalse(stop.decided());
        assertEquals(14, c.pairs(), "asked at the looks after pairs 12, 13 and 14, each a whole group of four blocks");
        assertEquals(28, c.blockPairs());
    }

    @Test
    void driftSharedByBothMembersOfAPairCancels() {
        SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
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
        for (ConfidenceSequence.Rule rule : ConfidenceSequence.Rule.values()) {
            RatioInterval one = ConfidenceSequence.ratio(rule, new double[] {2}, new double[] {1}, 0.95);
            assertFalse(one.hasInterval());
            assertFalse(one.decides(0.5));
            RatioInterval two = ConfidenceSequence.ratio(rule, new double[] {2, 2.01}, new double[] {1, 1}, 0.95);
            assertTrue(Double.isInfinite(two.upper()) && two.lower() == 0, "no decision from two pairs: " + two);
        }
        int least = ConfidenceSequence.minimumPairs(0.95);
        assertEquals(9, least, "one-sided at 5%: 2^-9 is below 5%, and the mixture boundary asks a little more");
        double[] twos = new double[least];
        java.util.Arrays.fill(twos, 2);
        double[] ones = new double[least];
        java.util.Arrays.fill(ones, 1);
        assertFalse(ConfidenceSequence.ratio(MEDIAN, java.util.Arrays.copyOf(twos, least - 1),
                java.util.Arrays.copyOf(ones, least - 1), 0.95).decides(1.0),
                "the median's sign counts need " + least + " unanimous pairs");
        assertTrue(ConfidenceSequence.ratio(MEDIAN, twos, ones, 0.95).decides(1.0));
    }

    @Test
    void fiveTightPairsDecideOnTheMean() {
        double[] baseline = {390, 380, 400, 390, 385};
        double[] candidate = {150, 148, 152, 149, 151};
        assertTrue(ConfidenceSequence.ratio(MEAN, candidate, baseline, 0.95).upper() < 0.85,
                "memory readings of fresh workers: a 62% reduction is clear from five pairs");
        assertFalse(ConfidenceSequence.ratio(MEAN, java.util.Arrays.copyOf(candidate, 4),
                java.util.Arrays.copyOf(baseline, 4), 0.95).decides(0.85), "four cannot decide at 95%");
    }

    /**
     * What one busy core does to block latencies here (BENCHMARKS.md): a third of the pairs land
     * on opposite sides of a threefold slowdown. The median still decides an A/A comparison against
     * a 10% margin; the mean's spread would need thousands of pairs.
     */
    @Test
    void bimodalNoiseOfABusyMachineStillDecidesOnTheMedian() {
        SplittableRandom random = new SplittableRandom(9);
        DoubleSupplier busyMachine = () -> {
            double u = random.nextDouble();
            double shift = u < 0.17 ? -1.1 : u < 0.34 ? 1.1 : 0;
            return shift + 0.03 * random.nextGaussian();
        };
        SequentialComparison median = new SequentialComparison(MEDIAN, 0.95, new PairOrder(1));
        SequentialComparison.Stop stop = run(median, busyMachine, 0.9, new SequentialComparison.Budget(20, 400, null));
        assertTrue(stop.decided() && median.interval().lower() > 0.9, median.interval().toString());
        SequentialComparison mean = new SequentialComparison(MEAN, 0.95, new PairOrder(1));
        assertFalse(run(mean, busyMachine, 0.9, new SequentialComparison.Budget(20, 400, null)).decided());
    }

    @Test
    void theIntervalWidensAsTheConfidenceRises() {
        double[] a = {1.0, 1.2, 0.9, 1.1, 1.3, 0.95, 1.05, 1.15, 1.02, 0.97, 1.12, 1.08, 0.99, 1.01, 1.2, 0.93};
        double[] b = {1.1, 1.0, 1.0, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        for (ConfidenceSequence.Rule rule : ConfidenceSequence.Rule.values()) {
            RatioInterval ninety = ConfidenceSequence.ratio(rule, a, b, 0.80);
            RatioInterval ninetyNine = ConfidenceSequence.ratio(rule, a, b, 0.99);
            assertTrue(ninetyNine.lower() < ninety.lower() && ninetyNine.upper() > ninety.upper(),
                    rule + ": " + ninety + " " + ninetyNine);
        }
    }

    /**
     * The error control is exact, and the test can tell a wrong alpha. At a true ratio exactly equal to
     * the threshold every decision is wrong; looking after every pair from the fewest that can decide
     * (9) to 200, the median rule PASSes wrongly with probability exactly
     * {@link ConfidenceSequence#exactOneSidedError} = 2.545% at confidence 0.95 (the count of pairs
     * below the median is a fair binomial walk, followed through every look), and by symmetry FAILs
     * wrongly as often. 2500 simulated runs per noise give each side's rate with a standard error of
     * 0.31%; it must lie within 4 of them of the exact rate, on normal, heavy-tailed (Laplace) and
     * bimodal (busy machine) log ratios. A rule at twice the alpha (confidence 0.90: 5.87%) lies 10
     * standard errors away, and a two-sided rule (the one used before: about 1.1% per side) 4.6. Each noise
     * is its own case, and the cases run side by side.
     */
    @ParameterizedTest(name = "{0} log ratios")
    @ValueSource(strings = {"normal", "heavy-tailed", "bimodal"})
    void atTheThresholdEachSidesErrorIsTheExactOne(String noiseName) {
        int runs = 2500;
        int least = ConfidenceSequence.minimumPairs(0.95);
        SequentialComparison.Budget budget = new SequentialComparison.Budget(least, 200, null);
        double exact = ConfidenceSequence.exactOneSidedError(least, 200, 0.95);
        assertEquals(0.02545, exact, 5e-5);
        assertEquals(0.0587, ConfidenceSequence.exactOneSidedError(ConfidenceSequence.minimumPairs(0.90), 200, 0.90),
                5e-4);
        SplittableRandom random = new SplittableRandom(11 + noiseName.hashCode());
        DoubleSupplier noise = switch (noiseName) {
            case "normal" -> () -> 0.1 * random.nextGaussian();
            case "heavy-tailed" -> () -> 0.1 * (random.nextBoolean() ? 1 : -1) * Math.log(1 / (1 - random.nextDouble()));
            default -> () -> (random.nextBoolean() ? 1 : -1) * (random.nextDouble() < 0.35 ? 1.1 : 0.02)
                    + 0.01 * random.nextGaussian();
        };
        double standardError = Math.sqrt(exact * (1 - exact) / runs);
        int wrongPass = 0;
        int wrongFail = 0;
        for (int r = 0; r < runs; r++) {
            SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(r));
            run(c, noise, 1.0, budget);
            RatioInterval interval = c.interval();
            wrongPass += interval.lower() > 1.0 ? 1 : 0;
            wrongFail += interval.upper() < 1.0 ? 1 : 0;
        }
        System.out.printf("median rule at the threshold, %s log ratios, %d runs: wrong PASS %d, wrong FAIL %d%n",
                noiseName, runs, wrongPass, wrongFail);
        for (int wrong : new int[] {wrongPass, wrongFail}) {
            double rate = (double) wrong / runs;
            assertTrue(Math.abs(rate - exact) < 4 * standardError, String.format(java.util.Locale.ROOT,
                    "a side's error %.4f against the exact %.4f (standard error %.4f)", rate, exact, standardError));
        }
    }

    /**
     * The mean rule's mixture is two-sided, so each side's error is at most alpha, conservatively:
     * simulated at the threshold on normal log ratios (its assumption), 2000 runs of up to 200 pairs
     * PASS wrongly in 36 and FAIL wrongly in 33 (1.8%, 1.65%), each side below 5%.
     */
    @Test
    void theMeanRulesSidesStayBelowTheStatedError() {
        SplittableRandom random = new SplittableRandom(12);
        int runs = 2000;
        int wrongPass = 0;
        int wrongFail = 0;
        for (int r = 0; r < runs; r++) {
            SequentialComparison c = new SequentialComparison(MEAN, 0.95, new PairOrder(r));
            run(c, () -> 0.1 * random.nextGaussian(), 1.0, new SequentialComparison.Budget(2, 200, null));
            wrongPass += c.interval().lower() > 1.0 ? 1 : 0;
            wrongFail += c.interval().upper() < 1.0 ? 1 : 0;
        }
        System.out.printf("mean rule at the threshold, %d runs: wrong PASS %d, wrong FAIL %d%n", runs, wrongPass,
                wrongFail);
        double bound = 0.05 * runs + 3 * Math.sqrt(0.05 * 0.95 * runs);
        assertTrue(wrongPass < bound && wrongFail < bound, wrongPass + " / " + wrongFail);
        assertTrue(wrongPass > 0.002 * runs && wrongFail > 0.002 * runs,
                "not so conservative that it never decides: " + wrongPass + " / " + wrongFail);
    }

    /**
     * A case the rules cover only in part, measured: noise that persists from one pair of blocks to the
     * next (a lag-1 correlation between their log ratios, as when a stretch of load favours one model),
     * the median exactly at the threshold. At a correlation of 0.6, with pairs of blocks judged one by
     * one, the median rule PASSed wrongly about 20% of the time (13.4% with the variance inflation and
     * the runs check). Groups of four blocks halve the correlation the rule sees (0.48 between groups),
     * and the inflation and the runs check bring the rate to 7.7% (77 of 1000 here), still above the
     * stated 2.5%. At 0.9 (groups 0.85) the runs check catches 23 of 400 as dependent and 93 still PASS
     * wrongly (27 and 91 with the check at 0.001). The
     * declared-conditions rule removes the commonest source (load beyond the free cores), and
     * docs/verdicts.md states the limit.
     */
    @Test
    void persistentNoiseIsCaughtByTheDependenceCheck() {
        int[] runsAt = {1000, 400};
        int[] wrongPass = new int[2];
        int[] dependent = new int[2];
        double[] correlations = {0.6, 0.9};
        for (int k = 0; k < correlations.length; k++) {
            double rho = correlations[k];
            int runs = runsAt[k];
            SplittableRandom random = new SplittableRandom(13);
            for (int r = 0; r < runs; r++) {
                double[] state = {0};
                DoubleSupplier ar = () -> {
                    state[0] = rho * state[0] + Math.sqrt(1 - rho * rho) * 0.1 * random.nextGaussian();
                    return state[0];
                };
                SequentialComparison c = new SequentialComparison(MEDIAN, 0.95, new PairOrder(r));
                SequentialComparison.Stop stop = run(c, ar, 1.0,
                        new SequentialComparison.Budget(ConfidenceSequence.minimumPairs(0.95), 200, null));
                wrongPass[k] += stop.reason() == SequentialComparison.Reason.DECIDED && c.interval().lower() > 1.0 ? 1 : 0;
                dependent[k] += stop.reason() == SequentialComparison.Reason.DEPENDENT ? 1 : 0;
            }
            System.out.printf("lag-1 correlation %.1f between pairs of blocks at the threshold, %d runs: %d wrong PASS"
                    + " decided, %d caught as dependent%n", rho, runs, wrongPass[k], dependent[k]);
        }
        assertTrue(wrongPass[0] < 0.10 * runsAt[0], wrongPass[0] + " wrong PASSes of " + runsAt[0] + " at 0.6");
        assertTrue(dependent[1] > 0.01 * runsAt[1], dependent[1] + " caught of " + runsAt[1] + " at 0.9");
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
