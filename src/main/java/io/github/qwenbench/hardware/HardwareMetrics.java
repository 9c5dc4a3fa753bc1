package io.github.qwenbench.hardware;

import io.github.qwenbench.scalability.ScalabilityMetrics;

/**
 * Everything the hardware suite measured. The machine and engine it ran on are the result's
 * {@code system} ({@link io.github.qwenbench.host.HostInfo}): CPU features, caches, NUMA nodes and the
 * engine's capabilities.
 *
 * @param threadScaling both models at each intra-op thread count, paired, or null when skipped
 * @param method how thread scaling was measured
 */
public record HardwareMetrics(ScalabilityMetrics.Curve threadScaling, String method) {

    public static final String METHOD = "Thread scaling: one caller, the engine's intra-op threads set to each count"
            + " (JniUtils.setNumThreads); at each count both models run in alternating blocks (A B, then B A) on the"
            + " same inputs, and the candidate/baseline throughput ratio is the median over block pairs with an"
            + " anytime-valid confidence sequence, measured until it clears minThroughputRatio or the count's"
            + " budget is spent. Speedup is each model's throughput over its own at the first count; parallel"
            + " efficiency is that speedup over the thread factor. A count above the cores other processes left"
            + " free is reported but not gated.";
}
