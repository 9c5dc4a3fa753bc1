package io.github.qwenbench.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.model.EngineRuntime;
import io.github.qwenbench.model.IntraOpThreads;
import io.github.qwenbench.stats.Statistics;
import java.util.Arrays;

/**
 * Measures the machine's achievable memory bandwidth through the engine, the roof a memory-bound
 * model can hope for: {@value #PASSES} in-place passes over a large float32 tensor (each multiplies
 * every element, so reads and writes it), timed one by one. The tensor is touched before timing, so
 * page faults do not count, and nothing is allocated while the clock runs. The tensor should be much
 * larger than the last-level cache (the memory suite's default is 256 MiB), or the figure is the
 * cache's.
 *
 * <p>The engine's thread count is process-wide: nothing else should run engine work meanwhile.
 */
public final class BandwidthProbe {

    /** Timed passes. */
    public static final int PASSES = 5;

    private BandwidthProbe() {
    }

    /** Measures at the engine's current intra-op threads. */
    public static MemoryBandwidth measure(NDManager manager, int mebibytes) {
        return measure(manager, mebibytes, EngineRuntime.intraOpThreads());
    }

    /** Measures at {@code threads} intra-op threads, restoring the engine's thread count afterwards. */
    public static MemoryBandwidth measure(NDManager manager, int mebibytes, int threads) {
        if (mebibytes < 1) {
            throw new IllegalArgumentException("mebibytes is " + mebibytes + ", but the probe tensor needs at"
                    + " least 1 MiB");
        }
        long elements = mebibytes * 1024L * 1024L / Float.BYTES;
        return IntraOpThreads.with(threads, () -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray tensor = scope.ones(new Shape(elements));
                tensor.muli(1.0001f);
                double[] bytesPerSecond = new double[PASSES];
                for (int i = 0; i < PASSES; i++) {
                    long start = System.nanoTime();
                    tensor.muli(1.0001f);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    bytesPerSecond[i] = 2.0 * elements * Float.BYTES / seconds;
                }
                return new MemoryBandwidth(mebibytes, threads, PASSES, Arrays.stream(bytesPerSecond).max().orElseThrow(),
                        Statistics.median(bytesPerSecond));
            }
        });
    }
}
