package io.github.qwenbench.model;

import io.github.qwenbench.torchscript.TorchScript;
import java.util.function.Supplier;

/**
 * Runs a measurement at a given number of the engine's intra-op threads ({@code JniUtils.setNumThreads},
 * process-wide), then puts the previous number back.
 */
public final class IntraOpThreads {

    private IntraOpThreads() {
    }

    public static <T> T with(int threads, Supplier<T> measurement) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", but the engine needs at least 1");
        }
        int previous = TorchScript.intraOpThreads();
        if (previous != threads) {
            TorchScript.setIntraOpThreads(threads);
        }
        try {
            return measurement.get();
        } finally {
            if (TorchScript.intraOpThreads() != previous) {
                TorchScript.setIntraOpThreads(previous);
            }
        }
    }
}
