package io.github.qwenbench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Whether the candidate's throughput drifts against the baseline's over a run of interleaved pairs,
 * tested at level {@code alpha}: {@code H0: |change| <= floor}, where {@code change} is the slope of
 * the pairs' log ratio {@code y_i = log(candidate_i / baseline_i)} over the pair index times the
 * number of pairs (the relative change over the run). The machine's own drift hits both members of a
 * pair alike and cancels in the ratio; the baseline's raw drift plays no part, neither widening nor
 * narrowing the limit.
 *
 * <p>Construction: two one-sided rank tests. For the upper side the boundary trend is removed,
 * {@code z_i = y_i - floor * i / n}; under H0's boundary with pairs independent and identically
 * distributed apart from the trend, the {@code z_i} are exchangeable, so permuting them is exact. The
 * statistic is the covariance of the pair index with the ranks of {@code z} (Spearman's), whose
 * permutation p-value counts the {@value #PERMUTATIONS} random permutations at least as large as
 * observed, {@code (1 + count) / (1 + B)}. The lower side is the mirror image with
 * {@code z_i = y_i + floor * i / n}. The p-value is twice the smaller one-sided one (Bonferroni), and
 * the test rejects when it is below alpha: each side errs with chance at most alpha / 2, so the test
 * errs with chance at most alpha whatever the floor and the noise (about alpha / 2 at the boundary
 * when the floor is large against the noise, since the far side then has no chance). Ranks make the test indifferent to how much slower a preempted block was, and the
 * reported change is Theil and Sen's (the median of the pairwise slopes), robust for the same reason.
 *
 * <p>Not covered: positively autocorrelated log ratios (a disturbance lasting several pairs that hits
 * one model only) make permutation tests too eager; the Monte-Carlo test measures it for AR(1) 0.5.
 * With fewer than {@link #MIN_PAIRS} pairs (or {@code n!} no larger than {@code 2 / alpha}) the test
 * cannot reject: a stability gate fails only on evidence.
 *
 * @param change Theil and Sen's relative change of candidate over baseline throughput over the run
 * @param pValue twice the smaller of the two one-sided p-values (at most 1)
 * @param pairs the pairs tested
 * @param floor the largest |change| allowed
 * @param alpha the test's level
 */
public record PairedDrift(double change, double pValue, int pairs, double floor, double alpha) {

    /** Pairs below which the test cannot reject. */
    public static final int MIN_PAIRS = 5;

    /** Random permutations per side. */
    static final int PERMUTATIONS = 2_999;

    /** Tests the throughputs of pair i, {@code baseline[i]} and {@code candidate[i]}, in run order. */
    public static PairedDrift test(double[] baseline, double[] candidate, double floor, double alpha) {
        int n = Math.min(baseline.length, candidate.length);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.log(candidate[i] / baseline[i]);
        }
        double change = theilSen(y) * n;
        if (n < MIN_PAIRS) {
            return new PairedDrift(change, 1, n, floor, alpha);
        }
        double[] up = new double[n];
        double[] down = new double[n];
        for (int i = 0; i < n; i++) {
            up[i] = y[i] - floor * i / n;
            down[i] = y[i] + floor * i / n;
        }
        SplittableRandom random = new SplittableRandom(n * 1_000_003L + 11);
        double p = Math.min(1, 2 * Math.min(pValue(Statistics.ranks(up), true, random),
                pValue(Statistics.ranks(down), false, random)));
        return new PairedDrift(change, p, n, floor, alpha);
    }

    /** Whether there were enough pairs for the test to reject at all: n >= 5 and n! > 2 / alpha. */
    public boolean canReject() {
        if (pairs < MIN_PAIRS) {
            return false;
        }
        double permutations = 1;
        for (int i = 2; i <= pairs && permutations * alpha <= 2; i++) {
            permutations *= i;
        }
        return permutations * alpha > 2 && 2.0 / (1 + PERMUTATIONS) < alpha;
    }

    /** Whether a drift beyond the floor is shown at level alpha. */
    public boolean rejects() {
        return canReject() && pValue < alpha;
    }

    /** The median of the pairwise slopes of y over its index; NaN below two points. */
    static double theilSen(double[] y) {
        int n = y.length;
        if (n < 2) {
            return Double.NaN;
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (y[j] - y[i]) / (j - i);
            }
        }
        return Statistics.median(slopes);
    }

    /** The permutation p-value of the index-rank covariance: upper tail when {@code upper}, else lower. */
    private static double pValue(double[] ranks, boolean upper, SplittableRandom random) {
        int n = ranks.length;
        double observed = covariance(ranks);
        double tolerance = 1e-9 * Math.max(1, Math.abs(observed));
        double[] permuted = ranks.clone();
        int count = 0;
        for (int b = 0; b < PERMUTATIONS; b++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = permuted[i];
                permuted[i] = permuted[j];
                permuted[j] = t;
            }
            double s = covariance(permuted);
            if (upper ? s >= observed - tolerance : s <= observed + tolerance) {
                count++;
            }
        }
        return (1.0 + count) / (1.0 + PERMUTATIONS);
    }

    private static double covariance(double[] ranks) {
        double mid = (ranks.length - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < ranks.length; i++) {
            sum += (i - mid) * ranks[i];
        }
        return sum;
    }
}
