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

    /** Thread counts, comma-separated: one shared model, one predictor per thread; {@code none} skips the curve. */
    private String concurrency = "1,2,4";

    /** Input-size sweeps. */
    private List<SweepConfig> sweeps;

    /** Measured inferences per model and point (per thread at a concurrency level). */
    private int iterations = 60;

    /** Un-measured inferences per model and point (per thread) first. */
    private int warmupIterations = 10;

    /** Inferences per block; blocks of the two models alternate at every point. */
    private int blockSize = 5;

    /** Confidence level of the throughput-ratio intervals. */
    private String confidence = "0.95";

    /** Candidate throughput over baseline throughput must reach this at every point (interval lower bound). */
    private String minThroughputRatio = "1.0";

    /** Largest coefficient of variation of the latency at any point, for either model. */
    private String maxCoefficientOfVariation = "0.25";

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
