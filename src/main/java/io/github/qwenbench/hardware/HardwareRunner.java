package io.github.qwenbench.hardware;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.measure.BandwidthProbe;
import io.github.qwenbench.measure.CurveMetrics;
import io.github.qwenbench.measure.MemoryBandwidth;
import io.github.qwenbench.measure.PairedCurves;
import io.github.qwenbench.model.EngineThreads;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.ModelCapacity;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.HardwareSettings;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures, in one worker: both models' thread scaling, their operator profiles, the engine's GEMM and
 * memory-bandwidth peaks at each thread count, and where each model runs between those peaks.
 */
public final class HardwareRunner implements SuiteRunner {

    /** Inferences of each model before its profile, so that one-time work stays out of it. */
    private static final int PROFILE_WARMUP = 3;

    /** The axis of the thread-scaling curve. */
    public static final String INTRA_OP_AXIS = "intraOpThreads";

    /**
     * Thread scaling: both models with one caller at each of the engine's intra-op thread counts,
     * measured and paired like every point of a scalability curve, on axis {@code intraOpThreads}.
     */
    private static CurveMetrics.Curve threadScaling(SuiteContext context, LoadedModel baseline,
            LoadedModel candidate, HardwareSettings settings, NDManager manager) throws BenchmarkSetupException {
        InputFactory inputs = context.inputs();
        PairedCurves<NDList> curves = PairedCurves.of(baseline, candidate, inputs.inputs(),
                settings.points(context.plan().scalability()), context.engineThreads(), context.progress(),
                context.plan().seed());
        List<NDList> samples = List.of(inputs.sample(manager, 0), inputs.sample(manager, 1));
        List<PairedCurves.Point<NDList>> points = new ArrayList<>();
        for (int threads : settings.threads()) {
            points.add(new PairedCurves.Point<>(INTRA_OP_AXIS + "=" + threads, 1, threads, samples));
        }
        return curves.curve("intra-op-threads", INTRA_OP_AXIS, settings.threads(), points);
    }

    /** Repetitions of the GEMM probe at each thread count. */
    private static final int GEMM_REPETITIONS = 3;

