package io.github.qwenbench.plan;

/**
 * The accuracy suite's pom settings ({@code <accuracy>}). Thresholds accept {@code 0.01} or {@code 1%};
 * an empty optional threshold switches its gate off.
 */
public class AccuracyConfig {

    @Setting("How many input samples both models run.")
    int samples = 16;

    @Setting("Largest allowed relative L2 error ||c-b||/||b|| of any output on any sample (seed: 1%).")
    String maxRelativeError = "0.01";

    @Setting("Smallest allowed cosine similarity of any output on any sample.")
    String minCosineSimilarity = "0.99";

    @Setting("Smallest allowed share of positions whose arg-max (last axis) agrees; off when empty.")
    String minTop1Agreement;

    @Setting("Smallest allowed share of generated tokens that agree; needs `<generation>`; off when empty.")
    String minGenerationAgreement;

    @Setting("Fail when either model produces NaN or infinite values.")
    boolean requireFiniteOutputs = true;

    @Setting("Largest allowed relative L2 difference between two runs of one model on the same input.")
    String maxRepeatDifference = "1e-6";

    @Setting("Relative size of the noise added to floating inputs to measure each model's sensitivity.")
    String perturbation = "0.001";

    @Setting("Run a backward pass through each model and require a finite, non-zero gradient for every parameter.")
    boolean gradientFlow;

    @Setting("Largest allowed drop of the task score (baseline minus candidate, mean over the workload's conversations that carry `answers`; 0.01 is one point, `1%` accepted), judged on its one-sided confidence bounds; needs `<generation><tokenInput>`; off when empty.")
    String maxTaskAccuracyDrop;

    @Setting("Confidence of each one-sided bound of the task-score drop (its error on each side is 1 minus this).")
    String taskConfidence = "0.95";

    @Setting("Greedy-decoding comparison; off when absent.")
    GenerationConfig generation;

    public AccuracyConfig() {
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public void setMaxRelativeError(String maxRelativeError) {
        this.maxRelativeError = maxRelativeError;
    }

    public void setMinCosineSimilarity(String minCosineSimilarity) {
        this.minCosineSimilarity = minCosineSimilarity;
    }

    public void setMinTop1Agreement(String minTop1Agreement) {
        this.minTop1Agreement = minTop1Agreement;
    }

    public void setMinGenerationAgreement(String minGenerationAgreement) {
        this.minGenerationAgreement = minGenerationAgreement;
    }

    public void setRequireFiniteOutputs(boolean requireFiniteOutputs) {
        this.requireFiniteOutputs = requireFiniteOutputs;
    }

    public void setMaxRepeatDifference(String maxRepeatDifference) {
        this.maxRepeatDifference = maxRepeatDifference;
    }

    public void setPerturbation(String perturbation) {
        this.perturbation = perturbation;
    }

    public void setMaxTaskAccuracyDrop(String maxTaskAccuracyDrop) {
        this.maxTaskAccuracyDrop = maxTaskAccuracyDrop;
    }

    public void setTaskConfidence(String taskConfidence) {
        this.taskConfidence = taskConfidence;
    }

    public void setGradientFlow(boolean gradientFlow) {
        this.gradientFlow = gradientFlow;
    }

    public void setGeneration(GenerationConfig generation) {
        this.generation = generation;
    }
}
