package io.github.qwenbench.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.qwenbench.hardware.BandwidthProbe;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.performance.LatencyLoop;
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
 * phase; then, with the model's work done, the machine's memory bandwidth.
 */
public final class MemoryRunner implements SuiteRunner {

    private static final int SAMPLES_PER_FIT_POINT = 10;

    @Override
    public MemorySample run(SuiteContext context) throws BenchmarkSetupException {
        MemorySettings settings = context.plan().memory();
        ModelFile file = context.model();
        List<InputSpec> specs = context.inputs().inputs();
        ResidentMemory memory = new ResidentMemory();
        try (NDManager manager = NDManager.newBaseManager(); PeakSampler sampler = new PeakSampler(memory, 2)) {
            List<NDList> samples = context.inputs().samples(manager, 4);
            warmUpEngine(manager);
            long idle = settle(memory);
            context.progress().accept(file.role() + " #" + context.repetition() + ": idle " + mib(idle));
            try (LoadedModel model = LoadedModel.load(file, false)) {
                settle(memory);
                memory.resetPeak();
                long afterLoad = memory.current();
                long[] latencies = LatencyLoop.run(model, samples, specs, 0, settings.inferences(), null);
                long peak = memory.peak();
                double[] x = new double[settings.leakInferences() / SAMPLES_PER_FIT_POINT];
                double[] y = new double[x.length];
                for (int p = 0; p < x.length; p++) {
                    LatencyLoop.run(model, samples, specs, p, SAMPLES_PER_FIT_POINT, null);
                    x[p] = (p + 1) * SAMPLES_PER_FIT_POINT;
                    y[p] = memory.current();
                }
                LinearFit leak = LinearFit.of(x, y);
                long steady = memory.current();
                long parameterBytes = parameterBytes(model);
                MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
                double bandwidth = settings.bandwidthMebibytes() == 0 ? Double.NaN
                        : BandwidthProbe.measure(manager, settings.bandwidthMebibytes()).bestBytesPerSecond();
                context.progress().accept(String.format(java.util.Locale.ROOT,
                        "%s #%d: after load %s, peak %s, growth %.0f bytes per inference", file.role(),
                        context.repetition(), mib(afterLoad), mib(peak), leak.slope()));
                return new MemorySample(file.role(), context.repetition(), idle, afterLoad, peak, steady,
                        leak.slope(), leak.rSquared(), jvm.getHeapMemoryUsage().getUsed(),
                        jvm.getHeapMemoryUsage().getCommitted(), jvm.getNonHeapMemoryUsage().getUsed(),
                        jvm.getNonHeapMemoryUsage().getCommitted(), file.bytes(), parameterBytes,
                        Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6, bandwidth, memory.source());
            }
        }
    }

    /**
     * Starts the engine's thread pools and allocator caches before the idle reading: a parallel
     * matrix product creates the intra-op threads, whose stacks and allocator arenas would otherwise
     * land in whichever phase first runs a parallel operator (seen here: 14 MiB, in some runs).
     */
    private static void warmUpEngine(NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomNormal(new Shape(512, 512));
            for (int i = 0; i < 5; i++) {
                a.matMul(a).sum();
            }
        }
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