    @Override
    public HardwareMetrics run(SuiteContext context) throws BenchmarkSetupException {
        HardwareSettings settings = context.plan().hardware();
        List<InputSpec> specs = context.inputs().inputs();
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            CurveMetrics.Curve threadScaling = settings.threads().isEmpty() ? null
                    : threadScaling(context, baseline, candidate, settings, manager);
            NDList sample = context.inputs().sample(manager, 0);
            List<OperatorProfile> profiles = new ArrayList<>();
            ProfileComparison comparison = null;
            if (settings.profileIterations() > 0) {
                EngineThreads threads = context.engineThreads();
                threads.apply("profile", 1);
                try {
                    for (LoadedModel model : List.of(baseline, candidate)) {
                        profiles.add(model.file().onnx()
                                ? onnxProfile(model.file(), sample, specs, settings.profileIterations())
                                : profile(model, sample, specs, settings.profileIterations()));
                        OperatorProfile p = profiles.get(profiles.size() - 1);
                        context.progress().accept(String.format(Locale.ROOT, "profile of the %s (%s): %.1f us of"
                                + " operators and %.1f MFLOP per inference, %d operators", model.file().role(),
                                model.file().onnx() ? "ONNX Runtime's profiler" : "libtorch's profiler",
                                p.selfMicros() / p.inferences(), p.flopsPerInference() / 1e6, p.operators().size()));
                    }
                } finally {
                    threads.restore();
                }
                comparison = ProfileComparison.of(profiles.get(0), profiles.get(1), 10);
            }
            List<GemmThroughput> gemm = new ArrayList<>();
            List<MemoryBandwidth> bandwidth = new ArrayList<>();
            for (int threads : settings.threads()) {
                if (settings.gemmSize() > 0) {
                    gemm.add(GemmProbe.measure(manager, settings.gemmSize(), threads, GEMM_REPETITIONS));
                }
                if (settings.bandwidthMebibytes() > 0) {
                    bandwidth.add(BandwidthProbe.measure(manager, settings.bandwidthMebibytes(), threads));
                }
                context.progress().accept(String.format(Locale.ROOT, "peaks at %d intra-op thread(s): GEMM %s GFLOP/s,"
                        + " bandwidth %s GB/s", threads, gemm.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f",
                                gemm.get(gemm.size() - 1).maxGflops()),
                        bandwidth.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f",
                                bandwidth.get(bandwidth.size() - 1).bestBytesPerSecond() / 1e9)));
            }
            long samplesPerInference = sample.get(0).getShape().dimension() > 0 ? sample.get(0).getShape().get(0) : 1;
            return new HardwareMetrics(threadScaling, profiles, comparison, gemm, bandwidth,
                    rooflines(threadScaling, profiles, gemm, bandwidth, samplesPerInference,
                            List.of(baseline, candidate)), HardwareMetrics.METHOD);
        }
    }

    /**
     * An ONNX model's profile, by ONNX Runtime's own profiler: a copy of the model whose sessions profile every
     * run, {@link #PROFILE_WARMUP} inferences, then the measured ones; the warm-up's runs are left out of the
     * traces ({@link OrtTrace}), which are deleted once read.
     */
    private static OperatorProfile onnxProfile(ModelFile file, NDList sample, List<InputSpec> specs, int inferences)
            throws BenchmarkSetupException {
        Path directory;
        try {
            directory = Files.createTempDirectory("qwen-bench-ort-profile");
        } catch (IOException e) {
            throw new BenchmarkSetupException("Could not make a folder for ONNX Runtime's profile: " + e.getMessage(), e);
        }
        List<Path> traces = List.of();
        try (LoadedModel model = LoadedModel.loadProfiledOnnx(file, directory.resolve(file.role()))) {
            for (int i = 0; i < PROFILE_WARMUP + inferences; i++) {
                model.predict(sample, specs).close();
            }
            traces = model.endProfiling();
            return OrtTrace.read(traces, PROFILE_WARMUP, inferences);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Could not read ONNX Runtime's profile " + traces + ": " + e.getMessage(), e);
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind
            }
        }
    }

    private static OperatorProfile profile(LoadedModel model, NDList sample, List<InputSpec> specs, int inferences)
            throws BenchmarkSetupException {
        for (int i = 0; i < PROFILE_WARMUP; i++) {
            model.predict(sample, specs).close();
        }
        return OperatorProfiler.profile(inferences, true, () -> {
            for (int i = 0; i < inferences; i++) {
                model.predict(sample, specs).close();
            }
        });
    }

    /**
     * Each model's roofline at every thread count where its throughput and both peaks were measured,
     * where the machine left the cores its threads needed (elsewhere the scheduler, not the model, sets the throughput).
     */
    static List<HardwareMetrics.ModelRoofline> rooflines(CurveMetrics.Curve curve, List<OperatorProfile> profiles,
            List<GemmThroughput> gemm, List<MemoryBandwidth> bandwidth, long samplesPerInference,
            List<LoadedModel> models) {
        List<HardwareMetrics.ModelRoofline> rooflines = new ArrayList<>();
        if (curve == null || profiles.isEmpty() || gemm.size() != curve.sizes().size()
                || bandwidth.size() != curve.sizes().size()) {
            return rooflines;
        }
        for (int m = 0; m < models.size(); m++) {
            long parameterBytes = parameterBytes(models.get(m));
            for (int i = 0; i < curve.sizes().size(); i++) {
                if (curve.busy(i) || parameterBytes <= 0) {
                    continue;
                }
                double inferencesPerSecond = curve.models().get(m).samplesPerSecond().get(i) / samplesPerInference;
                rooflines.add(new HardwareMetrics.ModelRoofline(models.get(m).file().role(), curve.sizes().get(i),
                        Roofline.of(inferencesPerSecond, profiles.get(m).flopsPerInference(), parameterBytes,
                                gemm.get(i).maxGflops() * 1e9, bandwidth.get(i).bestBytesPerSecond())));
            }
        }
        return rooflines;
    }

    /** The model's tensor bytes from its TorchScript or ONNX files, packed weights included; 0 when unreadable. */
    private static long parameterBytes(LoadedModel model) {
        try {
            return ModelCapacity.of(model.file()).bytes();
        } catch (BenchmarkSetupException | RuntimeException e) {
            return 0;
        }
    }
}
