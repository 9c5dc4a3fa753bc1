package io.github.qwenbench.plan;

import io.github.qwenbench.stats.SequentialComparison;
import java.time.Duration;

/**
 * Validated performance settings.
 *
 * @param warmupIterations un-measured inferences per model
 * @param iterations measured inferences per model before the speedup interval is first looked at
 * @param maxIterations the most inferences per model while the interval cannot decide the gate
 * @param durationMillis time budget for measuring (both models), or 0 for none
 * @param blockSize inferences per block
 * @param samples distinct input samples cycled through
 * @param confidence the speedup interval's confidence level, for the whole sequential procedure
 * @param minSpeedup gate: the whole interval must reach it
 */
public record PerformanceSettings(int warmupIterations, int iterations, int maxIterations, long durationMillis,
        int blockSize, int samples, double confidence, double minSpeedup) {

    /** Fewest blocks per model before the first look. */
    public static final int MIN_BLOCKS = 4;

    /** The measuring budget, in block pairs and in time. */
    public SequentialComparison.Budget budget() {
        return new SequentialComparison.Budget(iterations / blockSize, maxIterations / blockSize,
                durationMillis > 0 ? Duration.ofMillis(durationMillis) : null);
    }

    public static PerformanceSettings from(PerformanceConfig config) throws BenchmarkSetupException {
        PerformanceConfig c = config != null ? config : new PerformanceConfig();
        int warmup = Thresholds.atLeast("performance/warmupIterations", c.warmupIterations, 0);
        int blockSize = Thresholds.atLeast("performance/blockSize", c.blockSize, 1);
        Duration duration = Thresholds.duration("performance/duration", c.duration);
        int iterations = c.iterations;
        if (iterations < MIN_BLOCKS * blockSize) {
            throw new BenchmarkSetupException("performance/iterations is " + iterations + ", but with blockSize "
                    + blockSize + " each model needs at least " + MIN_BLOCKS * blockSize
                    + " iterations (" + MIN_BLOCKS + " blocks) for a confidence interval: raise iterations or lower"
                    + " blockSize.");
        }
        if (c.maxIterations < iterations) {
            throw new BenchmarkSetupException("performance/maxIterations is " + c.maxIterations
                    + ", below performance/iterations (" + iterations + "): raise it, or set it equal to iterations"
                    + " to measure a fixed count.");
        }
        int samples = Thresholds.atLeast("performance/samples", c.samples, 1);
        double confidence = Thresholds.fraction("performance/confidence", c.confidence, 0.5, 0.999);
        Double minSpeedup = Thresholds.number("performance/minSpeedup", c.minSpeedup, 0.01, 100);
        if (minSpeedup == null) {
            throw new BenchmarkSetupException("performance/minSpeedup is empty: give the speedup the candidate must"
                    + " reach, e.g. 1.20 (20% faster) or 0.95 (at most 5% slower).");
        }
        return new PerformanceSettings(warmup, iterations, c.maxIterations,
                duration == null ? 0 : duration.toMillis(), blockSize, samples, confidence, minSpeedup);
    }
}
