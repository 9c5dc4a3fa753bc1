package io.github.qwenbench.stats;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in milliseconds, summarized from an HdrHistogram of nanoseconds (three
 * significant digits: percentiles are exact to 0.1%).
 *
 * @param count recorded inferences
 * @param minMillis fastest
 * @param meanMillis mean
 * @param stddevMillis standard deviation
 * @param coefficientOfVariation stddev / mean
 * @param p50Millis median
 * @param p90Millis 90th percentile
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis slowest
 */
public record LatencySummary(long count, double minMillis, double meanMillis, double stddevMillis,
        double coefficientOfVariation, double p50Millis, double p90Millis, double p95Millis, double p99Millis,
        double p999Millis, double maxMillis) {

    /** A histogram for latencies up to 1 hour, in nanoseconds, with three significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    /** Records one latency, clamped into the histogram's range. */
    public static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos, histogram.getHighestTrackableValue())));
    }

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = h.getMean() / 1e6;
        double stddev = h.getStdDeviation() / 1e6;
        return new LatencySummary(h.getTotalCount(), h.getMinValue() / 1e6, mean, stddev, stddev / mean,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(95) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }
}
