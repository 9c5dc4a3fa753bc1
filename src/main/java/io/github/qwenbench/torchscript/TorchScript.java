package io.github.qwenbench.torchscript;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import io.github.qwenbench.host.EngineCapabilities;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.plan.EngineSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place that speaks to DJL's PyTorch engine through its own types ({@code JniUtils},
 * {@code IValue}, {@code PtSymbolBlock}): everything else in the plugin works with DJL's
 * engine-neutral {@code NDArray}, {@code Block} and {@code Predictor}, and asks this class for what
 * only libtorch can tell or do.
 */
public final class TorchScript {

    /** DJL's name of the engine. */
    public static final String ENGINE = "PyTorch";

    private TorchScript() {
    }

    /** The engine, loading its natives if nothing has yet. */
    public static Engine engine() {
        return Engine.getEngine(ENGINE);
    }

    /** Engine settings are read once, when the engine loads: call this before anything touches it. */
    public static void configure(EngineSettings engine) {
        if (engine.intraOpThreads() != null) {
            System.setProperty("ai.djl.pytorch.num_threads", engine.intraOpThreads().toString());
        }
        if (engine.interOpThreads() != null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", engine.interOpThreads().toString());
        }
        System.setProperty("ai.djl.pytorch.graph_optimizer", Boolean.toString(engine.graphOptimizer()));
    }

    /** The engine's intra-op threads now (process-wide). */
    public static int intraOpThreads() {
        return JniUtils.getNumThreads();
    }

    /** Sets the engine's intra-op threads (process-wide), if they differ. */
    public static void setIntraOpThreads(int threads) {
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** The folder DJL loaded libtorch from. */
    public static String libtorchPath() {
        return LibUtils.getLibtorchPath();
    }

    /** The methods a TorchScript module exports besides {@code forward}; none for another kind of block. */
    public static List<String> methodNames(Block block) {
        return block instanceof PtSymbolBlock symbol ? Arrays.asList(JniUtils.getMethodNames(symbol)) : List.of();
    }

    /**
     * Runs the exported method {@code method} of a TorchScript module on {@code arguments}; the tuple
     * it returns comes back as tensors of {@code into}. Returns null when the method returned one value
     * rather than a tuple. The engine's own failures pass through as runtime exceptions.
     */
    public static List<NDArray> runTupleMethod(Block block, String method, List<NDArray> arguments, NDManager into) {
        List<IValue> args = new ArrayList<>();
        try {
            for (NDArray a : arguments) {
                args.add(IValue.from((PtNDArray) a));
            }
            try (IValue result = IValueUtils.runMethod((PtSymbolBlock) block, method, args.toArray(IValue[]::new))) {
                if (!result.isTuple()) {
                    return null;
                }
                IValue[] out = result.toIValueTuple();
                try {
                    List<NDArray> tensors = new ArrayList<>();
                    for (IValue value : out) {
                        tensors.add(value.toTensor((PtNDManager) into));
                    }
                    return tensors;
                } finally {
                    for (IValue value : out) {
                        value.close();
                    }
                }
            }
        } finally {
            args.forEach(IValue::close);
        }
    }

    /** Returns the blocks PyTorch's CUDA caching allocator holds unused to the driver. */
    public static void emptyCudaCache() {
        JniUtils.emptyCudaCache();
    }

    /** Starts libtorch's operator profiler on this thread (shapes recorded; allocations if {@code memory}). */
    public static void startProfile(boolean memory) {
        engine(); // loads the natives JniUtils calls, if no model has yet
        JniUtils.startProfile(false, true, memory);
    }

    /** Stops the profiler and writes its Chrome trace to {@code trace}. */
    public static void stopProfile(Path trace) {
        JniUtils.stopProfile(trace.toString());
    }

    /** What the loaded libtorch was built with. */
    public static EngineCapabilities capabilities() {
        Engine engine = engine();
        String path = LibUtils.getLibtorchPath();
        return new EngineCapabilities(engine.getVersion(), EngineCapabilities.flavorOf(path), path,
                engine.hasCapability(StandardCapabilities.MKL), engine.hasCapability(StandardCapabilities.MKLDNN),
                engine.hasCapability(StandardCapabilities.OPENMP), engine.hasCapability(StandardCapabilities.CUDA),
                engine.hasCapability(StandardCapabilities.CUDNN), engine.getGpuCount(),
                CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : null,
                JniUtils.getFeatures().stream().sorted().toList());
    }

    /** Describes this JVM, its machine and the engine, which must already be configured with {@code settings}. */
    public static HostInfo describeHost(EngineSettings settings) {
        Engine engine = engine();
        return HostInfo.collect(settings, engine.getEngineName(), engine.getVersion(), JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), capabilities());
    }
}
