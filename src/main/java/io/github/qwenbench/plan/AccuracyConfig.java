package io.github.qwenbench.plan;

/**
 * The accuracy suite's pom settings ({@code <accuracy>}). Thresholds accept {@code 0.01} or {@code 1%};
 * an empty optional threshold switches its gate off.
 */
public class AccuracyConfig {

    /** How many input samples both models run. */
    private int samples = 16;

    /** Largest allowed relative L2 error ||c-b||/||b|| of any output on any sample (seed: 1%). */
    private String maxRelativeError = "0.01";

    /** Smallest allowed cosine similarity of any output on any sample. */
    private String minCosineSimilarity = "0.99";

    /** Smallest allowed share of positions whose arg-max (last axis) agrees; off when empty. */
    private String minTop1Agreement;

    /** Smallest allowed share of generated tokens that agree; needs {@code <generation>}; off when empty. */
    private String minGenerationAgreement;

    /** Fail when either model produces NaN or infinite values. */
    private boolean requireFiniteOutputs = true;

    /** Largest allowed relative L2 difference between two runs of one model on the same input. */
    private String maxRepeatDifference = "1e-6";

    /** Relative size of the noise added to floating inputs to measure each model's sensitivity. */
    private String perturbation = "0.001";

    /** Run a backward pass through each model and require a finite, non-zero gradient for every parameter. */
    private boolean gradientFlow;

    /** Greedy-decoding comparison; off when absent. */
    private GenerationConfig generation;

    public AccuracyConfig() {
    }

    public int getSamples() {
        return samples;
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public String getMaxRelativeError() {
        return maxRelativeError;
    }

    public void setMaxRelativeError(String maxRelativeError) {
        this.maxRelativeError = maxRelativeError;
    }

    public String getMinCosineSimilarity() {
        return minCosineSimilarity;
    }

    public void setMinCosineSimilarity(String minCosineSimilarity) {
        this.minCosineSimilarity = minCosineSimilarity;
    }

    public String getMinTop1Agreement() {
        return minTop1Agreement;
    }

    public void setMinTop1Agreement(String minTop1Agreement) {
        this.minTop1Agreement = minTop1Agreement;
    }

    public String getMinGenerationAgreement() {
        return minGenerationAgreement;
    }

    public void setMinGenerationAgreement(String minGenerationAgreement) {
        this.minGenerationAgreement = minGenerationAgreement;
    }

    public boolean isRequireFiniteOutputs() {
        return requireFiniteOutputs;
    }

    public void setRequireFiniteOutputs(boolean requireFiniteOutputs) {
        this.requireFiniteOutputs = requireFiniteOutputs;
    }

    public String getMaxRepeatDifference() {
        return maxRepeatDifference;
    }

    public void setMaxRepeatDifference(String maxRepeatDifference) {
        this.maxRepeatDifference = maxRepeatDifference;
    }

    public String getPerturbation() {
        return perturbation;
    }

    public void setPerturbation(String perturbation) {
        this.perturbation = perturbation;
    }

    public boolean isGradientFlow() {
        return gradientFlow;
    }

    public void setGradientFlow(boolean gradientFlow) {
        this.gradientFlow = gradientFlow;
    }

    public GenerationConfig getGeneration() {
        return generation;
    }

    public void setGeneration(GenerationConfig generation) {
        this.generation = generation;
    }
}
