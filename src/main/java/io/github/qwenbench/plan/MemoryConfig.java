package io.github.qwenbench.plan;

/**
 * The memory suite's pom settings ({@code <memory>}). Each model is measured alone, in a fresh
 * worker JVM per repetition.
 */
public class MemoryConfig {

    /**
     * Fresh workers per model before the reduction is first judged (at least 5 for an interval that can
     * decide); medians and spreads are taken over them.
     */
    private int repetitions = 5;

    /** Fresh workers per model at most, while the reduction's interval still contains {@code minReduction}. */
    private int maxRepetitions = 10;

    /** Inferences in the measured inference phase, whose peak resident memory is recorded. */
    private int inferences = 50;

    /** Inferences in the steady phase over which resident-memory growth per inference is fitted. */
    private int leakInferences = 400;

    /**
     * Which figure the reduction gate judges: peakMinusIdle, footprint (after load minus idle), peak, or
     * generationPeakMinusLoad (the peak while decoding greedy answers minus after load; models that generate only).
     */
    private String reductionMetric = "peakMinusIdle";

    /** The candidate must use at least this much less memory than the baseline (seed: 15%). */
    private String minReduction = "0.15";

    /**
     * A larger reduction is reported as a warning (it can mean part of the model was not loaded); off
     * when empty, since int8 from fp32 alone cuts weights by about 4x.
     */
    private String maxReduction;

    /** Largest allowed resident-memory growth of the candidate per inference, in bytes. */
    private long maxLeakBytesPerInference = 16384;

    /** The candidate's share of zero values over all its tensors must reach this (e.g. {@code 50%}); off when empty. */
    private String minSparsity;

    /** The candidate's tensor bytes over the baseline's may be at most this (e.g. {@code 0.3}); off when empty. */
    private String maxParameterRatio;

    public String getMinSparsity() {
        return minSparsity;
    }

    public void setMinSparsity(String minSparsity) {
        this.minSparsity = minSparsity;
    }

    public String getMaxParameterRatio() {
        return maxParameterRatio;
    }

    public void setMaxParameterRatio(String maxParameterRatio) {
        this.maxParameterRatio = maxParameterRatio;
    }

    /** Size in MiB of the tensor copied to measure the machine's memory bandwidth; 0 skips it. */
    private int bandwidthMebibytes = 256;

    /**
     * Samples each worker answers greedily (generation/maxNewTokens tokens each, stop tokens ignored) while
     * the peak is tracked, when the inputs include generation/tokenInput; 0 skips the generation phase.
     */
    private int generationSamples = 3;

    public MemoryConfig() {
    }

    public int getRepetitions() {
        return repetitions;
    }

    public void setRepetitions(int repetitions) {
        this.repetitions = repetitions;
    }

    public int getInferences() {
        return inferences;
    }

    public void setInferences(int inferences) {
        this.inferences = inferences;
    }

    public int getLeakInferences() {
        return leakInferences;
    }

    public void setLeakInferences(int leakInferences) {
        this.leakInferences = leakInferences;
    }

    public String getReductionMetric() {
        return reductionMetric;
    }

    public void setReductionMetric(String reductionMetric) {
        this.reductionMetric = reductionMetric;
    }

    public String getMinReduction() {
        return minReduction;
    }

    public void setMinReduction(String minReduction) {
        this.minReduction = minReduction;
    }

    public int getMaxRepetitions() {
        return maxRepetitions;
    }

    public void setMaxRepetitions(int maxRepetitions) {
        this.maxRepetitions = maxRepetitions;
    }

    public String getMaxReduction() {
        return maxReduction;
    }

    public void setMaxReduction(String maxReduction) {
        this.maxReduction = maxReduction;
    }

    public long getMaxLeakBytesPerInference() {
        return maxLeakBytesPerInference;
    }

    public void setMaxLeakBytesPerInference(long maxLeakBytesPerInference) {
        this.maxLeakBytesPerInference = maxLeakBytesPerInference;
    }

    public int getBandwidthMebibytes() {
        return bandwidthMebibytes;
    }

    public void setBandwidthMebibytes(int bandwidthMebibytes) {
        this.bandwidthMebibytes = bandwidthMebibytes;
    }

    public int getGenerationSamples() {
        return generationSamples;
    }

    public void setGenerationSamples(int generationSamples) {
        this.generationSamples = generationSamples;
    }
}
