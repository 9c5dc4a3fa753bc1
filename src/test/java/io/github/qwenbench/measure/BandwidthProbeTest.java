package io.github.qwenbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class BandwidthProbeTest {

    @Test
    void measuresAPlausibleBandwidthAndRestoresTheThreads() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int threads = JniUtils.getNumThreads();
            MemoryBandwidth bandwidth = BandwidthProbe.measure(manager, 128, 1);
            System.out.printf("bandwidth, 128 MiB, 1 thread: best %.2f GB/s, median %.2f GB/s%n",
                    bandwidth.bestBytesPerSecond() / 1e9, bandwidth.medianBytesPerSecond() / 1e9);
            assertTrue(bandwidth.bestBytesPerSecond() > 1e8 && bandwidth.bestBytesPerSecond() < 1e12,
                    bandwidth.toString());
            assertTrue(bandwidth.bestBytesPerSecond() >= bandwidth.medianBytesPerSecond());
            assertEquals(1, bandwidth.threads());
            assertEquals(threads, JniUtils.getNumThreads(), "the engine's threads are restored");
            assertThrows(IllegalArgumentException.class, () -> BandwidthProbe.measure(manager, 0));
        }
    }
}
