package io.github.qwenbench.memory;

/**
 * The worker's GPU memory in one memory worker, by phase: memory in use on the whole device, so it
 * includes the CUDA context, the blocks PyTorch's caching allocator keeps reserved after the tensors
 * that used them are freed, and any other process on that GPU. The memory workers run one at a time,
 * so the other model is not among them.
 *
 * @param device {@code gpu:N}
 * @param idleBytes with the engine warmed up on the GPU (its CUDA context made, cached blocks released),
 *     no model
 * @param afterLoadBytes after loading the model
 * @param peakBytes the most during the inference phase
 * @param totalBytes the device's memory
 * @param source how it was read
 * @param unavailable why it could not be read, or null when it was
 */
public record GpuMemorySample(String device, long idleBytes, long afterLoadBytes, long peakBytes, long totalBytes,
        String source, String unavailable) {

    /** A GPU whose memory could not be read, and why. */
    static GpuMemorySample unavailable(String device, String reason) {
        return new GpuMemorySample(device, -1, -1, -1, -1, null, reason);
    }

    public long footprintBytes() {
        return afterLoadBytes - idleBytes;
    }

    public long peakMinusIdleBytes() {
        return peakBytes - idleBytes;
    }
}
