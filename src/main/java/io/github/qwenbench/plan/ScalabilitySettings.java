package io.github.qwenbench.plan;

import io.github.qwenbench.stats.SequentialComparison;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validated scalability settings.
 *
 * @param batchSizes batch sizes to measure
 * @param batchDimension the batch dimension of every input
 * @param concurrency thread counts to measure
 * @param sweeps input-size sweeps
 * @param iterations measured inferences per model and point before the first look
 * @param maxIterations measured inferences per model and point at most
 * @param maxDurationMillis time budget per point
 * @param warmupIterations un-measured inferences per model and point
 * @param blockSize inferences per block
 * @param confidence interval confidence level, for the whole sequential procedure at each point
 * @param minThroughputRatio gate at every point
 * @param stability the candidate's consistency relative to the baseline's, at every point
 * @param maxCoefficientOfVariation absolute gate at every point, or null when off
 * @param minScalingEfficiency gate, or null when off
 */
public record ScalabilitySettings(List<Integer> batchSizes, int batchDimension, List<Integer> concurrency,
        List<Sweep> sweeps, int iterations, int maxIterations, long maxDurationMillis, int warmupIterations,
        int blockSize, double confidence, double minThroughputRatio, RelativeLimit stability,
        Double maxCoefficientOfVariation, Double minScalingEfficiency) {

    /** The measuring budget of one point. */
    public SequentialComparison.Budget budget() {
        return new SequentialComparison.Budget(iterations / blockSize, maxIterations / blockSize,
                Duration.ofMillis(maxDurationMillis));
    }

    /**
     * @param input the input whose size changes
     * @param dimension the dimension that changes
     * @param values the sizes
     */
    public record Sweep(String input, int dimension, List<Integer> values) {
    }

    public static ScalabilitySettings from(ScalabilityConfig config, List<InputSpec> inputs)
            throws BenchmarkSetupException {
        ScalabilityConfig c = config != null ? config : new ScalabilityConfig();
        List<Integer> batches = sizes("scalability/batchSizes", c.batchSizes);
        List<Integer> threads = c.concurrency == null ? upToTheCores(Runtime.getRuntime().availableProcessors())
                : sizes("scalability/concurrency", c.concurrency);
        Thresholds.atLeast("scalability/batchDimension", c.batchDimension, 0);
        for (InputSpec input : inputs) {
            if (input.shape() != null && c.batchDimension >= input.shape().length && !batches.isEmpty()) {
                throw new BenchmarkSetupException("scalability/batchDimension is " + c.batchDimension
                        + ", but input '" + input.name() + "' has only " + input.shape().length + " dimensions.");
            }
        }
        List<Sweep> sweeps = new ArrayList<>();
        if (c.sweeps != null) {
            for (SweepConfig sweep : c.sweeps) {
                String where = "scalability/sweeps/sweep '" + sweep.input + "'";
                InputSpec input = inputs.stream().filter(i -> i.name().equals(sweep.input)).findFirst()
                        .orElseThrow(() -> new BenchmarkSetupException(where + ": no <input> has that name."));
                if (sweep.dimension < 0 || sweep.dimension >= input.shape().length) {
                    throw new BenchmarkSetupException(where + "/dimension is " + sweep.dimension + ", but the"
                            + " input has shape " + input.describeShape() + ".");
                }
                List<Integer> values = sizes(where + "/values", sweep.values);
                if (values.size() < 2) {
                    throw new BenchmarkSetupException(where + "/values needs at least two sizes to fit a growth.");
                }
                sweeps.add(new Sweep(input.name(), sweep.dimension, values));
            }
        }
        int iterations = Thresholds.atLeast("scalability/iterations", c.iterations, 1);
        int blockSize = Thresholds.atLeast("scalability/blockSize", c.blockSize, 1);
        if (iterations < PerformanceSettings.MIN_BLOCKS * blockSize) {
            throw new BenchmarkSetupException("scalability/iterations is " + iterations + ", but with blockSize "
                    + blockSize + " each point needs at least " + PerformanceSettings.MIN_BLOCKS * blockSize
                    + " for a throughput-ratio interval.");
        }
        if (c.maxIterations < iterations) {
            throw new BenchmarkSetupException("scalability/maxIterations is " + c.maxIterations + ", below"
                    + " scalability/iterations (" + iterations + "): raise it, or set it equal to iterations.");
        }
        Duration maxDuration = Thresholds.duration("scalability/maxDuration", c.maxDuration);
        if (maxDuration == null) {
            throw new BenchmarkSetupException("scalability/maxDuration is empty: give the time budget per point,"
                    + " e.g. 5s.");
        }
        Double ratio = Thresholds.number("scalability/minThroughputRatio", c.minThroughputRatio, 0.01, 100);
        if (ratio == null) {
            throw new BenchmarkSetupException("scalability/minThroughputRatio is empty: give the least candidate/baseline"
                    + " throughput, e.g. 0.90 (at most 10% slower).");
        }
        return new ScalabilitySettings(batches, c.batchDimension, threads, sweeps, iterations,
                c.maxIterations, maxDuration.toMillis(),
                Thresholds.atLeast("scalability/warmupIterations", c.warmupIterations, 0), blockSize,
                Thresholds.fraction("scalability/confidence", c.confidence, 0.5, 0.999), ratio,
                RelativeLimit.from("scalability/stabilityFactor", c.stabilityFactor, "scalability/cvFloor",
                        c.cvFloor, "scalability/stabilityAlpha", c.stabilityAlpha),
                Thresholds.number("scalability/maxCoefficientOfVariation", c.maxCoefficientOfVariation, 0, 100),
                Thresholds.number("scalability/minScalingEfficiency", c.minScalingEfficiency, 0, 10));
    }

    /**
     * Settings for points measured outside the scalability suite (the hardware suite's thread
     * counts): the scalability suite's defaults, no curve of its own, and the given budget and gate.
     */
    public static ScalabilitySettings pointsOnly(long maxDurationMillis, double minThroughputRatio)
            throws BenchmarkSetupException {
        ScalabilitySettings d = from(new ScalabilityConfig(), List.of());
        return new ScalabilitySettings(List.of(), 0, List.of(), List.of(), d.iterations(), d.maxIterations(),
                maxDurationMillis, d.warmupIterations(), d.blockSize(), d.confidence(), minThroughputRatio,
                d.stability(), null, null);
    }

    /** 1, 2, 4, ... up to {@code cores}. */
    static List<Integer> upToTheCores(int cores) {
        List<Integer> levels = new ArrayList<>();
        for (int threads = 1; threads <= cores; threads *= 2) {
            levels.add(threads);
        }
        return levels;
    }

    static List<Integer> sizes(String setting, String text) throws BenchmarkSetupException {
        if (text == null || text.isBlank() || "none".equalsIgnoreCase(text.trim())) {
            return List.of();
        }
        try {
            List<Integer> values = Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
            if (values.stream().anyMatch(v -> v < 1)) {
                throw new NumberFormatException();
            }
            return values;
        } catch (NumberFormatException e) {
            throw new BenchmarkSetupException(setting + " is '" + text + "': give positive whole numbers separated by"
                    + " commas, e.g. 1,2,4,8, or none to skip the curve.");
        }
    }
}
