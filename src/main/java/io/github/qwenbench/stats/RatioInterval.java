package io.github.qwenbench.stats;

/**
 * A ratio of the two models (for example baseline latency / candidate latency) with its confidence
 * interval. Every comparison of the plugin produces one through {@link ConfidenceSequence}, so that
 * all gates that compare the models are decided the same way.
 *
 * @param estimate the ratio's estimate (median or geometric mean of the pair ratios, as {@code rule} says)
 * @param lower lower bound of the interval; NaN when there are too few pairs for one
 * @param upper upper bound of the interval; NaN when there are too few pairs for one; infinite while
 *        the pairs cannot yet exclude any ratio
 * @param confidence the interval's confidence level, e.g. 0.95, holding for the whole sequential
 *        procedure (every look at the interval), not for one look
 * @param pairs how many pairs the estimate rests on
 * @param rule how the interval was computed, in words
 */
public record RatioInterval(double estimate, double lower, double upper, double confidence, int pairs, String rule) {

    /** The smallest number of pairs from which an interval is computed. */
    public static final int MIN_PAIRS = 2;

    /** Whether an interval exists (enough pairs). */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** Whether the interval lies wholly on one side of {@code threshold}, so a verdict can be given. */
    public boolean decides(double threshold) {
        return hasInterval() && (lower > threshold || upper < threshold);
    }
}
