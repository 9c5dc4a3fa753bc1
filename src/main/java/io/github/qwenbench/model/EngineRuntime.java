package io.github.qwenbench.model;

import ai.djl.engine.Engine;
import io.github.qwenbench.onnx.OrtRuntime;
import io.github.qwenbench.plan.ModelFile;
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

    /**
     * What runs {@code model}, as results record it: the engine and its version, the device, and for ONNX
     * Runtime the session options every session of the plugin has (its intra-op threads are each
     * measurement's, recorded with its conditions).
     */
    public static String describe(ModelFile model, String device) {
        if (model.served()) {
            return "served by " + model.endpoint().describe() + ", measured as its client (the JDK's HTTP client,"
                    + " HTTP/1.1, streamed chat completions)";
        }
        Engine engine = engine();
        String arrays = engine.getEngineName() + " " + engine.getVersion() + " through DJL " + Engine.getDjlVersion();
        if (!model.onnx()) {
            return arrays + " on " + device;
        }
        OrtRuntime.Options options = new OrtRuntime.Options(1, LoadedModel.ONNX_OPTIMIZATION, true);
        StringBuilder described = new StringBuilder("ONNX Runtime " + OrtRuntime.version() + " on cpu (");
        options.recorded().forEach((key, value) -> {
            if (!"intraOpThreads".equals(key)) {
                described.append(key).append('=').append(value).append(", ");
            }
        });
        return described.append("intra-op threads as each measurement's conditions say); arrays in ")
                .append(arrays).toString();
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
