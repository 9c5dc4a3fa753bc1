package io.github.qwenbench.plan;

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
 * @param pairs the block pairs of each point, the suite's time ceiling, and the blocks
 * @param warmupIterations un-measured inferences per model and point
 * @param confidence interval confidence level, for the whole sequential procedure at each point
 * @param minThroughputRatio gate at every point
 * @param stability the candidate's consistency relative to the baseline's, at every point
 * @param maxCoefficientOfVariation absolute gate at every point, or null when off
 * @param minScalingEfficiency gate, or null when off
 */
public record ScalabilitySettings(List<Integer> batchSizes, int batchDimension, List<Integer> concurrency,
        List<Sweep> sweeps, PairBudget pairs, int warmupIterations, double confidence, double minThroughputRatio, RelativeLimit stability,
        Double maxCoefficientOfVariation, Double minScalingEfficiency) {

    /**
     * @param input the input whose size changes
     * @param dimension the dimension that changes
     * @param values the sizes
     */
    public record Sweep(String input, int dimension, List<Integer> values) {
    }

    /** The users of a served model's curve when the pom gives none. */
    static final List<Integer> SERVED_USERS = List.of(1, 2, 4, 8);

    public static ScalabilitySettings from(ScalabilityConfig config, List<InputSpec> inputs)
            throws BenchmarkSetupException {
        return from(config, inputs, false);
    }

    /**
     * @param served whether the models are endpoints: their curve is concurrent users (default
     *        {@link #SERVED_USERS}); batch sizes and input-size sweeps are tensors and are refused
     */
    public static ScalabilitySettings from(ScalabilityConfig config, List<InputSpec> inputs, boolean served)
            throws BenchmarkSetupException {
        ScalabilityConfig c = config != null ? config : new ScalabilityConfig();
        if (served) {
            if (!ScalabilityConfig.DEFAULT_BATCH_SIZES.equals(c.batchSizes) && !sizes("scalability/batchSizes",
                    c.batchSizes).isEmpty()) {
                throw new BenchmarkSetupException("scalability/batchSizes is '" + c.batchSizes + "', but the models"
                        + " are endpoints, which batch on their server: measure them with <concurrency> (users),"
                        + " and remove <batchSizes>.");
            }
            if (c.sweeps != null && !c.sweeps.isEmpty()) {
                throw new BenchmarkSetupException("scalability/sweeps change tensor sizes, but the models are"
                        + " endpoints, which take conversations: remove <sweeps>.");
            }
        }
        List<Integer> batches = served ? List.of() : sizes("scalability/batchSizes", c.batchSizes);
        List<Integer> threads = c.concurrency != null ? sizes("scalability/concurrency", c.concurrency)
                : served ? SERVED_USERS : upToTheCores(Runtime.getRuntime().availableProcessors());
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
        double confidence = Thresholds.fraction("scalability/confidence", c.confidence, 0.5, 0.999);
        PairBudget pairs = PairBudget.from("scalability", c.minPairs, c.maxPairs, c.maxDuration, c.blockSize,
                confidence);
        Double ratio = Thresholds.number("scalability/minThroughputRatio", c.minThroughputRatio, 0.01, 100);
        if (ratio == null) {
            throw new BenchmarkSetupException("scalability/minThroughputRatio is empty: give the least candidate/baseline"
                    + " throughput, e.g. 0.90 (at most 10% slower).");
        }
        return new ScalabilitySettings(batches, c.batchDimension, threads, sweeps, pairs,
                Thresholds.atLeast("scalability/warmupIterations", c.warmupIterations, 0), confidence, ratio,
                RelativeLimit.from("scalability/stabilityFactor", c.stabilityFactor, "scalability/cvFloor",
                        c.cvFloor, "scalability/stabilityAlpha", c.stabilityAlpha),
                Thresholds.number("scalability/maxCoefficientOfVariation", c.maxCoefficientOfVariation, 0, 100),
                Thresholds.number("scalability/minScalingEfficiency", c.minScalingEfficiency, 0, 10));
    }

    /**
     * Settings for points measured outside the scalability suite (the hardware suite's thread
     * counts): these points' blocks and pairs, no curve of its own, the given suite's ceiling and gate.
     */
    public ScalabilitySettings pointsOnly(String suite, long ceilingMillis, double minThroughputRatio) {
        PairBudget own = new PairBudget(suite, pairs.pairsSuite(), pairs.minPairs(), pairs.maxPairs(), ceilingMillis,
                pairs.blockSize());
        return new ScalabilitySettings(List.of(), 0, List.of(), List.of(), own, warmupIterations, confidence,
                minThroughputRatio, stability, null, null);
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
