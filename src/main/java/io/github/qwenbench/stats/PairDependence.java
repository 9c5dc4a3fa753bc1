package io.github.qwenbench.stats;

import java.util.Locale;

/**
 * Whether the pairs fall on the two sides of a gate's threshold in runs longer than chance allows:
 * the one-sided Wald-Wolfowitz runs test, exact given how many pairs lie above. The confidence
 * sequences assume independent pairs; what they count is on which side of the threshold each pair
 * falls, so that is what is tested. Noise that persists from pair to pair (a stretch of load that
 * favours one model) makes too few runs; the A B B A / B A A B order makes adjacent pairs of a group
 * lean opposite ways, which adds runs and cannot raise a false alarm. A unanimous sequence (a clear
 * decision) has one run and nothing to test.
 *
 * <p>False-alarm rate: for independent pairs the chance of {@link #dependent()} is at most
 * {@link #LEVEL} (the exact conditional distribution of the runs, so at most, discreteness making it
 * smaller). The check runs once, when a comparison stops decided.
 *
 * @param pairs pairs tested
 * @param above pairs above the threshold
 * @param runs maximal runs of pairs on the same side
 * @param pValue the chance of at most {@code runs} runs for independent pairs
 */
public record PairDependence(int pairs, int above, int runs, double pValue) {

    /**
     * The check's false-alarm rate for independent pairs, at most. A build of every suite checks about
     * a dozen decided comparisons, and the evidence script's 10 rounds some 600: at 1 in 1000 a false
     * alarm among those was more likely than not (one came, p = 0.00085); at 1 in 10000 a build's
     * chance stays near 0.1%.
     */
    public static final double LEVEL = 1e-4;

    /** Whether the pairs are dependent beyond chance, at {@link #LEVEL}. */
    public boolean dependent() {
        return pValue < LEVEL;
    }

    /** The check in words. */
    public String describe() {
        return String.format(Locale.ROOT, "%d runs of pairs on one side of the threshold among %d pairs (%d above):"
                + " runs test p = %.2g, dependent below %s", runs, pairs, above, pValue, LEVEL);
    }

    /** Tests the pairs' log ratios against the log of the threshold. */
    public static PairDependence check(double[] logRatios, double logThreshold) {
        int n = logRatios.length;
        int above = 0;
        int runs = 0;
        Boolean previous = null;
        for (double x : logRatios) {
            boolean side = x > logThreshold;
            above += side ? 1 : 0;
            if (previous == null || previous != side) {
                runs++;
            }
            previous = side;
        }
        return new PairDependence(n, above, runs, atMostRuns(runs, above, n - above));
    }

    /** P(R <= runs) for a random arrangement of {@code a} and {@code b} items of two kinds. */
    static double atMostRuns(int runs, int a, int b) {
        if (a == 0 || b == 0) {
            return 1;
        }
        double[] logFactorial = new double[a + b + 1];
        for (int i = 1; i <= a + b; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
        double logTotal = logChoose(logFactorial, a + b, a);
        double p = 0;
        for (int r = 2; r <= runs; r++) {
            int k = r / 2;
            double ways;
            if (r % 2 == 0) {
                ways = 2 * Math.exp(logChoose(logFactorial, a - 1, k - 1) + logChoose(logFactorial, b - 1, k - 1)
                        - logTotal);
            } else {
                ways = Math.exp(logChoose(logFactorial, a - 1, k) + logChoose(logFactorial, b - 1, k - 1) - logTotal)
                        + Math.exp(logChoose(logFactorial, a - 1, k - 1) + logChoose(logFactorial, b - 1, k)
                                - logTotal);
            }
            p += ways;
        }
        return Math.min(1, p);
    }

    private static double logChoose(double[] logFactorial, int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial[n] - logFactorial[k] - logFactorial[n - k];
    }
}
