package io.github.qwenbench.plan;

/**
 * Validated performance settings.
 *
 * @param warmupIterations un-measured inferences per model
 * @param pairs the block pairs, the time ceiling and the blocks of the speedup comparison
 * @param samples distinct input samples cycled through
 * @param confidence one minus the error of each side of the speedup's bounds, for the whole sequential procedure
 * @param minSpeedup gate: the whole interval must reach it
 */
public record PerformanceSettings(int warmupIterations, PairBudget pairs, int samples, double confidence,
        double minSpeedup) {

    public static PerformanceSettings from(PerformanceConfig config) throws BenchmarkSetupException {
        PerformanceConfig c = config != null ? config : new PerformanceConfig();
        int warmup = Thresholds.atLeast("performance/warmupIterations", c.warmupIterations, 0);
        double confidence = Thresholds.fraction("performance/confidence", c.confidence, 0.5, 0.999);
        PairBudget pairs = PairBudget.from("performance", c.minPairs, c.maxPairs, c.maxDuration, c.blockSize,
                confidence);
        int samples = Thresholds.atLeast("performance/samples", c.samples, 1);
        Double minSpeedup = Thresholds.number("performance/minSpeedup", c.minSpeedup, 0.01, 100);
        if (minSpeedup == null) {
            throw new BenchmarkSetupException("performance/minSpeedup is empty: give the speedup the candidate must"
                    + " reach, e.g. 1.20 (20% faster) or 0.95 (at most 5% slower).");
        }
        return new PerformanceSettings(warmup, pairs, samples, confidence, minSpeedup);
    }
}
