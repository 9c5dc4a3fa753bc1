package io.github.qwenbench.plan;

/**
 * The hardware suite's pom settings ({@code <hardware>}): how each model scales with the engine's
 * intra-op threads, where its time goes by operator, and how far it runs from the machine's peaks.
 */
public class HardwareConfig {

    @Setting("Intra-op thread counts, comma-separated, each measured with one caller; `none` skips thread scaling. Default: 1, 2, 4, ... up to the machine's cores.")
    String threads;

    @Setting("Least candidate/baseline throughput at every thread count, judged on the whole interval.")
    String minThroughputRatio = "0.90";

    @Setting("Time ceiling of the thread-scaling comparisons together (e.g. `30s`), shared out as `scalability/maxDuration` is; pairs and blocks follow the `<scalability>` settings.")
    String maxDuration = "30s";

    @Setting("Inferences of each model recorded by the engine's profiler; 0 skips the operator profile.")
    int profileIterations = 10;

    @Setting("Size n of the n x n float32 matrices of the GEMM peak probe; 0 skips the probe.")
    int gemmSize = 512;

    @Setting("Size in MiB of the tensor copied by the memory bandwidth probe; 0 skips the probe.")
    int bandwidthMebibytes = 64;

}
