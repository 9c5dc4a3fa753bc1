package io.github.qwenbench.system;

import io.github.qwenbench.stats.RatioInterval;
import java.util.List;

/**
 * What the system suite measured: both models under the same load, one after the other.
 *
 * @param models baseline then candidate
 * @param throughputRatio candidate over baseline window throughput, with an interval
 * @param method how the ratio was computed
 */
public record SystemMetrics(List<SystemSample> models, RatioInterval throughputRatio, String method) {

    public static final String METHOD = "Each model serves the same load alone in its own worker, the baseline"
            + " first. The throughput ratio is the median window throughput of the candidate over the baseline's,"
            + " with a percentile bootstrap interval that resamples each model's windows on its own; unlike the"
            + " performance suite's paired blocks it does not cancel drift between the two runs.";

    public static SystemMetrics combine(SystemSample baseline, SystemSample candidate, double confidence, long seed) {
        double[] b = baseline.windows().stream().mapToDouble(SystemSample.Window::throughput).toArray();
        double[] c = candidate.windows().stream().mapToDouble(SystemSample.Window::throughput).toArray();
        return new SystemMetrics(List.of(baseline, candidate), RatioInterval.unpaired(c, b, confidence, 2000, seed),
                METHOD);
    }
}
