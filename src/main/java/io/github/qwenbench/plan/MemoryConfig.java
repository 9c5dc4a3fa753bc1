package io.github.qwenbench.plan;

/**
 * The memory suite's pom settings ({@code <memory>}). Each model is measured alone, in a fresh
 * worker JVM per repetition.
 */
public class MemoryConfig {

    @Setting("Fresh workers per model before the reduction is first judged (at least 5 for an interval that can decide); medians and spreads are taken over them.")
    int repetitions = 5;

    @Setting("Fresh workers per model at most, while the reduction's interval still contains `minReduction`.")
    int maxRepetitions = 10;

    @Setting("Inferences in the measured inference phase, whose peak resident memory is recorded.")
    int inferences = 50;

    @Setting("Inferences in the steady phase over which resident-memory growth per inference is fitted.")
    int leakInferences = 400;

    @Setting("Which figure the reduction gate judges: peakMinusIdle, footprint (after load minus idle), peak, or generationPeakMinusLoad (the peak while decoding greedy answers minus after load; models that generate only).")
    String reductionMetric = "peakMinusIdle";

    @Setting("The candidate must use at least this much less memory than the baseline (seed: 15%).")
    String minReduction = "0.15";

    @Setting("A larger reduction is reported as a warning (it can mean part of the model was not loaded); off when empty, since int8 from fp32 alone cuts weights by about 4x.")
    String maxReduction;

    @Setting("Largest allowed resident-memory growth of the candidate per inference, in bytes.")
    long maxLeakBytesPerInference = 16384;

    @Setting("The candidate's share of zero values over all its tensors must reach this (e.g. `50%`); off when empty.")
    String minSparsity;

    @Setting("The candidate's tensor bytes over the baseline's may be at most this (e.g. `0.3`); off when empty.")
    String maxParameterRatio;

    public void setMinSparsity(String minSparsity) {
        this.minSparsity = minSparsity;
    }

    public void setMaxParameterRatio(String maxParameterRatio) {
        this.maxParameterRatio = maxParameterRatio;
    }

    @Setting("Size in MiB of the tensor copied to measure the machine's memory bandwidth; 0 skips it.")
    int bandwidthMebibytes = 256;

    @Setting("Samples each worker answers greedily (generation/maxNewTokens tokens each, stop tokens ignored) while the peak is tracked, when the inputs include generation/tokenInput; 0 skips the generation phase.")
    int generationSamples = 3;

    public MemoryConfig() {
    }

    public void setRepetitions(int repetitions) {
        this.repetitions = repetitions;
    }

    public void setInferences(int inferences) {
        this.inferences = inferences;
    }

    public void setLeakInferences(int leakInferences) {
        this.leakInferences = leakInferences;
    }

    public void setReductionMetric(String reductionMetric) {
        this.reductionMetric = reductionMetric;
    }

    public void setMinReduction(String minReduction) {
        this.minReduction = minReduction;
    }

    public void setMaxRepetitions(int maxRepetitions) {
        this.maxRepetitions = maxRepetitions;
    }

    public void setMaxReduction(String maxReduction) {
        this.maxReduction = maxReduction;
    }

    public void setMaxLeakBytesPerInference(long maxLeakBytesPerInference) {
        this.maxLeakBytesPerInference = maxLeakBytesPerInference;
    }

    public void setBandwidthMebibytes(int bandwidthMebibytes) {
        this.bandwidthMebibytes = bandwidthMebibytes;
    }

    public void setGenerationSamples(int generationSamples) {
        this.generationSamples = generationSamples;
    }
}
