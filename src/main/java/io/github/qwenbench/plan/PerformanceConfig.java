package io.github.qwenbench.plan;

/**
 * The performance suite's pom settings ({@code <performance>}). Measurement starts with
 * {@code minPairs} pairs (four blocks each) and goes on while undecided, up to {@code maxPairs} or {@code maxDuration}.
 */
public class PerformanceConfig {

    @Setting("Un-measured inferences per model before measuring (per input sample, the engine re-profiles each shape).")
    int warmupIterations = 20;

    @Setting("Pairs (four blocks each) before the first look; empty: the fewest that can decide at `confidence` (a smaller number is rejected).")
    Integer minPairs;

    @Setting("Pairs (four blocks each) at most, while its interval still contains the threshold.")
    int maxPairs = 1000;

    @Setting("Time ceiling of the measuring (e.g. `60s`): blocks are sized from the model's measured cost so that `minPairs` fit in it; a model too costly for even that is INCONCLUSIVE for its cost, said before measuring.")
    String maxDuration = "60s";

    @Setting("Consecutive inferences of one model that form a block, or `auto`: about 15 ms of the slower model, fewer when `maxDuration` needs it. Blocks run four at a time, A B B A or B A A B by a seeded coin, and each four is one pair.")
    String blockSize = "auto";

    @Setting("Distinct input samples the measurement cycles through.")
    int samples = 4;

    @Setting("Confidence level of the speedup interval, holding for the whole sequential procedure.")
    String confidence = "0.95";

    @Setting("The candidate must be at least this many times as fast (1.20: 20% faster; 0.95: at most 5% slower).")
    String minSpeedup = "1.20";

    public PerformanceConfig() {
    }

    public void setWarmupIterations(int warmupIterations) {
        this.warmupIterations = warmupIterations;
    }

    public void setMinPairs(Integer minPairs) {
        this.minPairs = minPairs;
    }

    public void setMaxPairs(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public void setBlockSize(String blockSize) {
        this.blockSize = blockSize;
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public void setConfidence(String confidence) {
        this.confidence = confidence;
    }

    public void setMinSpeedup(String minSpeedup) {
        this.minSpeedup = minSpeedup;
    }

}
