package io.github.qwenbench.plan;

import java.time.Duration;
import java.util.List;

/**
 * Validated hardware suite settings.
 *
 * @param threads intra-op thread counts of the thread-scaling curve (empty: skipped)
 * @param maxDurationMillis the time ceiling of the thread-scaling comparisons together
 * @param minThroughputRatio the gate at every thread count
 * @param profileIterations inferences per model under the engine's profiler (0: skipped)
 * @param gemmSize n of the GEMM probe's n x n matrices (0: skipped)
 * @param bandwidthMebibytes size of the bandwidth probe's tensor (0: skipped)
 */
public record HardwareSettings(List<Integer> threads, long maxDurationMillis, double minThroughputRatio,
        int profileIterations, int gemmSize, int bandwidthMebibytes) {

    public HardwareSettings {
        threads = List.copyOf(threads);
    }

    /**
     * How each thread count is measured and gated: the scalability suite's blocks and pairs, this
     * suite's ceiling and gate.
     */
    public ScalabilitySettings points(ScalabilitySettings scalability) {
        return scalability.pointsOnly("hardware", maxDurationMillis, minThroughputRatio);
    }

    public static HardwareSettings from(HardwareConfig config) throws BenchmarkSetupException {
        HardwareConfig c = config != null ? config : new HardwareConfig();
        List<Integer> threads = c.threads == null
                ? ScalabilitySettings.upToTheCores(Runtime.getRuntime().availableProcessors())
                : ScalabilitySettings.sizes("hardware/threads", c.threads);
        Duration maxDuration = Thresholds.duration("hardware/maxDuration", c.maxDuration);
        if (maxDuration == null) {
            throw new BenchmarkSetupException("hardware/maxDuration is empty: give the time ceiling of the"
                    + " thread-scaling comparisons, e.g. 30s.");
        }
        Double ratio = Thresholds.number("hardware/minThroughputRatio", c.minThroughputRatio, 0.01, 100);
        if (ratio == null) {
            throw new BenchmarkSetupException("hardware/minThroughputRatio is empty: give the least candidate/baseline"
                    + " throughput at every thread count, e.g. 0.90 (at most 10% slower).");
        }
        int gemmSize = Thresholds.atLeast("hardware/gemmSize", c.gemmSize, 0);
        if (gemmSize > 8192) {
            throw new BenchmarkSetupException("hardware/gemmSize is " + gemmSize + ": at most 8192 (three " + gemmSize
                    + " x " + gemmSize + " float32 matrices would not fit a benchmark worker); 512 to 2048 is plenty.");
        }
        return new HardwareSettings(threads, maxDuration.toMillis(), ratio,
                Thresholds.atLeast("hardware/profileIterations", c.profileIterations, 0), gemmSize,
                Thresholds.atLeast("hardware/bandwidthMebibytes", c.bandwidthMebibytes, 0));
    }
}
