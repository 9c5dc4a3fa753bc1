package io.github.qwenbench.plan;

import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;

/**
 * Validated memory settings.
 *
 * @param repetitions fresh workers per model before the first look
 * @param maxRepetitions fresh workers per model at most, while the reduction is undecided
 * @param inferences inferences in the measured inference phase
 * @param leakInferences inferences in the steady phase for the leak fit
 * @param reductionMetric peakMinusIdle, footprint, peak or generationPeakMinusLoad
 * @param minReduction gate: least reduction of the chosen metric
 * @param maxReduction a larger reduction is reported as a warning, or null when off
 * @param maxLeakBytesPerInference gate: the candidate's resident-memory growth per inference
 * @param bandwidthMebibytes size of the bandwidth probe's tensor, 0 to skip it
 * @param minSparsity gate on the candidate's share of zeros, or null when off
 * @param maxParameterRatio gate on the candidate's tensor bytes over the baseline's, or null when off
 * @param generationSamples samples each worker answers greedily while the generation peak is tracked, 0 to skip
 */
public record MemorySettings(int repetitions, int maxRepetitions, int inferences, int leakInferences,
        String reductionMetric, double minReduction, Double maxReduction, long maxLeakBytesPerInference,
        int bandwidthMebibytes, Double minSparsity, Double maxParameterRatio, int generationSamples) {

    /** The budget in pairs of workers (one of each model). */
    public SequentialComparison.Budget budget() {
        return new SequentialComparison.Budget(Math.max(RatioInterval.MIN_PAIRS, repetitions),
                Math.max(RatioInterval.MIN_PAIRS, maxRepetitions), null);
    }

    /** The reduction metric of the generation phase: its peak minus after load. */
    public static final String GENERATION_METRIC = "generationPeakMinusLoad";

    public static final List<String> METRICS = List.of("peakMinusIdle", "footprint", "peak", GENERATION_METRIC);

    /**
     * Why the workers do not decode answers, or null when they do: they do when generationSamples is above 0
     * and an input is the token input that {@code generation} names (the models generate, as in the
     * generation suite).
     */
    public String generationSkipped(GenerationSettings generation, List<InputSpec> inputs) {
        if (generationSamples == 0) {
            return "memory/generationSamples is 0";
        }
        if (!generation.takesTokenInput(inputs)) {
            return "the models do not generate: no input is named '" + generation.tokenInput()
                    + "' (generation/tokenInput; inputs: " + inputs.stream().map(InputSpec::name).toList() + ")";
        }
        return null;
    }

    /** The generation metric needs models that generate; choosing it for others is a set-up error. */
    public void requireGenerationFor(GenerationSettings generation, List<InputSpec> inputs)
            throws BenchmarkSetupException {
        String skipped = generationSkipped(generation, inputs);
        if (GENERATION_METRIC.equals(reductionMetric) && skipped != null) {
            throw new BenchmarkSetupException("memory/reductionMetric is " + GENERATION_METRIC + ", but " + skipped
                    + ", so there is no generation phase to measure: name the token-id input in"
                    + " <generation><tokenInput> and keep memory/generationSamples above 0, or choose one of "
                    + String.join(", ", METRICS.stream().filter(m -> !m.equals(GENERATION_METRIC)).toList()) + ".");
        }
    }

    public static MemorySettings from(MemoryConfig config) throws BenchmarkSetupException {
        MemoryConfig c = config != null ? config : new MemoryConfig();
        int repetitions = Thresholds.atLeast("memory/repetitions", c.repetitions, 1);
        if (c.maxRepetitions < repetitions) {
            throw new BenchmarkSetupException("memory/maxRepetitions is " + c.maxRepetitions + ", below"
                    + " memory/repetitions (" + repetitions + "): raise it, or set it equal to repetitions.");
        }
        int inferences = Thresholds.atLeast("memory/inferences", c.inferences, 1);
        int leakInferences = Thresholds.atLeast("memory/leakInferences", c.leakInferences, 20);
        String metric = c.reductionMetric == null ? "peakMinusIdle" : c.reductionMetric.trim();
        if (!METRICS.contains(metric)) {
            throw new BenchmarkSetupException("memory/reductionMetric is '" + c.reductionMetric + "': use one of "
                    + String.join(", ", METRICS) + ".");
        }
        Double min = Thresholds.fraction("memory/minReduction", c.minReduction, -1, 1);
        Double max = Thresholds.fraction("memory/maxReduction", c.maxReduction, -1, 1);
        if (min == null) {
            throw new BenchmarkSetupException("memory/minReduction needs a value, e.g. 15%.");
        }
        if (max != null && max < min) {
            throw new BenchmarkSetupException("memory/maxReduction (" + c.maxReduction
                    + ") is below memory/minReduction (" + c.minReduction + ").");
        }
        if (c.maxLeakBytesPerInference < 0) {
            throw new BenchmarkSetupException("memory/maxLeakBytesPerInference is " + c.maxLeakBytesPerInference
                    + ", but it must be at least 0.");
        }
        if (c.bandwidthMebibytes < 0) {
            throw new BenchmarkSetupException("memory/bandwidthMebibytes is " + c.bandwidthMebibytes
                    + ", but it must be at least 0 (0 skips the bandwidth probe).");
        }
        return new MemorySettings(repetitions, c.maxRepetitions, inferences, leakInferences, metric, min, max,
                c.maxLeakBytesPerInference, c.bandwidthMebibytes,
                Thresholds.fraction("memory/minSparsity", c.minSparsity, 0, 1),
                Thresholds.number("memory/maxParameterRatio", c.maxParameterRatio, 0, 100),
                Thresholds.atLeast("memory/generationSamples", c.generationSamples, 0));
    }
}
