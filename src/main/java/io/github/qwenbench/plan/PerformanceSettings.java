package io.github.qwenbench.plan;

/**
 * Validated performance settings.
 *
 * @param warmupIterations un-measured inferences per model
 * @param iterations measured inferences per model, when sized by count
 * @param maxIterations the most inferences per model while the interval cannot decide the gate
 * @param durationMillis total measuring time when sized by duration, else 0
 * @param blockSize inferences per block
 * @param samples distinct input samples cycled through
 * @param confidence the speedup interval's confidence level
 * @param minSpeedup gate: the interval's lower bound must reach it
 * @param bootstrapResamples resamples for the interval
 */
public record PerformanceSettings(int warmupIterations, int iterations, int maxIterations, long durationMillis,
        int blockSize,
        int samples, double confidence, double minSpeedup, int bootstrapResamples) {

    /** Fewest blocks per model from which an interval is computed. */
    public static final int MIN_BLOCKS = 4;

    public boolean byDuration() {
        return durationMillis > 0;
    }

    public static PerformanceSettings from(PerformanceConfig config) throws BenchmarkSetupException {
        PerformanceConfig c = config != null ? config : new PerformanceConfig();
        int warmup = Thresholds.atLeast("performance/warmupIterations", c.getWarmupIterations(), 0);
        int blockSize = Thresholds.atLeast("performance/blockSize", c.getBlockSize(), 1);
        java.time.Duration duration = Thresholds.duration("performance/duration", c.getDuration());
        int iterations = c.getIterations();
        if (duration == null && iterations < MIN_BLOCKS * blockSize) {
            throw new BenchmarkSetupException("performance/iterations is " + iterations + ", but with blockSize "
                    + blockSize + " each model needs at least " + MIN_BLOCKS * blockSize
                    + " iterations (" + MIN_BLOCKS + " blocks) for a confidence interval: raise iterations or lower"
                    + " blockSize.");
        }
        if (duration == null && c.getMaxIterations() < iterations) {
            throw new BenchmarkSetupException("performance/maxIterations is " + c.getMaxIterations()
                    + ", below performance/iterations (" + iterations + "): raise it, or set it equal to iterations"
                    + " to measure a fixed count.");
        }
        int samples = Thresholds.atLeast("performance/samples", c.getSamples(), 1);
        double confidence = Thresholds.fraction("performance/confidence", c.getConfidence(), 0.5, 0.999);
        Double minSpeedup = Thresholds.number("performance/minSpeedup", c.getMinSpeedup(), 0.01, 100);
        if (minSpeedup == null) {
            throw new BenchmarkSetupException("performance/minSpeedup is empty: give the speedup the candidate must"
                    + " reach, e.g. 1.20 (20% faster) or 0.95 (at most 5% slower).");
        }
        int resamples = Thresholds.atLeast("performance/bootstrapResamples", c.getBootstrapResamples(), 200);
        return new PerformanceSettings(warmup, iterations, c.getMaxIterations(),
                duration == null ? 0 : duration.toMillis(), blockSize,
                samples, confidence, minSpeedup, resamples);
    }
}
