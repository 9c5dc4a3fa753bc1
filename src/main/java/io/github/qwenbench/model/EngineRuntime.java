package io.github.qwenbench.model;

import ai.djl.engine.Engine;
import io.github.qwenbench.torchscript.TorchScript;
import java.nio.file.Path;

/**
 * What the measuring code asks of the engine that runs the models, beside the models themselves:
 * its process-wide intra-op threads, its device memory cache, its operator profiler. The seam
 * between the suites and an engine: today it answers for TorchScript through
 * {@link TorchScript}; nothing above the model layer speaks to an engine package directly.
 */
public final class EngineRuntime {

    private EngineRuntime() {
    }

    /** The engine, loading it if nothing has yet. */
    public static Engine engine() {
        return TorchScript.engine();
    }

    /** The engine's intra-op threads now (process-wide). */
    public static int intraOpThreads() {
        return TorchScript.intraOpThreads();
    }

    /** Sets the engine's intra-op threads (process-wide). */
    public static void setIntraOpThreads(int threads) {
        TorchScript.setIntraOpThreads(threads);
    }

    /** Returns the device memory the engine caches unused to the driver. */
    public static void releaseCachedDeviceMemory() {
        TorchScript.emptyCudaCache();
    }

    /** Starts the engine's operator profiler on this thread (allocations too if {@code memory}). */
    public static void startProfile(boolean memory) {
        TorchScript.startProfile(memory);
    }

    /** Stops the profiler and writes its Chrome trace to {@code trace}. */
    public static void stopProfile(Path trace) {
        TorchScript.stopProfile(trace);
    }
}
