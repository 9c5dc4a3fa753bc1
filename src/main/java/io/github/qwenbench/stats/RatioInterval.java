package io.github.qwenbench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The typical ratio of two paired series, with a percentile bootstrap confidence interval that
 * resamples whole pairs. Pairs are adjacent measurement blocks of the two models (A B B A ...), so
 * machine drift moves both members of a pair alike. The estimate is the outlier-robust {@code exp(median(log(numerator_i / denominator_i)))}: one preempted block shifts
 * it by at most one rank, where it would drag a mean ratio along.
 *
 * @param estimate the median pair ratio
 * @param lower lower bound of the interval
 * @param upper upper bound of the interval
 * @param confidence the interval's confidence level, e.g. 0.95
 * @param pairs how many pairs the estimate rests on
 * @param resamples bootstrap resamples drawn
 */
public record RatioInterval(double estimate, double lower, double upper, double confidence, int pairs,
        int resamples) {

    /** The smallest number of pairs from which an interval is computed. */
    public static final int MIN_PAIRS = 4;

    /**
     * @param numerator per pair, e.g. the baseline's block latency
     * @param denominator per pair, e.g. the candidate's block latency
     * @param confidence e.g. 0.95
     * @param resamples bootstrap resamples, e.g. 2000
     * @param seed the bootstrap's seed, so that a result can be reproduced
     */
    public static RatioInterval paired(double[] numerator, double[] denominator, double confidence, int resamples,
            long seed) {
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException("unpaired series: " + numerator.length + " vs " + denominator.length);
        }
        int n = numerator.length;
        double[] logRatios = new double[n];
        for (int i = 0; i < n; i++) {
            logRatios[i] = Math.log(numerator[i] / denominator[i]);
        }
        double estimate = n == 0 ? Double.NaN : Math.exp(Statistics.median(logRatios));
        if (n < MIN_PAIRS) {
            return new RatioInterval(estimate, Double.NaN, Double.NaN, confidence, n, 0);
        }
        double[] medians = new double[resamples];
        double[] resample = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                resample[i] = logRatios[random.nextInt(n)];
            }
            medians[r] = Statistics.median(resample);
        }
        Arrays.sort(medians);
        double alpha = (1 - confidence) / 2;
        return new RatioInterval(estimate, Math.exp(Statistics.quantile(medians, alpha)),
                Math.exp(Statistics.quantile(medians, 1 - alpha)),
                confidence, n, resamples);
    }

    /**
     * The ratio of the medians of two independent series (for example window throughputs of two
     * models measured one after the other), with a percentile bootstrap interval that resamples each
     * series on its own. Weaker than {@link #paired}: drift between the two runs is not cancelled.
     */
    public static RatioInterval unpaired(double[] numerator, double[] denominator, double confidence, int resamples,
            long seed) {
        int n = Math.min(numerator.length, denominator.length);
        double estimate = n == 0 ? Double.NaN : Statistics.median(numerator) / Statistics.median(denominator);
        if (n < MIN_PAIRS) {
            return new RatioInterval(estimate, Double.NaN, Double.NaN, confidence, n, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] top = new double[numerator.length];
        double[] bottom = new double[denominator.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < top.length; i++) {
                top[i] = numerator[random.nextInt(top.length)];
            }
            for (int i = 0; i < bottom.length; i++) {
                bottom[i] = denominator[random.nextInt(bottom.length)];
            }
            ratios[r] = Statistics.median(top) / Statistics.median(bottom);
        }
        Arrays.sort(ratios);
        double alpha = (1 - confidence) / 2;
        return new RatioInterval(estimate, Statistics.quantile(ratios, alpha), Statistics.quantile(ratios, 1 - alpha), confidence, n,
                resamples);
    }

    /** Whether an interval exists (enough pairs). */
    public boolean hasInterval() {
        return !Double.isNaN(lower);
    }

    /** Whether the interval lies wholly on one side of {@code threshold}, so a verdict can be given. */
    public boolean decides(double threshold) {
        return hasInterval() && (lower >= threshold || upper < threshold);
    }
}
