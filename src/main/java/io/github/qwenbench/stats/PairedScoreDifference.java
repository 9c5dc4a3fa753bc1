package io.github.qwenbench.stats;

import java.util.Random;

/**
 * How much lower the candidate scores than the baseline on the same evaluation items, with a
 * confidence bound on each side. Each item gets a score in [0, 1] from each model (exact match 0 or
 * 1, ANLS in [0, 1], ...); the drop on item {@code i} is {@code d_i = baseline_i - candidate_i} in
 * [-1, 1], and the quantity judged is the mean drop {@code mu} over the population of tasks the
 * items were drawn from. Pairing the items cancels their difficulty: items both models get right or
 * both get wrong give {@code d_i = 0} and add no noise.
 *
 * <p>The bounds are confidence bounds by betting (Waudby-Smith and Ramdas 2024, "Estimating means of
 * bounded random variables by betting", JRSS-B 86(1)). For the upper bound, a gambler who doubts
 * {@code mu >= m} bets on each item in turn and holds the capital
 * {@code K_n(m) = prod_i (1 + lambda_i(m) (m - d_i))}. Under {@code mu >= m} with non-negative bets this is a
 * non-negative supermartingale starting at 1, so by Ville's inequality it ever reaches {@code 1/alpha}
 * with probability at most {@code alpha}; the upper bound is the largest {@code m} it has not reached.
 * The lower bound is the same on {@code -d_i} (there the cap below is {@code 1/(1 + m)}). Details:
 *
 * <ul>
 *   <li>Admissible bets: a factor {@code 1 + lambda (m - d)} is non-negative for every {@code d} in [-1, 1]
 *       iff {@code 0 <= lambda <= 1/(1 - m)} (the worst item is {@code d = 1}); each bet is hedged to at
 *       most {@link #HEDGE} of that cap, so every factor is at least {@code 1 - HEDGE > 0}.</li>
 *   <li>Bets: the predictable plug-in of the paper for a fixed number {@code n} of items,
 *       {@code lambda_i = min(sqrt(2 log(1/alpha) / (n s_{i-1}^2)), HEDGE/(1 - m))}, where {@code s_{i-1}^2} is
 *       the variance of the items before {@code i} shrunk towards 1 (one pseudo-item of the largest
 *       variance on [-1, 1]). A bet uses only earlier items, which is what makes the capital a
 *       supermartingale.</li>
 *   <li>The rejected {@code m} form an interval: with bets that do not depend on {@code m}, each factor is
 *       non-decreasing in {@code m}; the hedge cap does depend on {@code m}, but {@code 1 + HEDGE (m - d)/(1 - m)}
 *       is non-decreasing too (derivative {@code HEDGE (1 - d)/(1 - m)^2 >= 0}) and the two pieces meet where
 *       the cap starts to bind, so each capped factor is positive and non-decreasing, and so is their
 *       product. {@code {m : K_n(m) < 1/alpha}} is therefore [-1, U), and U is found by bisection
 *       (to {@link #TOLERANCE}, rounded outwards).</li>
 * </ul>
 *
 * <p>Each bound spends its own {@code alpha}, one-sided for its own question: {@code upper < threshold}
 * answers "is the drop at most the threshold?" (the gate passes) with error at most {@code alpha}, and
 * {@code lower > threshold} answers "is it more?" (the gate fails) with error at most {@code alpha}; the
 * interval as a whole covers {@code mu} with probability at least {@code 1 - 2 alpha}. Neither is ever of
 * zero width: when all items agree, the upper bound still falls only like {@code log(1/alpha)/(HEDGE n)}
 * (at {@code alpha = 0.05}: below 0.10 from 39 items, below 0.05 from 80), and a small set
 * leaves the verdict inconclusive. With discordant items the half-width is about
 * {@code sigma sqrt(2 log(1/alpha)/n)}, a Chernoff-type tail, against {@code 1.645 sigma/sqrt(n)} for a
 * normal approximation at 5%: the bound needs about twice the items of a normal-theory test, the price
 * of holding for any scores in [0, 1] and any number of items.
 *
 * <p>Validity needs each item's drop to have mean {@code mu} given the items bet on before it. Items
 * sampled independently from the task population satisfy this in any order fixed without regard to
 * their content, but a set sorted by category or difficulty does not: with all-agreeing items first
 * and the drops after them, the bets grow on the first part and the upper bound lands below the true
 * mean (in simulations of 1000 such items with a true drop of 0.10, in 98% of the sets). So the items are bet on in a fixed pseudo-random order (a
 * seeded shuffle, {@link #inFixedOrder}), which is unrelated to their content and makes the result
 * reproducible. In the rare case that the plug-in bound does not exceed the mean drop (possible,
 * since the bets vary along the sequence; not seen in random sets after the shuffle), it is widened
 * to Hoeffding's (1963) bound {@code meanDrop + sqrt(2 log(1/alpha)/n)}: widening never adds error. Likewise
 * for the lower bound.
 *
 * @param items how many paired items
 * @param meanDrop the mean of {@code baseline_i - candidate_i}: positive when the candidate scores lower
 * @param lower lower confidence bound of the mean drop at level {@code 1 - alpha}; {@code lower < meanDrop}
 *        unless {@code meanDrop = -1}
 * @param upper upper confidence bound of the mean drop at level {@code 1 - alpha}; {@code upper > meanDrop}
 *        unless {@code meanDrop = 1}
 * @param alpha error of each bound (one-sided)
 * @param method how the bounds were computed, in words
 */
