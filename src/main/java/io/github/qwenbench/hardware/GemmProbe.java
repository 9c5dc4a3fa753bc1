package io.github.qwenbench.hardware;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.model.IntraOpThreads;
import io.github.qwenbench.stats.Statistics;
import java.util.Arrays;

/**
 * Measures the engine's achievable float32 matrix-multiply throughput: the compute roof a model's
 * matrix products can reach on this machine, with this libtorch and its BLAS, at a given number of
 * intra-op threads.
 *
 * <p>Square products of random n×n matrices, n = {@value #DEFAULT_SIZE} by default (2.1 GFLOP each,
 * large enough for the BLAS to run at full speed and small enough to stay in a few MiB). One product
 * warms up the engine's threads and caches, the faster of two more times one product; each repetition
 * then times as many products as fill about {@value #TARGET_SECONDS} s, so that timer resolution and
 * scheduler hiccups weigh little. The product's output is a fresh tensor each time, as in a model.
 *
 * <p>The engine's thread count is process-wide: nothing else should run engine work meanwhile.
 */
public final class GemmProbe {

    /** The matrices' side: 2.1 GFLOP per product, about 25 ms on one core of an AVX-512 AMD EPYC. */
    public static final int DEFAULT_SIZE = 1024;

    /** Timed repetitions: enough for a median and a spread. */
    public static final int DEFAULT_REPETITIONS = 5;

    static final double TARGET_SECONDS = 0.25;

    private GemmProbe() {
    }

    /** {@link #DEFAULT_SIZE} and {@link #DEFAULT_REPETITIONS} at {@code threads} intra-op threads. */
    public static GemmThroughput measure(NDManager manager, int threads) {
        return measure(manager, DEFAULT_SIZE, threads, DEFAULT_REPETITIONS);
    }

    /**
     * Measures n×n products at {@code threads} intra-op threads, restoring the engine's thread count
     * afterwards.
     */
    public static GemmThroughput measure(NDManager manager, int size, int threads, int repetitions) {
        if (size < 1 || repetitions < 1) {
            throw new IllegalArgumentException("size is " + size + " and repetitions " + repetitions
                    + ", but both must be at least 1");
        }
        return IntraOpThreads.with(threads, () -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray a = scope.randomUniform(-1, 1, new Shape(size, size), DataType.FLOAT32);
                NDArray b = scope.randomUniform(-1, 1, new Shape(size, size), DataType.FLOAT32);
                multiply(a, b, 1);
                double secondsPerProduct = Math.min(multiply(a, b, 1), multiply(a, b, 1));
                int products = (int) Math.max(1, Math.ceil(TARGET_SECONDS / secondsPerProduct));
                double flops = 2.0 * size * size * size * products;
                double[] gflops = new double[repetitions];
                for (int r = 0; r < repetitions; r++) {
                    gflops[r] = flops / multiply(a, b, products) / 1e9;
                }
                return new GemmThroughput(size, threads, products, repetitions, Statistics.median(gflops),
                        Arrays.stream(gflops).min().orElseThrow(), Arrays.stream(gflops).max().orElseThrow());
            }
        });
    }

    /** Seconds that {@code count} products a·b take. */
    private static double multiply(NDArray a, NDArray b, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            a.matMul(b).close();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
