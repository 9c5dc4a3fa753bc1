package io.github.qwenbench.measure;

/**
 * The machine's achievable memory bandwidth through the engine, from {@link BandwidthProbe}: bytes
 * read plus bytes written per second.
 *
 * @param mebibytes the probe tensor's size
 * @param threads the engine's intra-op threads during the measurement
 * @param passes timed passes over the tensor
 * @param bestBytesPerSecond the fastest pass: the closest to the machine's peak
 * @param medianBytesPerSecond the median pass
 */
public record MemoryBandwidth(int mebibytes, int threads, int passes, double bestBytesPerSecond,
        double medianBytesPerSecond) {
}
