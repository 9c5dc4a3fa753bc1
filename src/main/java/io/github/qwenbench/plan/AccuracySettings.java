package io.github.qwenbench.plan;

import java.util.List;

/**
 * The validated accuracy settings.
 *
 * @param samples input samples per model
 * @param maxRelativeError gate: worst relative L2 error
 * @param minCosineSimilarity gate: worst cosine similarity
 * @param minTop1Agreement gate, or null when off
 * @param minGenerationAgreement gate, or null when off
 * @param requireFiniteOutputs gate: no NaN or infinite outputs
 * @param maxRepeatDifference gate: run-to-run difference of each model
 * @param perturbation relative input noise for the sensitivity measurement
 * @param gradientFlow whether to run the gradient-flow check
 * @param generationInput the token-id input for greedy decoding, or null when off
 * @param generationSteps tokens to generate
 * @param generationOutput index of the logits output
 * @param maxTaskAccuracyDrop gate: the largest task-score drop, or null when off
 * @param taskConfidence confidence of each one-sided bound of the task-score drop
 */
public record AccuracySettings(int samples, double maxRelativeError, double minCosineSimilarity,
        Double minTop1Agreement, Double minGenerationAgreement, boolean requireFiniteOutputs,
        double maxRepeatDifference, double perturbation, boolean gradientFlow, String generationInput,
        int generationSteps, int generationOutput, Double maxTaskAccuracyDrop, double taskConfidence) {

    public boolean generationEnabled() {
        return generationInput != null;
    }

    /** Validates the pom settings against the configured inputs of two model files. */
    public static AccuracySettings from(AccuracyConfig config, List<InputSpec> inputs) throws BenchmarkSetupException {
        return from(config, inputs, false);
    }

    /**
     * Validates the pom settings against the configured inputs.
     *
     * @param served whether the models are endpoints: {@code minGenerationAgreement} then judges their answers,
     *     which need no token-id input
     */
    public static AccuracySettings from(AccuracyConfig config, List<InputSpec> inputs, boolean served)
            throws BenchmarkSetupException {
        AccuracyConfig c = config != null ? config : new AccuracyConfig();
        int samples = Thresholds.atLeast("accuracy/samples", c.samples, 1);
        double maxRelativeError = required("accuracy/maxRelativeError",
                Thresholds.fraction("accuracy/maxRelativeError", c.maxRelativeError, 0, 1));
        double minCosine = required("accuracy/minCosineSimilarity",
                Thresholds.number("accuracy/minCosineSimilarity", c.minCosineSimilarity, -1, 1));
        Double minTop1 = Thresholds.fraction("accuracy/minTop1Agreement", c.minTop1Agreement, 0, 1);
        Double minGeneration = Thresholds.fraction("accuracy/minGenerationAgreement",
                c.minGenerationAgreement, 0, 1);
        double maxRepeat = required("accuracy/maxRepeatDifference",
                Thresholds.fraction("accuracy/maxRepeatDifference", c.maxRepeatDifference, 0, 1));
        double perturbation = required("accuracy/perturbation",
                Thresholds.fraction("accuracy/perturbation", c.perturbation, 0, 1));

        GenerationConfig generation = c.generation;
        String generationInput = null;
        int steps = 0;
        int output = 0;
        if (generation != null && generation.input != null && !generation.input.isBlank()) {
            generationInput = generation.input.trim();
            String name = generationInput;
            InputSpec tokens = inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow(
                    () -> new BenchmarkSetupException("accuracy/generation/input is '" + name
                            + "', but no <input> has that name: name the token-id input, e.g. input_ids."));
            if (tokens.dtype() != DataKind.INT64 && tokens.dtype() != DataKind.INT32) {
                throw new BenchmarkSetupException("accuracy/generation/input '" + name + "' is "
                        + tokens.dtype().id() + ": greedy decoding needs an int64 or int32 token-id input.");
            }
            steps = Thresholds.atLeast("accuracy/generation/steps", generation.steps, 1);
            output = Thresholds.atLeast("accuracy/generation/output", generation.output, 0);
        }
        if (minGeneration != null && generationInput == null && !served) {
            throw new BenchmarkSetupException("accuracy/minGenerationAgreement is set, but there is no"
                    + " <generation> block with an <input>: add one, or remove the threshold.");
        }
        Double maxTaskDrop = Thresholds.fraction("accuracy/maxTaskAccuracyDrop", c.maxTaskAccuracyDrop, 0, 1);
        double taskConfidence = required("accuracy/taskConfidence",
                Thresholds.fraction("accuracy/taskConfidence", c.taskConfidence, 0.5, 0.999));
        return new AccuracySettings(samples, maxRelativeError, minCosine, minTop1, minGeneration,
                c.requireFiniteOutputs, maxRepeat, perturbation, c.gradientFlow, generationInput, steps,
                output, maxTaskDrop, taskConfidence);
    }

    private static double required(String setting, Double value) throws BenchmarkSetupException {
        if (value == null) {
            throw new BenchmarkSetupException(setting + " is empty: give a value.");
        }
        return value;
    }
}
