package io.github.qwenbench.hardware;

import io.github.qwenbench.measure.CurveMetrics;
import io.github.qwenbench.measure.MemoryBandwidth;
import java.util.List;

/**
 * Everything the hardware suite measured. The machine and engine it ran on are the result's
 * {@code system} ({@link io.github.qwenbench.host.HostInfo}): CPU features, caches, NUMA nodes and the
 * engine's capabilities.
 *
 * @param threadScaling both models at each intra-op thread count, paired, or null when skipped
 * @param profiles each model's operator profile (baseline, candidate), or empty when skipped
 * @param profileComparison the operators whose share of the time changed most, or null when skipped
 * @param gemm the engine's float32 matrix-multiply throughput at each thread count, or empty when skipped
 * @param bandwidth the memory bandwidth at each thread count, or empty when skipped
 * @param rooflines each model's position between those peaks at each thread count both were measured at
 * @param method how the figures were obtained
 */
public record HardwareMetrics(CurveMetrics.Curve threadScaling, List<OperatorProfile> profiles,
        ProfileComparison profileComparison, List<GemmThroughput> gemm, List<MemoryBandwidth> bandwidth,
        List<ModelRoofline> rooflines, String method) {

    public static final String METHOD = "Thread scaling: one caller, the engine's intra-op threads set to each count"
            + " (JniUtils.setNumThreads); at each count both models run in alternating blocks (A B, then B A) on the"
            + " same inputs, and the candidate/baseline throughput ratio is the median over pairs of four blocks with an"
            + " anytime-valid confidence sequence, measured until it clears minThroughputRatio or the count's"
            + " budget is spent. Speedup is each model's throughput over its own at the first count; parallel"
            + " efficiency is that speedup over the thread factor. A count above the cores other processes left"
            + " free is reported but not gated. Operator profile: libtorch's profiler (JniUtils.startProfile) over"
            + " profileIterations inferences per model after warm-up, on the calling thread; self time rebuilt from"
            + " the nesting of the calls; FLOPs from the recorded shapes of the innermost matrix-multiply,"
            + " convolution, attention and dynamic-quantized linear calls; for a model in ONNX Runtime, its own profiler"
            + " (SessionOptions.enableProfiling) on a profiled copy of the model, its kernels' times by operator"
            + " type after the warm-up's runs, FLOPs from the recorded shapes of matrix products and convolutions."
            + " Peaks: float32 n x n products (GEMM) and"
            + " an in-place tensor copy (bandwidth), best of several repetitions at each thread count. Roofline:"
            + " each model's measured inferences per second at that thread count times its FLOPs per inference,"
            + " and times its parameter bytes (read once per inference), against those peaks.";

    /**
     * @param role baseline or candidate
     * @param threads the intra-op threads
     * @param roofline achieved FLOP/s and parameter bytes/s against the peaks, and the bound
     */
    public record ModelRoofline(String role, int threads, Roofline roofline) {
    }
}
