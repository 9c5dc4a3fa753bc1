package io.github.qwenbench.plan;

/**
 * The hardware suite's pom settings ({@code <hardware>}): how each model scales with the engine's
 * intra-op threads, where its time goes by operator, and how far it runs from the machine's peaks.
 */
public class HardwareConfig {

    /**
     * Intra-op thread counts, comma-separated, each measured with one caller; {@code none} skips thread
     * scaling. Default: 1, 2, 4, ... up to the machine's cores.
     */
    private String threads;

    /** Least candidate/baseline throughput at every thread count, judged on the whole interval. */
    private String minThroughputRatio = "0.90";

    /** Time budget per thread count: measuring stops undecided after this long (e.g. {@code 3s}). */
    private String maxDuration = "3s";

    /** Inferences of each model recorded by the engine's profiler; 0 skips the operator profile. */
    private int profileIterations = 10;

    /** Size n of the n x n float32 matrices of the GEMM peak probe; 0 skips the probe. */
    private int gemmSize = 512;

    /** Size in MiB of the tensor copied by the memory bandwidth probe; 0 skips the probe. */
    private int bandwidthMebibytes = 64;

    public String getThreads() {
        return threads;
    }

    public String getMinThroughputRatio() {
        return minThroughputRatio;
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    public int getProfileIterations() {
        return profileIterations;
    }

    public int getGemmSize() {
        return gemmSize;
    }

    public int getBandwidthMebibytes() {
        return bandwidthMebibytes;
    }
}
