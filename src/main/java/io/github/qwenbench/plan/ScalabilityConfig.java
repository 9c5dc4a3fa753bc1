package io.github.qwenbench.plan;

import java.util.List;

/**
 * The scalability suite's pom settings ({@code <scalability>}): batch-size, concurrency and
 * input-size sweeps, both models measured in alternating blocks at every point.
 */
public class ScalabilityConfig {

    /** The batch sizes when the pom gives none. */
    static final String DEFAULT_BATCH_SIZES = "1,2,4,8";

    @Setting("Batch sizes, comma-separated; each input's batch dimension is set to each; `none` skips the curve. Not for served models, which batch on their server.")
    String batchSizes = DEFAULT_BATCH_SIZES;

    @Setting("The batch dimension of every input.")
    int batchDimension;

    @Setting("Thread counts, comma-separated: one shared model, one predictor per thread; `none` skips the curve. Default: 1, 2, 4, ... up to the machine's cores (more threads than cores measure contention). For served models: concurrent users, each sending the workload's conversations one after another as streamed requests; default 1, 2, 4, 8.")
    String concurrency;

    @Setting("Input-size sweeps.")
    List<SweepConfig> sweeps;

    @Setting("Pairs (four blocks each) per comparison before the first look; empty: the fewest that can decide at `confidence` (a smaller number is rejected).")
    Integer minPairs;

    @Setting("Pairs (four blocks each) per comparison at most, while its interval still contains the threshold.")
    int maxPairs = 1000;

    @Setting("Time ceiling of the whole suite (e.g. `4m`): points that decide early leave it unused; each point gets what is left divided by the points still to come, and blocks are sized from the model's measured cost so that a point can reach its `minPairs`; a point that cannot is INCONCLUSIVE for its cost, said before measuring.")
    String maxDuration = "240s";

    @Setting("Un-measured inferences per model and point (per thread) first.")
    int warmupIterations = 10;

    @Setting("Inferences per block (per thread), or `auto`: about 15 ms of the slower model, fewer when the point's share of `maxDuration` needs it. Blocks run four at a time, A B B A or B A A B by a seeded coin, and each four is one pair.")
    String blockSize = "auto";

    @Setting("Confidence level of the throughput-ratio intervals.")
    String confidence = "0.95";

    @Setting("Candidate throughput over baseline throughput must reach this at every point (the whole interval); 0.90, a non-inferiority margin: \"at most 10% slower\".")
    String minThroughputRatio = "0.90";

    @Setting("The candidate's spread of block throughput (a robust coefficient of variation: the median absolute deviation of log block throughput / 0.6745) may be at most this many times the baseline's, measured in the same interleaved pairs, plus `cvFloor`; `stableAsBaseline[point]` fails only when a paired permutation test shows it exceeds that at level `stabilityAlpha`.")
    String stabilityFactor = "2";

    @Setting("Added to `stabilityFactor` x the baseline's robust coefficient of variation.")
    String cvFloor = "0.10";

    @Setting("Level of the `stableAsBaseline[point]` tests: the chance that a candidate exactly at the limit fails (less within it). A point needs more than log2(1 / `stabilityAlpha`) block pairs (7 at 0.01) before it can fail at all.")
    String stabilityAlpha = "0.01";

    @Setting("An absolute limit on either model's block-throughput coefficient of variation; off when empty.")
    String maxCoefficientOfVariation;

    @Setting("Least scaling efficiency of the candidate at any batch or concurrency point; off when empty.")
    String minScalingEfficiency;

    public ScalabilityConfig() {
    }

    public void setBatchSizes(String batchSizes) {
        this.batchSizes = batchSizes;
    }

    public void setBatchDimension(int batchDimension) {
        this.batchDimension = batchDimension;
    }

    public void setConcurrency(String concurrency) {
        this.concurrency = concurrency;
    }

    public void setSweeps(List<SweepConfig> sweeps) {
        this.sweeps = sweeps;
    }

    public void setMinPairs(Integer minPairs) {
        this.minPairs = minPairs;
    }

    public void setWarmupIterations(int warmupIterations) {
        this.warmupIterations = warmupIterations;
    }

    public void setBlockSize(String blockSize) {
        this.blockSize = blockSize;
    }

    public void setConfidence(String confidence) {
        this.confidence = confidence;
    }

    public void setMaxPairs(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public void setStabilityFactor(String stabilityFactor) {
        this.stabilityFactor = stabilityFactor;
    }

    public void setCvFloor(String cvFloor) {
        this.cvFloor = cvFloor;
    }

    public void setStabilityAlpha(String stabilityAlpha) {
        this.stabilityAlpha = stabilityAlpha;
    }

    public void setMinThroughputRatio(String minThroughputRatio) {
        this.minThroughputRatio = minThroughputRatio;
    }

    public void setMaxCoefficientOfVariation(String maxCoefficientOfVariation) {
        this.maxCoefficientOfVariation = maxCoefficientOfVariation;
    }

    public void setMinScalingEfficiency(String minScalingEfficiency) {
        this.minScalingEfficiency = minScalingEfficiency;
    }
    /** The input-size sweeps, for the plan's check of the inputs they name. */
    public List<SweepConfig> getSweeps() {
        return sweeps;
    }

    public int getBatchDimension() {
        return batchDimension;
    }
}
