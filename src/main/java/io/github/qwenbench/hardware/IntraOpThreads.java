package io.github.qwenbench.hardware;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs a measurement at a given number of the engine's intra-op threads ({@code JniUtils.setNumThreads},
 * process-wide), then puts the previous number back.
 */
final class IntraOpThreads {

    private IntraOpThreads() {
    }

    static <T> T with(int threads, Supplier<T> measurement) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", but the engine needs at least 1");
        }
        int previous = JniUtils.getNumThreads();
        if (previous != threads) {
            JniUtils.setNumThreads(threads);
        }
        try {
            return measurement.get();
        } finally {
            if (JniUtils.getNumThreads() != previous) {
                JniUtils.setNumThreads(previous);
            }
        }
    }
}
