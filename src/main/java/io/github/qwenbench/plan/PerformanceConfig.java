package io.github.qwenbench.plan;

/**
 * The performance suite's pom settings ({@code <performance>}). Measurement starts with
 * {@code iterations} and goes on while undecided, up to {@code maxIterations} or {@code duration}; the two models are measured in alternating blocks.
 */
public class PerformanceConfig {

    /** Un-measured inferences per model before measuring (per input sample, the engine re-profiles each shape). */
    private int warmupIterations = 20;

    /** Measured inferences per model before the speedup interval is first looked at. */
    private int iterations = 500;

    /**
     * Measured inferences per model at most: while the speedup interval still contains
     * {@code minSpeedup}, measuring goes on, one block pair at a time, up to this many. Equal to
     * {@code iterations}: no extension.
     */
    private int maxIterations = 2000;

    /** Time budget: measuring stops undecided after this long (e.g. {@code 20s}), even below {@code maxIterations}. */
    private String duration;

    /** Consecutive inferences of one model that form a block; blocks alternate A B B A. */
    private int blockSize = 5;

    /** Distinct input samples the measurement cycles through. */
    private int samples = 4;

    /** Confidence level of the speedup interval, holding for the whole sequential procedure. */
    private String confidence = "0.95";

    /** The candidate must be at least this many times as fast (1.20: 20% faster; 0.95: at most 5% slower). */
    private String minSpeedup = "1.20";


    public PerformanceConfig() {
    }

    public int getWarmupIterations() {
        return warmupIterations;
    }

    public void setWarmupIterations(int warmupIterations) {
        this.warmupIterations = warmupIterations;
    }

    public int getIterations() {
        return iterations;
    }

    public void setIterations(int iterations) {
        this.iterations = iterations;
    }

    public int getMaxIterations() {
        return maxIterations;
    }

    public void setMaxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public int getBlockSize() {
        return blockSize;
    }

    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    public int getSamples() {
        return samples;
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public String getConfidence() {
        return confidence;
    }

    public void setConfidence(String confidence) {
        this.confidence = confidence;
    }

    public String getMinSpeedup() {
        return minSpeedup;
    }

    public void setMinSpeedup(String minSpeedup) {
        this.minSpeedup = minSpeedup;
    }

}
