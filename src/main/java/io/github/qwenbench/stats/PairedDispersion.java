package io.github.qwenbench.stats;

/**
 * Whether the candidate's block throughput is more spread out than the baseline's allows, from
 * blocks measured in interleaved pairs (pair k's two blocks adjacent in time): a paired test, at
 * level {@code alpha}, of {@code H0: sigma_c <= factor x sigma_b + floor}, where sigma is a model's
 * spread of log block throughput (about its coefficient of variation).
 *
 * <p>Construction. Each model's log throughputs are centred on their median, giving deviations
 * {@code d_b[k]} and {@code d_c[k]}. The robust spread is the median absolute deviation over 0.6745
 * (consistent for normal blocks); the tolerance becomes a ratio, {@code rho0 = factor + floor /
 * sigma_b}, with sigma_b the baseline's estimate. The candidate's absolute deviations are divided by
 * rho0 and ranked together with the baseline's (2n values, midranks for ties); the statistic is the
 * sum of the candidate's ranks. At the boundary of H0 (the candidate's deviations distributed as rho0
 * times the baseline's) the scaled candidate and the baseline deviation of a pair are exchangeable, so
 * swapping them within a pair (a sign flip of the pair) leaves the joint distribution unchanged: given
 * the ranks, each pair gives the candidate either of its two ranks with chance 1/2, independently,
 * and that distribution of the sum is computed exactly for any number of pairs. The p-value is its
 * chance of a sum at least as large as observed; the test rejects when {@code p < alpha}, and
 * {@code level} is its exact chance of rejecting given these ranks. With {@code factor = 1},
 * {@code floor = 0} and identical models the test is exact but for the medians' estimation (the
 * Monte-Carlo test checks it). With the tolerance rho0 is estimated (its error is the test's other
 * approximation) and at least 1, so identical models fail far less often than alpha. Ranks bound what
 * a preempted block can do, and ranking all 2n deviations together uses every block, not only its
 * pair partner.
 *
 * <p>The smallest p-value is {@code 2^-n}: with {@code 2^-n >= alpha} (fewer than 7 pairs at 0.01)
 * the test cannot reject, and a stability gate fails only on evidence.
 *
 * @param baselineSpread sigma_b: the baseline's robust spread of log block throughput
 * @param candidateSpread sigma_c: the candidate's
 * @param allowedSpread {@code factor x sigma_b + floor}
 * @param pValue the p-value of the paired rank test
 * @param level the test's exact chance of rejecting at the boundary, given these ranks (at most alpha)
 * @param pairs the pairs of blocks tested
 * @param alpha the test's level
 */
public record PairedDispersion(double baselineSpread, double candidateSpread, double allowedSpread, double pValue,
        double level, int pairs, double alpha) {

    /** The median absolute deviation of a normal sample over its standard deviation. */
    static final double MAD_OF_NORMAL = 0.6744897501960817;

    /** Tests the block throughputs of pair i, {@code baseline[i]} and {@code candidate[i]}. */
    public static PairedDispersion test(double[] baseline, double[] candidate, double factor, double floor,
            double alpha) {
        int n = Math.min(baseline.length, candidate.length);
        double[] b = deviations(baseline, n);
        double[] c = deviations(candidate, n);
        double sigmaB = medianAbsolute(b) / MAD_OF_NORMAL;
        double sigmaC = medianAbsolute(c) / MAD_OF_NORMAL;
        double allowed = factor * sigmaB + floor;
        if (n == 0 || !(sigmaB > 0)) {
            return new PairedDispersion(sigmaB, sigmaC, allowed, 1, 0, n, alpha);
        }
        double rho0 = allowed / sigmaB;
        double[] pooled = new double[2 * n];
        for (int k = 0; k < n; k++) {
            pooled[k] = Math.abs(c[k]) / rho0;
            pooled[n + k] = Math.abs(b[k]);
        }
        double[] ranks = Statistics.ranks(pooled);
        int[] weights = new int[n];
        int observed = 0;
        for (int k = 0; k < n; k++) {
            int rc = (int) Math.round(2 * ranks[k]);
            int rb = (int) Math.round(2 * ranks[n + k]);
            weights[k] = Math.abs(rc - rb);
            if (rc > rb) {
                observed += weights[k];
            }
        }
        double[] tail = upperTail(distribution(weights));
        double level = 0;
        for (double p : tail) {
            if (p < alpha) {
                level = Math.max(level, p);
            }
        }
        return new PairedDispersion(sigmaB, sigmaC, allowed, tail[observed], level, n, alpha);
    }

    /** Whether {@code 2^-pairs < alpha}: whether any outcome could reject. */
    public boolean canReject() {
        return pairs > 0 && Math.pow(2, -pairs) < alpha;
    }

    /** Whether the candidate is shown more spread out than allowed at level alpha. */
    public boolean rejects() {
        return pValue < alpha;
    }

    private static double[] deviations(double[] throughput, int n) {
        double[] log = new double[n];
        for (int i = 0; i < n; i++) {
            log[i] = Math.log(throughput[i]);
        }
        double median = Statistics.median(log);
        for (int i = 0; i < n; i++) {
            log[i] -= median;
        }
        return log;
    }

    private static double medianAbsolute(double[] values) {
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        return Statistics.median(abs);
    }

    /** P(S = s) where S sums the weights each included with chance 1/2. */
    private static double[] distribution(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        double[] p = new double[total + 1];
        p[0] = 1;
        int reach = 0;
        for (int weight : weights) {
            for (int s = reach; s >= 0; s--) {
                if (p[s] != 0) {
                    p[s + weight] += p[s] / 2;
                    p[s] /= 2;
                }
            }
            reach += weight;
        }
        return p;
    }

    /** P(S >= s) for every s. */
    private static double[] upperTail(double[] distribution) {
        double[] tail = new double[distribution.length];
        double sum = 0;
        for (int s = distribution.length - 1; s >= 0; s--) {
            sum += distribution[s];
            tail[s] = Math.min(1, sum);
        }
        return tail;
    }
}
