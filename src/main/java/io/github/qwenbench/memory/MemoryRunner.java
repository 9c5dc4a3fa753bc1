package io.github.qwenbench.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.measure.BandwidthProbe;
import io.github.qwenbench.measure.LatencyLoop;
import io.github.qwenbench.measure.ResidentMemory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.stats.LinearFit;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Measures one model in a fresh worker: resident memory idle (JVM and engine loaded, no model),
 * after loading, at the peak of an inference phase, and its growth per inference over a steady
 * phase; where the plan generates, at the peak of greedy decoding ({@link GenerationPhase}), after the
 * inference phases so that their figures do not change; then, with the model's work done, the machine's
 * memory bandwidth. Where inference runs on a GPU, the GPU's memory in the first three phases
 * ({@link GpuMemoryProbe}).
 */
public final class MemoryRunner implements SuiteRunner {

    private static final int SAMPLES_PER_FIT_POINT = 10;

    @Override
    public MemorySample run(SuiteContext context) throws BenchmarkSetupException {
        MemorySettings settings = context.plan().memory();
        ModelFile file = context.model();
        List<InputSpec> specs = context.inputs().inputs();
        ResidentMemory memory = new ResidentMemory();
        try (NDManager manager = NDManager.newBaseManager();
                PeakSampler sampler = new PeakSampler("rss", memory::current, 2);
                GpuMemoryProbe gpu = GpuMemoryProbe.open(context.plan().engine())) {
            List<NDList> samples = context.inputs().samples(manager, 4);
            warmUpEngine(manager, gpu);
            long idle = settle(memory);
            long gpuIdle = gpu.used();
            context.progress().accept(file.role() + " #" + context.repetition() + ": idle " + mib(idle)
                    + gpuFigure("GPU idle", gpuIdle));
            try (LoadedModel model = LoadedModel.load(file, false)) {
                settle(memory);
                memory.resetPeak();
                long afterLoad = memory.current();
                long gpuAfterLoad = gpu.used();
                gpu.startPeak();
                long[] latencies = LatencyLoop.run(model, samples, specs, 0, settings.inferences(), null);
                long peak = memory.peak();
                long gpuPeak = gpu.peak();
                double[] x = new double[settings.leakInferences() / SAMPLES_PER_FIT_POINT];
                double[] y = new double[x.length];
                for (int p = 0; p < x.length; p++) {
                    LatencyLoop.run(model, samples, specs, p, SAMPLES_PER_FIT_POINT, null);
                    x[p] = (p + 1) * SAMPLES_PER_FIT_POINT;
                    y[p] = memory.current();
                }
                LinearFit leak = LinearFit.of(x, y);
                long steady = memory.current();
                GenerationMemorySample generation = generation(context, model, memory, manager);
                long parameterBytes = parameterBytes(model);
                MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
                double bandwidth = settings.bandwidthMebibytes() == 0 ? Double.NaN
                        : BandwidthProbe.measure(manager, settings.bandwidthMebibytes()).bestBytesPerSecond();
                context.progress().accept(String.format(java.util.Locale.ROOT,
                        "%s #%d: after load %s, peak %s, growth %.0f bytes per inference%s%s%s", file.role(),
                        context.repetition(), mib(afterLoad), mib(peak), leak.slope(),
                        gpuFigure("GPU after load", gpuAfterLoad), gpuFigure("GPU peak", gpuPeak),
                        generationFigure(generation, afterLoad)));
                return new MemorySample(file.role(), context.repetition(), idle, afterLoad, peak, steady,
                        leak.slope(), leak.rSquared(), jvm.getHeapMemoryUsage().getUsed(),
                        jvm.getHeapMemoryUsage().getCommitted(), jvm.getNonHeapMemoryUsage().getUsed(),
                        jvm.getNonHeapMemoryUsage().getCommitted(), file.bytes(), parameterBytes,
                        Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6, bandwidth, memory.source(),
                        gpu.sample(gpuIdle, gpuAfterLoad, gpuPeak), generation);
            }
        }
    }

    /** The generation phase where the plan generates; null where it does not. */
    private static GenerationMemorySample generation(SuiteContext context, LoadedModel model, ResidentMemory memory,
            NDManager manager) throws BenchmarkSetupException {
        BenchmarkPlan plan = context.plan();
        if (plan.memory().generationSkipped(plan.generation(), plan.inputs()) != null) {
            return null;
        }
        settle(memory);
        return GenerationPhase.measure(model, context.inputs(), plan.generation(), plan.memory().generationSamples(),
                memory, manager);
    }

    /** {@code , generation peak ...} for the progress line; empty without a generation phase. */
    private static String generationFigure(GenerationMemorySample generation, long afterLoad) {
        return generation == null ? "" : String.format(java.util.Locale.ROOT, ", generation peak %s (%s over after"
                + " load, key/value cache %.1f KiB, %s)", mib(generation.peakBytes()),
                mib(generation.peakBytes() - afterLoad), generation.kvCacheBytes() / 1024.0,
                DecodingMethod.label(generation.decoding()));
    }

    /**
     * Starts the engine's thread pools and allocator caches before the idle reading: a parallel
     * matrix product creates the intra-op threads, whose stacks and allocator arenas would otherwise
     * land in whichever phase first runs a parallel operator (seen here: 14 MiB, in some runs). On a
     * GPU it runs there, so that the CUDA context and the cuBLAS handle exist before the idle reading
     * rather than landing in the model's footprint, and then returns the cached blocks.
     */
    private static void warmUpEngine(NDManager manager, GpuMemoryProbe gpu) {
        try (NDManager scope = manager.newSubManager(gpu.device().orElse(manager.getDevice()))) {
            NDArray a = scope.randomNormal(new Shape(512, 512));
            for (int i = 0; i < 5; i++) {
                a.matMul(a).sum();
            }
        }
        gpu.releaseCachedBlocks();
    }

    /** {@code , label 123.4 MiB} for the progress line; empty on the CPU or when unreadable. */
    private static String gpuFigure(String label, long bytes) {
        return bytes < 0 ? "" : ", " + label + " " + mib(bytes);
    }

    /** Resident memory once the JVM has collected garbage and the allocator has settled. */
    private static long settle(ResidentMemory memory) {
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return memory.current();
    }

    private static long parameterBytes(LoadedModel model) {
        long bytes = 0;
        for (Pair<String, Parameter> p : model.zooModel().getBlock().getParameters()) {
            NDArray array = p.getValue().getArray();
            bytes += array.getShape().size() * array.getDataType().getNumOfBytes();
        }
        return bytes;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
