package io.github.qwenbench.stats;

import java.util.Arrays;

/**
 * Anytime-valid confidence sequences for the ratio of two paired series: the bounds they give after
 * 2, 3, 4, ... pairs hold at every look at once, so looking after every pair and stopping as soon as
 * the interval clears a threshold (optional stopping, with budgets in pairs or in time, so the number
 * of looks is not known in advance) keeps the stated error rate for the whole procedure, which a
 * fixed-sample interval looked at repeatedly does not.
 *
 * <p>Every gate asks a one-sided question ("at least 0.9?"), so each bound is its own one-sided
 * sequence: the lower bound is wrongly above the true ratio with probability at most
 * {@code 1 - confidence} over the whole sequence, and so is the upper bound below it. A PASS at a
 * candidate exactly at the threshold therefore happens at most {@code 1 - confidence} of the time,
 * and so does a FAIL; the two-sided interval {@code [lower, upper]} covers with {@code 1 - 2 (1 - confidence)}.
 *
 * <p>The pairs are the log ratios {@code x_i = log(numerator_i / denominator_i)} of adjacent
 * measurements of the two models ({@link PairOrder}), so that machine drift moves both members of a
 * pair alike. Two rules, chosen by what the pairs look like:
 *
 * <ul>
 *   <li>{@link Rule#MEDIAN} for timings: a distribution-free confidence sequence for the median log
 *       ratio (Howard and Ramdas 2022, "Sequential estimation of quantiles"): the count of pairs
 *       below the true median is a sum of fair coin flips, and a one-sided normal-mixture boundary
 *       (Robbins; a half-normal mixing density) on that sum holds at every look; each bound is an order
 *       statistic. Latencies on a busy machine are bimodal (an inference that shares a core with
 *       another process takes three times as long), which wrecks a mean but not a median. It needs
 *       {@link #minimumPairs} pairs (9 at 0.95) before it can decide anything; {@link #exactOneSidedError}
 *       gives its exact error for a budget.</li>
 *   <li>{@link Rule#MEAN} for near-deterministic figures measured a few times at great cost (memory
 *       of fresh workers): the geometric mean ratio, inverting the scale-invariant mixture t test
 *       (Lai 1976; a normal prior of variance 1 on the standardized effect, the right-Haar prior on
 *       the spread), a test martingale under the null whatever the variance, so Ville's inequality
 *       bounds the chance it ever crosses 1/alpha. The mixture is two-sided, so each one-sided error is
 *       at most {@code 1 - confidence} (conservatively). It assumes roughly normal log ratios; five
 *       tight pairs can decide.</li>
 * </ul>
 */
public final class ConfidenceSequence {

    /** How pairs are summarized, and so which confidence sequence is used. */
    public enum Rule {
        /** The median pair ratio, distribution-free: for timings. */
        MEDIAN("one-sided anytime-valid confidence sequences for each bound of the median pair ratio"
                + " (distribution-free: order statistics within a one-sided normal-mixture boundary on the sign counts,"
                + " Howard and Ramdas 2022); valid at every look, so measuring on until the interval clears the"
                + " threshold keeps each side's stated error (a wrong PASS, a wrong FAIL)"),
        /** The geometric mean pair ratio, assuming roughly normal log ratios: for few, tight pairs. */
        MEAN("anytime-valid confidence sequence for the geometric mean pair ratio (Lai 1976 mixture t test, prior"
                + " scale 1, two-sided, so each side's error is at most the stated one); valid at every look, so"
                + " measuring on until the interval clears the threshold keeps the stated error");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        /** The rule in words, as results record it. */
        public String description() {
            return description;
        }
    }

    /** Prior variance of the standardized effect in the mixture t test: a unit-information prior. */
    static final double PRIOR_SCALE = 1.0;

    /**
     * Variance of the normal mixture of the sign-count boundary, in units of the counts' intrinsic
     * time {@code n/4}: tightest around 30 pairs, where most comparisons decide.
     */
    static final double SIGN_MIXTURE = 1.0;

    private ConfidenceSequence() {
    }

