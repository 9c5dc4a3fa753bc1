package io.github.qwenbench.stats;

import java.util.Arrays;

/**
 * Anytime-valid confidence sequences for the ratio of two paired series: the intervals they give
 * after 2, 3, 4, ... pairs all contain the true ratio at once with probability at least the stated
 * confidence. Looking after every pair and stopping as soon as the interval clears a threshold
 * (optional stopping, with budgets in pairs or in time, so the number of looks is not known in
 * advance) therefore keeps the stated error rate for the whole procedure, which a fixed-sample
 * interval looked at repeatedly does not.
 *
 * <p>The pairs are the log ratios {@code x_i = log(numerator_i / denominator_i)} of adjacent
 * measurements of the two models (A B B A ...), so that machine drift moves both members of a pair
 * alike. Two rules, chosen by what the pairs look like:
 *
 * <ul>
 *   <li>{@link Rule#MEDIAN} for timings: a distribution-free confidence sequence for the median log
 *       ratio (Howard and Ramdas 2022, "Sequential estimation of quantiles"): the count of pairs
 *       below the true median is a sum of fair coin flips, and a normal-mixture boundary (Robbins)
 *       on that sum holds at every look; the interval is a pair of order statistics. Latencies on a
 *       busy machine are bimodal (an inference that shares a core with another process takes three
 *       times as long), which wrecks a mean but not a median. It needs about 12 pairs before it
 *       can decide anything.</li>
 *   <li>{@link Rule#MEAN} for near-deterministic figures measured a few times at great cost (memory
 *       of fresh workers): the geometric mean ratio, inverting the scale-invariant mixture t test
 *       (Lai 1976; a normal prior of variance 1 on the standardized effect, the right-Haar prior on
 *       the spread), a test martingale under the null whatever the variance, so Ville's inequality
 *       bounds the chance it ever crosses 1/alpha. It assumes roughly normal log ratios; five tight
 *       pairs can decide.</li>
 * </ul>
 */
public final class ConfidenceSequence {

    /** How pairs are summarized, and so which confidence sequence is used. */
    public enum Rule {
        /** The median pair ratio, distribution-free: for timings. */
        MEDIAN("anytime-valid confidence sequence for the median pair ratio (distribution-free: order statistics"
                + " within a normal-mixture boundary on the sign counts, Howard and Ramdas 2022); valid at every look,"
                + " so measuring on until the interval clears the threshold keeps the stated confidence"),
        /** The geometric mean pair ratio, assuming roughly normal log ratios: for few, tight pairs. */
        MEAN("anytime-valid confidence sequence for the geometric mean pair ratio (Lai 1976 mixture t test, prior"
                + " scale 1); valid at every look, so measuring on until the interval clears the threshold keeps the"
                + " stated confidence");

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
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException("unpaired series: " + numerator.length + " vs " + denominator.length);
        }
        int n = numerator.length;
        double[] logRatios = new double[n];
        for (int i = 0; i < n; i++) {
            logRatios[i] = Math.log(numerator[i] / denominator[i]);
        }
        return rule == Rule.MEDIAN ? ofMedian(logRatios, confidence) : ofMean(logRatios, confidence);
    }

    /** The interval for {@code exp(median(logRatios))}. */
    static RatioInterval ofMedian(double[] logRatios, double confidence) {
        int n = logRatios.length;
        double[] sorted = logRatios.clone();
        Arrays.sort(sorted);
        double median = Statistics.quantile(sorted, 0.5);
        if (n < RatioInterval.MIN_PAIRS || !Double.isFinite(median)) {
            return new RatioInterval(Math.exp(median), Double.NaN, Double.NaN, confidence, n,
                    Rule.MEDIAN.description());
        }
        double half = signBoundary(n, 1 - confidence);
        int lowRank = (int) Math.floor(n / 2.0 - half) + 1;
        int highRank = (int) Math.ceil(n / 2.0 + half);
        double lower = lowRank >= 1 ? Math.exp(sorted[lowRank - 1]) : 0;
        double upper = highRank <= n ? Math.exp(sorted[highRank - 1]) : Double.POSITIVE_INFINITY;
        return new RatioInterval(Math.exp(median), lower, upper, confidence, n, Rule.MEDIAN.description());
    }

    /**
     * How far the count of pairs below the true median may stray from {@code n/2} at any look: the
     * two-sided normal-mixture boundary for a sum of {@code n} fair coin flips of size 1/2 (intrinsic
     * time {@code n/4}).
     */
    static double signBoundary(int n, double alpha) {
        double time = n / 4.0 + SIGN_MIXTURE;
        return Math.sqrt(time * Math.log(time / (SIGN_MIXTURE * alpha * alpha)));
    }

    /** The interval for {@code exp(mean(logRatios))}. */
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
        double stddev = Math.sqrt(squares / (n - 1));
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
        double target = Math.log(1 / alpha);
        if (logBayesFactor(Double.POSITIVE_INFINITY, n) <= target) {
            return Double.POSITIVE_INFINITY;
        }
        double low = 0;
        double high = 1;
        while (logBayesFactor(high, n) < target) {
            high *= 2;
        }
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (logBayesFactor(mid, n) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
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
