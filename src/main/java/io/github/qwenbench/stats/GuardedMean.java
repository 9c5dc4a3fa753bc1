package io.github.qwenbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory rule: {@link ConfidenceSequence.Rule#MEAN} (Lai's mixture t, which assumes roughly normal log
 * ratios) guarded by a distribution-free sign rule for the median pair ratio. The interval is the hull of
 * the two; it clears a threshold only when both do, so each side's error is at most the smaller of theirs.
 *
 * <p>Why a guard, and not a skew test: with 5 to 10 pairs the mean rule decides wrongly when the pairs
 * have <em>not</em> shown the skew. At a true geometric mean equal to the threshold it decides wrongly
 * 12.9% of the time on mean-zero lognormal log ratios and 48.5% with one pair in eight jumping +20%
 * (GuardedMeanTest, the 12.9% and "about 48%"): the wrong decisions come from the runs whose tight
 * pairs happen to miss the tail, which no skew statistic can flag (in a prototype simulation, a robust
 * largest-deviation and a sample skewness cut, each at a 5% false alarm on normal pairs, removed at most 2
 * points of either rate). No rule
 * can bound the error for the mean of an arbitrary skewed distribution from so few pairs; one can for its
 * median. The sign rule gives that bound whatever the distribution, and so the guarded rule's error is at
 * most {@code 1 - confidence} for the median pair ratio under any skew or rare jumps, and for the mean under
 * roughly normal log ratios.
 *
 * <p>The sign rule: the count of pairs below the true median is a fair binomial walk; the lower bound after
 * {@code n} pairs is the order statistic of rank {@link #signRank}, the largest rank that keeps the exact
 * chance of the walk ever crossing, from 2 pairs to {@value #MAX_LOOKS}, within {@code 1 - confidence}
 * (alpha spent greedily, as early as it can be: at 0.95, five unanimous pairs decide, as do 8 of 9).
 * {@link #exactOneSidedError} gives its exact error for a budget (4.10% over 5 to 10 pairs at 0.95).
 *
 * <p>When exactly one of the two rules clears the threshold, the pairs are too skewed (or hold an
 * outlier) for the normal-theory rule, and {@link #skew} says so, naming the pairs on the other side.
 */
public final class GuardedMean {

    /** The most pairs the sign rule's ranks are spent over; beyond, it gives no bound. */
    public static final int MAX_LOOKS = 1000;

    private static final Map<Double, int[]> RANKS = new ConcurrentHashMap<>();

    private final double[] logRatios;
    private final RatioInterval mean;
    private final RatioInterval median;
    private final RatioInterval interval;
    private final double confidence;

    private GuardedMean(double[] logRatios, double confidence) {
        this.logRatios = logRatios;
        this.confidence = confidence;
        this.mean = ConfidenceSequence.ofMean(logRatios, confidence);
        this.median = ofSigns(logRatios, confidence);
        this.interval = new RatioInterval(mean.estimate(), Math.min(mean.lower(), median.lower()),
                Math.max(mean.upper(), median.upper()), confidence, logRatios.length, DESCRIPTION);
    }

    /** How results describe the rule. */
    public static final String DESCRIPTION = "geometric mean pair ratio; the interval is the hull of Lai's anytime-valid"
            + " mixture t interval (assumes roughly normal log ratios; spread at least "
            + ConfidenceSequence.MEAN_RESOLUTION + ") and an exact distribution-free sign-rule interval for the median"
            + " pair ratio, so it clears the threshold only when both do: each side's error is at most the stated one"
            + " for the median under any skew, and for the mean under roughly normal log ratios";

    /** The rule on pairs {@code numerator_i / denominator_i}. */
    public static GuardedMean of(double[] numerator, double[] denominator, double confidence) {
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException("unpaired series: " + numerator.length + " vs " + denominator.length);
        }
        double[] logRatios = new double[numerator.length];
        for (int i = 0; i < logRatios.length; i++) {
            logRatios[i] = Math.log(numerator[i] / denominator[i]);
        }
        return new GuardedMean(logRatios, confidence);
    }

    /** The gate's interval: the hull of {@link #mean} and {@link #median}; its estimate is the geometric mean. */
    public RatioInterval interval() {
        return interval;
    }

    /** Lai's mixture t interval for the geometric mean alone. */
    public RatioInterval mean() {
        return mean;
    }

    /** The sign rule's interval for the median pair ratio alone. */
    public RatioInterval median() {
        return median;
    }

    /**
     * Why the two rules disagree about {@code threshold}: null when both clear it, or neither does;
     * else which one clears it and the pairs on the threshold's other side (1-based, in the order run).
     */
    public String skew(double threshold) {
        boolean byMean = mean.decides(threshold);
        boolean byMedian = median.decides(threshold);
        if (byMean == byMedian || interval.decides(threshold)) {
            return null;
        }
        boolean above = byMean ? mean.lower() > threshold : median.lower() > threshold;
        double logThreshold = Math.log(threshold);
        List<Integer> against = new ArrayList<>();
        for (int i = 0; i < logRatios.length; i++) {
            if (above ? logRatios[i] <= logThreshold : logRatios[i] >= logThreshold) {
                against.add(i + 1);
            }
        }
        int n = logRatios.length;
        int allowed = Math.max(0, signRank(n, 1 - confidence) - 1);
        String pairs = against.size() + " of " + n + " pairs " + (against.isEmpty() ? "" : against + " ")
                + "on the other side of " + format(threshold) + " (the median's sign rule allows at most " + allowed
                + " at " + n + " pairs)";
        return byMean
                ? String.format(Locale.ROOT, "the geometric mean's interval [%s, %s] clears %s, but %s:"
                        + " skewed pairs or an outlier the normal-theory rule cannot weigh",
                        format(mean.lower()), format(mean.upper()), format(threshold), pairs)
                : String.format(Locale.ROOT, "the median's interval [%s, %s] clears %s, but the geometric mean's"
                        + " [%s, %s] does not (%s): an outlier widens the normal-theory interval",
                        format(median.lower()), format(median.upper()), format(threshold), format(mean.lower()),
                        format(mean.upper()), pairs);
    }

    /** How many pairs lie on the far side of {@code threshold} from the geometric mean: the skew check's count. */
    public int pairsAgainstMean(double threshold) {
        double logThreshold = Math.log(threshold);
        boolean above = mean.estimate() > threshold;
        int count = 0;
        for (double x : logRatios) {
            count += (above ? x <= logThreshold : x >= logThreshold) ? 1 : 0;
        }
        return count;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** The sign rule's interval for {@code exp(median(logRatios))}, widened by the readings' resolution. */
    static RatioInterval ofSigns(double[] logRatios, double confidence) {
        int n = logRatios.length;
        double[] sorted = logRatios.clone();
        Arrays.sort(sorted);
        double median = n == 0 ? Double.NaN : Statistics.quantile(sorted, 0.5);
        if (n < RatioInterval.MIN_PAIRS || !Double.isFinite(median)) {
            return new RatioInterval(Math.exp(median), Double.NaN, Double.NaN, confidence, n, "sign rule");
        }
        int lowRank = signRank(n, 1 - confidence);
        int highRank = n + 1 - lowRank;
        double resolution = ConfidenceSequence.MEAN_RESOLUTION;
        double lower = lowRank >= 1 ? Math.exp(sorted[lowRank - 1] - resolution) : 0;
        double upper = lowRank >= 1 ? Math.exp(sorted[highRank - 1] + resolution) : Double.POSITIVE_INFINITY;
        return new RatioInterval(Math.exp(median), lower, upper, confidence, n, "sign rule");
    }

    /**
     * The rank of the sign rule's lower bound after {@code n} pairs (0: none yet): the largest rank whose
     * added chance of a crossing, with every earlier look's, stays within {@code alpha}, for a fair walk
     * followed exactly from 1 pair to {@value #MAX_LOOKS}.
     */
    public static int signRank(int n, double alpha) {
        int[] ranks = RANKS.computeIfAbsent(alpha, GuardedMean::spend);
        return n > MAX_LOOKS ? 0 : ranks[n];
    }

    private static int[] spend(double alpha) {
        int[] ranks = new int[MAX_LOOKS + 1];
        double[] mass = {1.0};
        double spent = 0;
        for (int n = 1; n <= MAX_LOOKS; n++) {
            mass = flip(mass);
            int rank = ranks[n - 1];
            double below = 0;
            for (int k = 0; k < rank; k++) {
                below += mass[k];
            }
            while (rank < (n + 1) / 2 && spent + below + mass[rank] <= alpha * (1 - 1e-12)) {
                below += mass[rank];
                rank++;
            }
            spent += below;
            for (int k = 0; k < rank; k++) {
                mass[k] = 0;
            }
            ranks[n] = rank;
        }
        return ranks;
    }

    /** The count of pairs below the median after one more fair flip: {@code mass[k]} is the chance of k. */
    private static double[] flip(double[] mass) {
        double[] next = new double[mass.length + 1];
        for (int k = 0; k < mass.length; k++) {
            next[k] += mass[k] / 2;
            next[k + 1] += mass[k] / 2;
        }
        return next;
    }

    /**
     * The exact chance that the sign rule ever puts its lower bound above the true median, looking after
     * every pair from {@code minPairs} to {@code maxPairs} (and, by symmetry, its upper bound below it).
     */
    public static double exactOneSidedError(int minPairs, int maxPairs, double confidence) {
        double alpha = 1 - confidence;
        double[] mass = {1.0};
        double crossed = 0;
        for (int n = 1; n <= maxPairs; n++) {
            mass = flip(mass);
            if (n >= minPairs) {
                for (int k = 0; k < Math.min(n + 1, signRank(n, alpha)); k++) {
                    crossed += mass[k];
                    mass[k] = 0;
                }
            }
        }
        return crossed;
    }
}
