package io.github.qwenbench.stats;

/**
 * An anytime-valid confidence sequence for the ratio of two paired series: the intervals it gives
 * after 2, 3, 4, ... pairs all contain the true ratio at once with probability at least the stated
 * confidence. Looking after every pair and stopping as soon as the interval clears a threshold
 * (optional stopping, with budgets in pairs or in time, so the number of looks is not known in
 * advance) therefore keeps the stated error rate for the whole procedure, which a fixed-sample
 * interval looked at repeatedly does not.
 *
 * <p>The pairs are the log ratios {@code x_i = log(numerator_i / denominator_i)} of adjacent
 * measurement blocks of the two models (A B B A ...), so that machine drift moves both members of a
 * pair alike. The interval is for the mean of {@code x}, mapped back by {@code exp}: the geometric
 * mean ratio. It inverts the scale-invariant mixture t test (Lai 1976, "On confidence sequences";
 * the Bayes factor with a normal prior of variance {@code g} on the standardized effect and the
 * right-Haar prior on the unknown spread, which is a test martingale under the null, so Ville's
 * inequality bounds the chance that it ever crosses 1/alpha). It assumes the log ratios are
 * independent and roughly normal, with an unknown variance; heavy tails widen the interval (more
 * measuring, or INCONCLUSIVE), they do not make it lie.
 */
public final class ConfidenceSequence {

    /** Prior variance of the standardized effect: a unit-information prior. */
    static final double PRIOR_SCALE = 1.0;

    /** The rule, as results record it. */
    public static final String RULE = "anytime-valid confidence sequence (Lai 1976 mixture t test, prior scale g=1)"
            + " for the geometric mean of the pair ratios; valid at every look, so measuring on until the interval"
            + " clears the threshold keeps the stated confidence";

    private ConfidenceSequence() {
    }

    /**
     * The interval for the ratio {@code numerator / denominator} after all pairs given so far.
     *
     * @param numerator per pair, e.g. the baseline's block latency
     * @param denominator per pair, e.g. the candidate's block latency
     * @param confidence e.g. 0.95
     */
    public static RatioInterval ratio(double[] numerator, double[] denominator, double confidence) {
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException("unpaired series: " + numerator.length + " vs " + denominator.length);
        }
        int n = numerator.length;
        double[] logRatios = new double[n];
        for (int i = 0; i < n; i++) {
            logRatios[i] = Math.log(numerator[i] / denominator[i]);
        }
        return ofLogRatios(logRatios, confidence);
    }

    /** The interval for {@code exp(mean(logRatios))}. */
    public static RatioInterval ofLogRatios(double[] logRatios, double confidence) {
        int n = logRatios.length;
        if (n == 0) {
            return new RatioInterval(Double.NaN, Double.NaN, Double.NaN, confidence, 0, RULE);
        }
        double mean = 0;
        for (double x : logRatios) {
            mean += x;
        }
        mean /= n;
        if (n < RatioInterval.MIN_PAIRS || Double.isNaN(mean) || Double.isInfinite(mean)) {
            return new RatioInterval(Math.exp(mean), Double.NaN, Double.NaN, confidence, n, RULE);
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
                RULE);
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
