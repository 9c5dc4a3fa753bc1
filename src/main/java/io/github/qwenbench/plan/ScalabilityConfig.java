package io.github.qwenbench.plan;

import java.util.List;

/**
 * The scalability suite's pom settings ({@code <scalability>}): batch-size, concurrency and
 * input-size sweeps, both models measured in alternating blocks at every point.
 */
public class ScalabilityConfig {

    /** Batch sizes, comma-separated; each input's batch dimension is set to each; {@code none} skips the curve. */
    private String batchSizes = "1,2,4,8";

    /** The batch dimension of every input. */
    private int batchDimension;

    /**
     * Thread counts, comma-separated: one shared model, one predictor per thread; {@code none} skips
     * the curve. Default: 1, 2, 4, ... up to the machine's cores (more threads than cores measure
     * contention).
     */
    private String concurrency;

    /** Input-size sweeps. */
    private List<SweepConfig> sweeps;

    /** Measured inferences per model and point (per thread at a concurrency level) before the ratio is first judged. */
    private int iterations = 60;

    /** Measured inferences per model and point at most, while the throughput-ratio interval contains the threshold. */
    private int maxIterations = 600;

    /** Time budget per point: measuring stops undecided after this long (e.g. {@code 5s}). */
    private String maxDuration = "5s";

    /** Un-measured inferences per model and point (per thread) first. */
    private int warmupIterations = 10;

    /** Inferences per block; blocks of the two models alternate at every point. */
    private int blockSize = 5;

    /** Confidence level of the throughput-ratio intervals. */
    private String confidence = "0.95";

    /**
     * Candidate throughput over baseline throughput must reach this at every point (the whole
     * interval); 0.90, a non-inferiority margin: "at most 10% slower".
     */
    private String minThroughputRatio = "0.90";

    /**
     * The candidate's block-throughput coefficient of variation may be at most this many times the
     * baseline's, measured at the same time, plus {@code cvFloor}.
     */
    private String stabilityFactor = "2";

    /** Added to {@code stabilityFactor} x the baseline's coefficient of variation. */
    private String cvFloor = "0.10";

    /** An absolute limit on either model's block-throughput coefficient of variation; off when empty. */
    private String maxCoefficientOfVariation;

    /** Least scaling efficiency of the candidate at any batch or concurrency point; off when empty. */
    private String minScalingEfficiency;

    public ScalabilityConfig() {
    }

    public String getBatchSizes() {
        return batchSizes;
    }

    public void setBatchSizes(String batchSizes) {
        this.batchSizes = batchSizes;
    }

    public int getBatchDimension() {
        return batchDimension;
    }

    public void setBatchDimension(int batchDimension) {
        this.batchDimension = batchDimension;
    }

    public String getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(String concurrency) {
        this.concurrency = concurrency;
    }

    public List<SweepConfig> getSweeps() {
        return sweeps;
    }

    public void setSweeps(List<SweepConfig> sweeps) {
        this.sweeps = sweeps;
    }

    public int getIterations() {
        return iterations;
    }

    public void setIterations(int iterations) {
        this.iterations = iterations;
    }

    public int getWarmupIterations() {
        return warmupIterations;
    }

    public void setWarmupIterations(int warmupIterations) {
        this.warmupIterations = warmupIterations;
    }

    public int getBlockSize() {
        return blockSize;
    }

    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    public String getConfidence() {
        return confidence;
    }

    public void setConfidence(String confidence) {
        this.confidence = confidence;
    }

    public int getMaxIterations() {
        return maxIterations;
    }

    public void setMaxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public String getStabilityFactor() {
        return stabilityFactor;
    }

    public void setStabilityFactor(String stabilityFactor) {
        this.stabilityFactor = stabilityFactor;
    }

    public String getCvFloor() {
        return cvFloor;
    }

    public void setCvFloor(String cvFloor) {
        this.cvFloor = cvFloor;
    }

    public String getMinThroughputRatio() {
        return minThroughputRatio;
    }

    public void setMinThroughputRatio(String minThroughputRatio) {
        this.minThroughputRatio = minThroughputRatio;
    }

    public String getMaxCoefficientOfVariation() {
        return maxCoefficientOfVariation;
    }

    public void setMaxCoefficientOfVariation(String maxCoefficientOfVariation) {
        this.maxCoefficientOfVariation = maxCoefficientOfVariation;
    }

    public String getMinScalingEfficiency() {
        return minScalingEfficiency;
    }

    public void setMinScalingEfficiency(String minScalingEfficiency) {
        this.minScalingEfficiency = minScalingEfficiency;
    }
}