    /**
     * The interval for the ratio {@code numerator / denominator} after all pairs given so far.
     *
     * @param numerator per pair, e.g. the baseline's block latency
     * @param denominator per pair, e.g. the candidate's block latency
     * @param confidence e.g. 0.95
     */
    public static RatioInterval ratio(Rule rule, double[] numerator, double[] denominator, double confidence) {
        return ratio(rule, numerator, denominator, confidence, Double.NaN);
    }

    /**
     * The interval, with the median rule's dependence correction measured on the pairs' sides of
     * {@code threshold} (the gate's), where a decision is at stake; NaN: of their median.
     */
    public static RatioInterval ratio(Rule rule, double[] numerator, double[] denominator, double confidence,
            double threshold) {
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException("unpaired series: " + numerator.length + " vs " + denominator.length);
        }
        int n = numerator.length;
        double[] logRatios = new double[n];
        for (int i = 0; i < n; i++) {
            logRatios[i] = Math.log(numerator[i] / denominator[i]);
        }
        return rule == Rule.MEDIAN ? ofMedian(logRatios, confidence, Math.log(threshold))
                : ofMean(logRatios, confidence);
    }

    /** The interval for {@code exp(median(logRatios))}. */
    static RatioInterval ofMedian(double[] logRatios, double confidence, double logReference) {
        int n = logRatios.length;
        double[] sorted = logRatios.clone();
        Arrays.sort(sorted);
        double median = Statistics.quantile(sorted, 0.5);
        if (n < RatioInterval.MIN_PAIRS || !Double.isFinite(median)) {
            return new RatioInterval(Math.exp(median), Double.NaN, Double.NaN, confidence, n,
                    Rule.MEDIAN.description());
        }
        double inflation = varianceInflation(logRatios, Double.isNaN(logReference) ? median : logReference);
        int lowRank = inflation <= 1 ? lowRank(n, 1 - confidence)
                : (int) Math.floor(n / 2.0 - boundary(inflation * n / 4.0, 1 - confidence)) + 1;
        int highRank = n + 1 - lowRank;
        double lower = lowRank >= 1 ? Math.exp(sorted[lowRank - 1]) : 0;
        double upper = highRank <= n ? Math.exp(sorted[highRank - 1]) : Double.POSITIVE_INFINITY;
        return new RatioInterval(Math.exp(median), lower, upper, confidence, n, Rule.MEDIAN.description());
    }

    /**
     * How far the count of pairs below the true median may exceed {@code n/2} at any look, on one
     * side, with probability at most {@code alpha} over the whole sequence: the boundary of a one-sided
     * normal mixture (a half-normal mixing density) for a sum of {@code n} fair coin flips of size
     * 1/2, whose centered sum {@code S} is 1/4-sub-Gaussian per flip (intrinsic time {@code V = n/4}).
     * The mixture martingale is {@code 2 sqrt(rho / (V + rho)) exp(S^2 / (2 (V + rho))) Phi(S / sqrt(V + rho))};
     * Ville's inequality bounds the chance it ever reaches {@code 1/alpha}, and the boundary is the
     * {@code S} where it does.
     */
    static double signBoundary(int n, double alpha) {
        return boundary(n / 4.0, alpha);
    }

    /** The one-sided boundary at intrinsic time {@code variance} (n/4 for n independent flips). */
    private static double boundary(double variance, double alpha) {
        double time = variance + SIGN_MIXTURE;
        double target = Math.log(1 / alpha);
        return smallestReaching(x -> logHalfNormalMixture(x, time), target,
                Math.sqrt(2 * time * (target + Math.log(time / SIGN_MIXTURE)) + 1));
    }

    /**
     * The smallest {@code x >= 0} at which the increasing {@code f} reaches {@code target} (to double
     * precision): doubling from {@code guess} until it does, then bisecting.
     */
    private static double smallestReaching(java.util.function.DoubleUnaryOperator f, double target, double guess) {
        double low = 0;
        double high = guess;
        while (f.applyAsDouble(high) < target) {
            high *= 2;
        }
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (f.applyAsDouble(mid) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** The most the variance inflation may widen the boundary's time. */
    static final double MAX_INFLATION = 10;

    /**
     * How much dependence between pairs inflates the variance of the count of pairs below a reference
     * (the gate's threshold, where the decision is at stake): {@code 1 + 2 sum_k w_k r_k} over the lag-k
     * autocorrelations {@code r_k} of the pairs' sides of it, with Bartlett weights {@code w_k = 1 - k / (K + 1)} up to lag {@code K = n^(1/3)}
     * (Newey and West 1987), at least 1 (independent pairs, and the negative dependence of A B B A /
     * B A A B groups, keep the exact boundary) and at most {@link #MAX_INFLATION}. Noise that persists
     * from pair to pair (a stretch of load that favours one model) moves many pairs across the
     * threshold together, so their count strays further than independent coin flips would; the boundary is
     * solved at the inflated intrinsic time. A plug-in estimate: it brings the error of correlated
     * pairs near the stated one, not exactly to it (measured in the tests).
     */
    static double varianceInflation(double[] logRatios, double reference) {
        int n = logRatios.length;
        double[] side = new double[n];
        int above = 0;
        for (int i = 0; i < n; i++) {
            side[i] = logRatios[i] > reference ? 1 : 0;
            above += (int) side[i];
        }
        if (above == 0 || above == n) {
            // every pair on one side: no variation to correlate (counted exactly: a mean summed from 1/n
            // steps misses 1 by a rounding error that made a spurious inflation of all-above sequences)
            return 1;
        }
        double mean = (double) above / n;
        double variance = 0;
        for (double v : side) {
            variance += (v - mean) * (v - mean);
        }
        int lags = Math.max(1, (int) Math.floor(Math.cbrt(n)));
        double inflation = 1;
        for (int k = 1; k <= lags && k < n; k++) {
            double covariance = 0;
            for (int i = 0; i + k < n; i++) {
                covariance += (side[i] - mean) * (side[i + k] - mean);
            }
            inflation += 2 * (1 - k / (lags + 1.0)) * covariance / variance;
        }
        return Math.min(MAX_INFLATION, Math.max(1, inflation));
    }

    /** log of the one-sided mixture martingale at centered sum {@code s} and {@code time = V + rho}. */
    private static double logHalfNormalMixture(double s, double time) {
        return Math.log(2) + 0.5 * Math.log(SIGN_MIXTURE / time) + s * s / (2 * time)
                + Statistics.logNormalCdf(s / Math.sqrt(time));
    }

    /**
     * The fewest pairs from which the median rule can decide at all (every pair on one side of the
     * threshold): below this, no budget can end in PASS or FAIL.
     */
    public static int minimumPairs(double confidence) {
        for (int n = RatioInterval.MIN_PAIRS; n < 10_000; n++) {
            if (lowRank(n, 1 - confidence) >= 1) {
                return n;
            }
        }
        throw new IllegalArgumentException("confidence " + confidence + " needs more than 10000 pairs");
    }

    /** Ranks computed so far, per alpha: the boundary is solved numerically, and every look needs one. */
    private static final java.util.Map<Double, int[]> LOW_RANKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rank of the lower bound's order statistic after {@code n} pairs: 0 or less means no lower bound yet. */
    static int lowRank(int n, double alpha) {
        int[] ranks = LOW_RANKS.get(alpha);
        if (ranks == null || ranks.length <= n) {
            int[] grown = new int[Math.max(2 * n + 1, 256)];
            for (int k = 0; k < grown.length; k++) {
                grown[k] = ranks != null && k < ranks.length ? ranks[k]
                        : (int) Math.floor(k / 2.0 - signBoundary(k, alpha)) + 1;
            }
            LOW_RANKS.put(alpha, grown);
            ranks = grown;
        }
        return ranks[n];
    }

    /**
     * The exact chance that the median rule ever puts its lower bound above the true median ratio,
     * looking after every pair from {@code minPairs} to {@code maxPairs}: the error of a PASS for a
     * candidate exactly at the threshold (and, by symmetry, of a FAIL with the upper bound), computed by
     * following the count of pairs below the median, a fair binomial walk, through every look. The
     * rule promises at most {@code 1 - confidence}; this is what it delivers.
     */
    public static double exactOneSidedError(int minPairs, int maxPairs, double confidence) {
        double alpha = 1 - confidence;
        double[] mass = {1.0};
        double crossed = 0;
        for (int n = 1; n <= maxPairs; n++) {
            double[] next = new double[n + 1];
            for (int k = 0; k < mass.length; k++) {
                next[k] += mass[k] / 2;
                next[k + 1] += mass[k] / 2;
            }
            mass = next;
            if (n >= minPairs) {
                int rank = lowRank(n, alpha);
                for (int k = 0; k <= Math.min(n, rank - 1); k++) {
                    crossed += mass[k];
                    mass[k] = 0;
                }
            }
        }
        return crossed;
    }

    /**
     * The least spread of log ratios the mean rule uses: memory is read in kB of tens of MiB, so a ratio is
     * known to about 1e-4, and identical ratios give an interval of that resolution, never of zero width.
     */
    public static final double MEAN_RESOLUTION = 1e-4;

    /** The interval for {@code exp(mean(logRatios))}, its spread at least {@link #MEAN_RESOLUTION}. */
    static RatioInterval ofMean(double[] logRatios, double confidence) {
        int n = logRatios.length;
        if (n == 0) {
            return new RatioInterval(Double.NaN, Double.NaN, Double.NaN, confidence, 0, Rule.MEAN.description());
        }
        double mean = 0;
        for (double x : logRatios) {
            mean += x;
        }
        mean /= n;
        if (n < RatioInterval.MIN_PAIRS || !Double.isFinite(mean)) {
            return new RatioInterval(Math.exp(mean), Double.NaN, Double.NaN, confidence, n, Rule.MEAN.description());
        }
        double squares = 0;
        for (double x : logRatios) {
            squares += (x - mean) * (x - mean);
        }
        double stddev = Math.max(Math.sqrt(squares / (n - 1)), MEAN_RESOLUTION);
        double halfWidth = criticalT(n, 1 - confidence) * stddev / Math.sqrt(n);
        if (Double.isNaN(halfWidth)) {
            halfWidth = Double.POSITIVE_INFINITY;
        }
        return new RatioInterval(Math.exp(mean), Math.exp(mean - halfWidth), Math.exp(mean + halfWidth), confidence, n,
                Rule.MEAN.description());
    }

    /**
     * The |t| statistic at which the mixture Bayes factor after {@code n} observations reaches
     * {@code 1/alpha}; infinite when no t reaches it yet (too few pairs for any decision).
     */
    static double criticalT(int n, double alpha) {
        return CRITICAL_T.computeIfAbsent(java.util.List.of(n, alpha), key -> solveCriticalT(n, alpha));
    }

    /** Critical values solved so far, per pairs and alpha: every look of the memory rule needs one. */
    private static final java.util.Map<java.util.List<Object>, Double> CRITICAL_T =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static double solveCriticalT(int n, double alpha) {
        double target = Math.log(1 / alpha);
        if (logBayesFactor(Double.POSITIVE_INFINITY, n) <= target) {
            return Double.POSITIVE_INFINITY;
        }
        return smallestReaching(t -> logBayesFactor(t, n), target, 1);
    }

    /**
     * log of the scale-invariant Bayes factor for a mean of zero against a normal prior on the
     * standardized effect, for the one-sample t statistic {@code t} of {@code n} observations
     * (Rouder et al. 2009, with a normal rather than Cauchy prior).
     */
    static double logBayesFactor(double t, int n) {
        double nu = n - 1;
        double spread = 1 + n * PRIOR_SCALE;
        if (Double.isInfinite(t)) {
            return (nu / 2) * Math.log(spread);
        }
        return -0.5 * Math.log(spread)
                + (n / 2.0) * (Math.log1p(t * t / nu) - Math.log1p(t * t / (nu * spread)));
    }
}
