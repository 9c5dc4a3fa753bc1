package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedScoreDifferenceTest {

    private static final double ALPHA = 0.05;

    /** One simulated evaluation set: the two models' scores on the same items. */
    private record Scores(double[] baseline, double[] candidate) {
    }

    /**
     * A model compared with itself: every item agrees, the mean drop is exactly 0, and still the
     * bounds have width, shrinking like {@code log(1/alpha)/(HEDGE n)}. A set of 39 items can pass a
     * 0.10 gate and one of 80 a 0.05 gate (at alpha 0.05), as documented.
     */
    @Test
    void whenAllItemsAgreeTheBoundsShrinkWithTheItemsButNeverVanish() {
        double previous = Double.POSITIVE_INFINITY;
        int passTen = -1;
        int passFive = -1;
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 1; n <= 200; n++) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(3) / 2.0;
            }
            PairedScoreDifference d = PairedScoreDifference.of(scores, scores, ALPHA);
            assertEquals(0, d.meanDrop());
            assertTrue(d.upper() > 0 && (d.upper() < previous || d.upper() == 1), "n=" + n + ": " + d);
            assertEquals(-d.upper(), d.lower(), 1e-12, "symmetric when nothing differs");
            previous = d.upper();
            if (passTen < 0 && d.dropBelow(0.10)) {
                passTen = n;
            }
            if (passFive < 0 && d.dropBelow(0.05)) {
                passFive = n;
            }
            if (n == 100) {
                double rule = Math.log(1 / ALPHA) / (PairedScoreDifference.HEDGE * n);
                assertTrue(d.upper() > rule && d.upper() < 1.1 * rule, d.upper() + " vs log(1/alpha)/(c n) = " + rule);
            }
        }
        System.out.printf("all items agree, alpha %.2f: upper bound below 0.10 from %d items, below 0.05 from %d;"
                + " at 200 items %.4f%n", ALPHA, passTen, passFive, previous);
        assertTrue(passTen >= 35 && passTen <= 45, "a 0.10 gate passes from " + passTen + " items");
        assertTrue(passFive >= 75 && passFive <= 85, "a 0.05 gate passes from " + passFive + " items");
        assertFalse(PairedScoreDifference.of(new double[20], new double[20], ALPHA).dropBelow(0.10),
                "20 agreeing items are too few for a 0.10 gate: inconclusive, not a pass");
    }

    /** 200 items, the baseline right on 150; the candidate loses 30 of those (20%): a true drop of 0.15. */
    @Test
    void aKnownDropIsBracketedAndDistinguishedFromNone() {
        double[] baseline = new double[200];
        double[] candidate = new double[200];
        for (int i = 0; i < 150; i++) {
            baseline[i] = 1;
            candidate[i] = i < 30 ? 0 : 1;
        }
        PairedScoreDifference d = PairedScoreDifference.of(baseline, candidate, ALPHA);
        System.out.println("a 0.15 drop on 200 items: " + d);
        assertEquals(200, d.items());
        assertEquals(0.15, d.meanDrop(), 1e-12);
        assertTrue(d.lower() < 0.15 && 0.15 < d.upper(), d.toString());
        assertTrue(d.dropAbove(0), "the drop is shown to be real: " + d);
        assertTrue(d.dropAbove(0.05), "and more than 5 points: " + d);
        assertFalse(d.dropBelow(0.15) || d.dropAbove(0.15));
        assertTrue(d.upper() - d.lower() < 0.2, "not vacuous: " + d);
        assertEquals(PairedScoreDifference.METHOD, d.method());
    }

    /**
     * Why the items are bet on in a shuffled order: a set sorted so that the agreeing items come
     * first (500 of them) and the drops after them (100 lost of the next 500: a true drop of 0.10)
     * drives the bets up on the first half, and the bound in the given order claims a drop below
     * 0.10. The shuffled order brackets it.
     */
    @Test
    void aSortedSetDoesNotFoolTheBound() {
        double[] baseline = new double[1000];
        double[] candidate = new double[1000];
        double[] drops = new double[1000];
        for (int i = 0; i < 1000; i++) {
            baseline[i] = 1;
            candidate[i] = i >= 500 && i % 5 == 0 ? 0 : 1;
            drops[i] = baseline[i] - candidate[i];
        }
        double givenOrder = PairedScoreDifference.upperBound(drops, ALPHA);
        PairedScoreDifference d = PairedScoreDifference.of(baseline, candidate, ALPHA);
        System.out.printf("sorted set with a true drop of 0.10: upper bound %.4f in the given order, %s shuffled%n",
                givenOrder, d);
        assertTrue(givenOrder < 0.10, "the hazard the shuffle avoids: " + givenOrder);
        assertTrue(d.lower() < 0.10 && 0.10 < d.upper(), d.toString());
    }

    /**
     * The error control is real, each side on its own: at a true mean drop exactly at the threshold
     * 0.10, in 2000 sets of 60 items, the upper bound falls below it (a wrong PASS) and the lower
     * bound rises above it (a wrong FAIL) each in at most alpha of the sets, up to three Monte-Carlo
     * standard errors. Scores are exact-match 0/1 and ANLS-like (0, 1, or uniform in [0.5, 1]).
     */
    @Test
    void atTheThresholdEachBoundErrsAtMostAlpha() {
        SplittableRandom random = new SplittableRandom(42);
        int runs = 2000;
        int n = 60;
        double threshold = 0.10;
        double limit = ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / runs);
        String[] kinds = {"exact match", "ANLS-like"};
        for (int kind = 0; kind < 2; kind++) {
            int wrongPass = 0;
            int wrongFail = 0;
            double meanOfMeans = 0;
            for (int r = 0; r < runs; r++) {
                Scores s = kind == 0 ? exactMatch(random, n, 0.7, 0.15, 0.05) : anlsLike(random, n, 0.16);
                PairedScoreDifference d = PairedScoreDifference.of(s.baseline(), s.candidate(), ALPHA);
                wrongPass += d.dropBelow(threshold) ? 1 : 0;
                wrongFail += d.dropAbove(threshold) ? 1 : 0;
                meanOfMeans += d.meanDrop() / runs;
            }
            System.out.printf("%s, true drop %.2f, n=%d, %d runs: wrong PASS (upper < true) %.4f, wrong FAIL"
                    + " (lower > true) %.4f, limit %.4f; average observed drop %.4f%n", kinds[kind], threshold, n, runs,
                    wrongPass / (double) runs, wrongFail / (double) runs, limit, meanOfMeans);
            assertEquals(threshold, meanOfMeans, 0.005, kinds[kind] + ": the simulation has the intended true drop");
            assertTrue(wrongPass <= limit * runs, kinds[kind] + ": " + wrongPass + " wrong passes in " + runs);
            assertTrue(wrongFail <= limit * runs, kinds[kind] + ": " + wrongFail + " wrong fails in " + runs);
        }
    }

    /**
     * Not vacuous, but not free either: with no true drop, a 0.10 gate passes on 100 items with 20%
     * of them discordant (10% each way) in about 37% of sets, with 40% discordant (20% each way) in
     * about 17%, and on 200 items with 20% discordant in about 72%. The price of a bound that holds
     * without assumptions beyond [-1, 1]: its half-width is about {@code sigma sqrt(2 log(1/alpha)/n)}
     * (a Chernoff-type tail) against {@code 1.645 sigma/sqrt(n)} for a normal approximation, so it
     * needs about twice the items of a normal-theory test. It never fails such a set.
     */
    @Test
    void withoutADropEnoughItemsPass() {
        SplittableRandom random = new SplittableRandom(7);
        int runs = 1000;
        int[][] settings = {{100, 10}, {100, 20}, {200, 10}};
        double[] atLeast = {0.25, 0.10, 0.60};
        for (int k = 0; k < settings.length; k++) {
            int n = settings[k][0];
            double each = settings[k][1] / 100.0;
            int passes = 0;
            int fails = 0;
            for (int r = 0; r < runs; r++) {
                Scores s = exactMatch(random, n, 0.7, each, each);
                PairedScoreDifference d = PairedScoreDifference.of(s.baseline(), s.candidate(), ALPHA);
                passes += d.dropBelow(0.10) ? 1 : 0;
                fails += d.dropAbove(0.10) ? 1 : 0;
            }
            System.out.printf("no true drop, %d items, %.0f%% discordant each way, gate 0.10: PASS in %.3f of %d"
                    + " sets, FAIL in %.3f%n", n, 100 * each, passes / (double) runs, runs, fails / (double) runs);
            assertTrue(passes > atLeast[k] * runs, passes + " passes in " + runs + " sets of " + n);
            assertEquals(0, fails);
        }
    }

    /**
     * The interval always brackets the observed mean strictly, except at the edges of [-1, 1]; a
     * single item or two cannot exclude anything.
     */
    @Test
    void theObservedMeanIsAlwaysStrictlyInside() {
        SplittableRandom random = new SplittableRandom(3);
        for (int r = 0; r < 500; r++) {
            int n = 1 + random.nextInt(120);
            Scores s = random.nextBoolean() ? exactMatch(random, n, random.nextDouble(), 0.3 * random.nextDouble(),
                    0.3 * random.nextDouble()) : anlsLike(random, n, 0.5 * random.nextDouble());
            PairedScoreDifference d = PairedScoreDifference.of(s.baseline(), s.candidate(), 0.01 + 0.2 * random.nextDouble());
            assertTrue(d.lower() < d.meanDrop() || d.meanDrop() == -1, d.toString());
            assertTrue(d.meanDrop() < d.upper() || d.meanDrop() == 1, d.toString());
            assertTrue(d.lower() >= -1 && d.upper() <= 1, d.toString());
        }
        double[] ones = new double[10];
        Arrays.fill(ones, 1);
        PairedScoreDifference all = PairedScoreDifference.of(ones, new double[10], ALPHA);
        assertEquals(1, all.meanDrop());
        assertEquals(1, all.upper());
        assertTrue(all.lower() < 1 && all.lower() > 0, all.toString());
        PairedScoreDifference none = PairedScoreDifference.of(new double[10], ones, ALPHA);
        assertEquals(-1, none.lower());
        assertTrue(none.upper() > -1 && none.upper() < 0, none.toString());
        PairedScoreDifference one = PairedScoreDifference.of(new double[] {0.5}, new double[] {0.5}, ALPHA);
        assertTrue(one.lower() == -1 && one.upper() == 1, "one item decides nothing: " + one);
    }

    @Test
    void aSmallerAlphaWidensBothBounds() {
        Scores s = exactMatch(new SplittableRandom(5), 80, 0.7, 0.1, 0.05);
        PairedScoreDifference loose = PairedScoreDifference.of(s.baseline(), s.candidate(), 0.2);
        PairedScoreDifference tight = PairedScoreDifference.of(s.baseline(), s.candidate(), 0.01);
        assertTrue(tight.lower() < loose.lower() && tight.upper() > loose.upper(), loose + " " + tight);
    }

    @Test
    void invalidInputIsRefusedWithAReason() {
        double[] two = {1, 0};
        assertMessage("unpaired", () -> PairedScoreDifference.of(two, new double[] {1}, ALPHA));
        assertMessage("no items", () -> PairedScoreDifference.of(new double[0], new double[0], ALPHA));
        assertMessage("missing", () -> PairedScoreDifference.of(null, two, ALPHA));
        assertMessage("baseline score of item 1", () -> PairedScoreDifference.of(new double[] {1, 1.5}, two, ALPHA));
        assertMessage("candidate score of item 0", () -> PairedScoreDifference.of(two, new double[] {-0.1, 0}, ALPHA));
        assertMessage("NaN", () -> PairedScoreDifference.of(two, new double[] {Double.NaN, 0}, ALPHA));
        for (double alpha : new double[] {0, 0.5, -0.1, 1, Double.NaN}) {
            assertMessage("alpha", () -> PairedScoreDifference.of(two, two, alpha));
        }
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /**
     * 0/1 scores: the baseline is right with probability {@code accuracy}; the candidate loses
     * (baseline right, candidate wrong) with probability {@code lose} and wins with probability
     * {@code win} per item, so the true mean drop is {@code lose - win}.
     */
    private static Scores exactMatch(SplittableRandom random, int n, double accuracy, double lose, double win) {
        double[] baseline = new double[n];
        double[] candidate = new double[n];
        double winGivenWrong = accuracy < 1 ? Math.min(1, win / (1 - accuracy)) : 0;
        double loseGivenRight = accuracy > 0 ? Math.min(1, lose / accuracy) : 0;
        for (int i = 0; i < n; i++) {
            boolean right = random.nextDouble() < accuracy;
            baseline[i] = right ? 1 : 0;
            candidate[i] = right ? (random.nextDouble() < loseGivenRight ? 0 : 1)
                    : (random.nextDouble() < winGivenWrong ? 1 : 0);
        }
        return new Scores(baseline, candidate);
    }

    /**
     * ANLS-like scores: 0 (30%), 1 (40%) or uniform in [0.5, 1] (30%), mean 0.625. The candidate
     * matches the baseline on half the items and scores independently on the rest (no drop on
     * average), then scores 0 with probability {@code zeroed}: a true mean drop of
     * {@code 0.625 zeroed}.
     */
    private static Scores anlsLike(SplittableRandom random, int n, double zeroed) {
        double[] baseline = new double[n];
        double[] candidate = new double[n];
        for (int i = 0; i < n; i++) {
            baseline[i] = anls(random);
            candidate[i] = random.nextBoolean() ? baseline[i] : anls(random);
            if (random.nextDouble() < zeroed) {
                candidate[i] = 0;
            }
        }
        return new Scores(baseline, candidate);
    }

    private static double anls(SplittableRandom random) {
        double u = random.nextDouble();
        return u < 0.3 ? 0 : u < 0.7 ? 1 : 0.5 + 0.5 * random.nextDouble();
    }
}