public record PairedScoreDifference(int items, double meanDrop, double lower, double upper, double alpha,
        String method) {

    /** The fraction of the largest admissible bet that a bet may take (the paper uses 1/2 or 3/4). */
    static final double HEDGE = 0.75;

    /** Precision of the bounds; each is rounded outwards by less than this. */
    static final double TOLERANCE = 1e-6;

    /**
     * Variance of the one pseudo-item that the plug-in variance starts from: the largest variance on
     * [-1, 1] (the paper's 1/4 on [0, 1], scaled to a range twice as wide).
     */
    static final double PRIOR_VARIANCE = 1.0;

    /** Seed of the fixed order in which the items are bet on. */
    static final long ORDER_SEED = 1;

    /** The rule in words, as results record it. */
    public static final String METHOD = "one-sided confidence bounds for the mean paired score drop"
            + " (baseline - candidate per item, in [-1, 1]) by betting with predictable plug-in bets hedged to "
            + HEDGE + " of the largest admissible bet (Waudby-Smith and Ramdas 2024); each bound errs with"
            + " probability at most alpha (Ville's inequality), items taken in a fixed pseudo-random order";

    /**
     * The mean drop and its bounds.
     *
     * @param baseline score of the baseline model per item, in [0, 1]
     * @param candidate score of the candidate model on the same items, in [0, 1]
     * @param alpha error of each one-sided bound, in (0, 0.5), e.g. 0.05
     */
    public static PairedScoreDifference of(double[] baseline, double[] candidate, double alpha) {
        if (baseline == null || candidate == null) {
            throw new IllegalArgumentException("scores missing: baseline " + (baseline == null ? "null" : "given")
                    + ", candidate " + (candidate == null ? "null" : "given"));
        }
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("unpaired scores: " + baseline.length + " baseline vs "
                    + candidate.length + " candidate items");
        }
        if (baseline.length == 0) {
            throw new IllegalArgumentException("no items: at least 1 paired item is needed");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
        }
        int n = baseline.length;
        double[] drops = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            checkScore("baseline", i, baseline[i]);
            checkScore("candidate", i, candidate[i]);
            drops[i] = baseline[i] - candidate[i];
            sum += drops[i];
        }
        double mean = Math.max(-1, Math.min(1, sum / n));
        drops = inFixedOrder(drops);
        double[] negated = new double[n];
        for (int i = 0; i < n; i++) {
            negated[i] = -drops[i];
        }
        double upper = containing(upperBound(drops, alpha), mean, alpha, n);
        double lower = -containing(upperBound(negated, alpha), -mean, alpha, n);
        return new PairedScoreDifference(n, mean, lower, upper, alpha, METHOD);
    }

    /** Whether the drop is shown to be below {@code threshold}: the gate passes. */
    public boolean dropBelow(double threshold) {
        return upper < threshold;
    }

    /** Whether the drop is shown to be above {@code threshold}: the gate fails. */
    public boolean dropAbove(double threshold) {
        return lower > threshold;
    }

    private static void checkScore(String model, int item, double score) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException(model + " score of item " + item + " must be in [0, 1], got " + score);
        }
    }

    /**
     * The drops in a fixed pseudo-random order (Fisher-Yates with {@link #ORDER_SEED}; {@link Random}
     * is specified exactly, so every JVM gives the same order): the same for every set of the same
     * size, unrelated to the items' content.
     */
    static double[] inFixedOrder(double[] drops) {
        double[] shuffled = drops.clone();
        Random random = new Random(ORDER_SEED);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        return shuffled;
    }

    /** The upper bound, widened to Hoeffding's when it does not exceed the mean (never at the edge 1). */
    private static double containing(double bound, double mean, double alpha, int n) {
        if (bound > mean || mean >= 1) {
            return bound;
        }
        return Math.min(1, mean + Math.sqrt(2 * Math.log(1 / alpha) / n));
    }

    /**
     * The betting upper bound U: the largest {@code m} in [-1, 1] whose capital stays below
     * {@code 1/alpha}, by bisection. At {@code m = -1} every factor is at most 1, so the capital is at most
     * 1 and {@code -1} is never rejected.
     */
    static double upperBound(double[] drops, double alpha) {
        double[] bets = plugInBets(drops, alpha);
        double target = Math.log(1 / alpha);
        if (logCapital(drops, bets, 1) < target) {
            return 1;
        }
        double low = -1;
        double high = 1;
        while (high - low > TOLERANCE / 2) {
            double mid = (low + high) / 2;
            if (logCapital(drops, bets, mid) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * The uncapped predictable plug-in bets {@code sqrt(2 log(1/alpha) / (n s_{i-1}^2))}, each from the items
     * before it: {@code s_t^2 = (PRIOR_VARIANCE + sum_{j <= t} (d_j - mean_j)^2) / (t + 1)} with the running
     * mean {@code mean_j = (sum_{k <= j} d_k) / (j + 1)} (one pseudo-item at 0), as in the paper.
     */
    static double[] plugInBets(double[] drops, double alpha) {
        int n = drops.length;
        double numerator = 2 * Math.log(1 / alpha) / n;
        double[] bets = new double[n];
        double sum = 0;
        double squares = PRIOR_VARIANCE;
        for (int i = 0; i < n; i++) {
            bets[i] = Math.sqrt(numerator * (i + 1) / squares);
            sum += drops[i];
            double runningMean = sum / (i + 2);
            squares += (drops[i] - runningMean) * (drops[i] - runningMean);
        }
        return bets;
    }

    /** log K_n(m), each bet capped at {@code HEDGE/(1 - m)} (uncapped at {@code m = 1}, where no drop loses). */
    static double logCapital(double[] drops, double[] bets, double m) {
        double cap = m < 1 ? HEDGE / (1 - m) : Double.POSITIVE_INFINITY;
        double log = 0;
        for (int i = 0; i < drops.length; i++) {
            log += Math.log1p(Math.min(bets[i], cap) * (m - drops[i]));
        }
        return log;
    }
}
