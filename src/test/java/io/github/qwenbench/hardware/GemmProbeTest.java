package io.github.qwenbench.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

/**
 * The engine's float32 GEMM throughput on this machine. Two threads are not asserted faster than one:
 * on the shared two-core machines that run these tests, two threads measured 0.6 to 1.0 times one
 * thread's throughput while other builds ran.
 */
class GemmProbeTest {

    @Test
    void measuresAPlausibleThroughputAndRestoresTheThreads() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int threads = JniUtils.getNumThreads();
            for (int t = 1; t <= 2; t++) {
                GemmThroughput gemm = GemmProbe.measure(manager, 1024, t, 3);
                System.out.printf("GEMM n=1024, %d thread(s): median %.1f GFLOP/s, %.1f to %.1f, spread %.0f%%,"
                        + " %d products per repetition%n", t, gemm.medianGflops(), gemm.minGflops(),
                        gemm.maxGflops(), 100 * gemm.spread(), gemm.productsPerRepetition());
                assertEquals(t, gemm.threads());
                assertTrue(gemm.medianGflops() > 1 && gemm.medianGflops() < 1000, gemm.toString());
                assertTrue(gemm.minGflops() <= gemm.medianGflops() && gemm.medianGflops() <= gemm.maxGflops());
                assertEquals(threads, JniUtils.getNumThreads(), "the engine's threads are restored");
            }
        }
    }
}
