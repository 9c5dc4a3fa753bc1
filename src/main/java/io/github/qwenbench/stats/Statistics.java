package io.github.qwenbench.stats;

import java.util.Arrays;
import java.util.List;

/** Order statistics shared by the suites. */
public final class Statistics {

    private Statistics() {
    }

    /** The median (mean of the middle two for an even count); NaN when empty. The input is not changed. */
    public static double median(double[] values) {
        return quantile(sorted(values), 0.5);
    }

    public static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Linear interpolation between order statistics of a sorted array; NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
