package io.github.qwenbench.memory;

/**
 * One model measured alone in one fresh worker.
 *
 * @param role baseline or candidate
 * @param repetition 1-based
 * @param idleBytes resident memory with the JVM and engine loaded, no model
 * @param afterLoadBytes resident memory after loading the model
 * @param peakBytes the highest resident memory during the inference phase
 * @param steadyBytes resident memory after the steady phase
 * @param leakBytesPerInference slope of resident memory over the steady phase
 * @param leakFitRSquared how well a line explains that growth
 * @param heapUsedBytes JVM heap in use after the steady phase
 * @param heapCommittedBytes JVM heap committed
 * @param nonHeapUsedBytes JVM non-heap in use
 * @param nonHeapCommittedBytes JVM non-heap committed
 * @param fileBytes the model file's size
 * @param parameterBytes bytes of the parameters the engine reports (quantized packed weights are
 *     not parameters and do not count)
 * @param meanLatencyMillis mean latency of the inference phase
 * @param machineBandwidthBytesPerSecond bytes read plus written per second by a large tensor copy
 *     through the engine, or NaN when skipped
 * @param source how resident memory was read
 * @param gpuMemory the GPU's memory by phase where inference ran on one; null on the CPU
 * @param generation resident memory while the model decoded greedy answers; null when the plan does not generate
 *     ({@code MemorySettings.generationSkipped} says why)
 */
public record MemorySample(String role, int repetition, long idleBytes, long afterLoadBytes, long peakBytes,
        long steadyBytes, double leakBytesPerInference, double leakFitRSquared, long heapUsedBytes,
        long heapCommittedBytes, long nonHeapUsedBytes, long nonHeapCommittedBytes, long fileBytes,
        long parameterBytes, double meanLatencyMillis, double machineBandwidthBytesPerSecond, String source,
        GpuMemorySample gpuMemory, GenerationMemorySample generation) {

    /** A sample of inference on the CPU without a generation phase. */
    public MemorySample(String role, int repetition, long idleBytes, long afterLoadBytes, long peakBytes,
            long steadyBytes, double leakBytesPerInference, double leakFitRSquared, long heapUsedBytes,
            long heapCommittedBytes, long nonHeapUsedBytes, long nonHeapCommittedBytes, long fileBytes,
            long parameterBytes, double meanLatencyMillis, double machineBandwidthBytesPerSecond, String source) {
        this(role, repetition, idleBytes, afterLoadBytes, peakBytes, steadyBytes, leakBytesPerInference,
                leakFitRSquared, heapUsedBytes, heapCommittedBytes, nonHeapUsedBytes, nonHeapCommittedBytes, fileBytes,
                parameterBytes, meanLatencyMillis, machineBandwidthBytesPerSecond, source, null, null);
    }

    public long footprintBytes() {
        return afterLoadBytes - idleBytes;
    }

    public long workingSetBytes() {
        return peakBytes - afterLoadBytes;
    }

    public long peakMinusIdleBytes() {
        return peakBytes - idleBytes;
    }

    /** The generation phase's own footprint: its peak minus after load; NaN without a generation phase. */
    public double generationPeakMinusLoadBytes() {
        return generation == null ? Double.NaN : generation.peakBytes() - afterLoadBytes;
    }
}
