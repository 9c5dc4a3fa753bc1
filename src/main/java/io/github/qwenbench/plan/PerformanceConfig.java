package io.github.qwenbench.plan;

/**
 * The performance suite's pom settings ({@code <performance>}). Measurement starts with
 * {@code iterations} and goes on while undecided, up to {@code maxIterations} or {@code duration}; the two models are measured in alternating blocks.
 */
public class PerformanceConfig {

    @Setting("Un-measured inferences per model before measuring (per input sample, the engine re-profiles each shape).")
    int warmupIterations = 20;

    @Setting("Measured inferences per model before the speedup interval is first looked at.")
    int iterations = 500;

    @Setting("Measured inferences per model at most: while the speedup interval still contains `minSpeedup`, measuring goes on, one block pair at a time, up to this many. Equal to `iterations`: no extension.")
    int maxIterations = 2000;

    @Setting("Time budget: measuring stops undecided after this long (e.g. `20s`), even below `maxIterations`.")
    String duration;

    @Setting("Consecutive inferences of one model that form a block; blocks alternate A B B A.")
    int blockSize = 5;

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

    public void setIterations(int iterations) {
        this.iterations = iterations;
    }

    public void setMaxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public void setBlockSize(int blockSize) {
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
