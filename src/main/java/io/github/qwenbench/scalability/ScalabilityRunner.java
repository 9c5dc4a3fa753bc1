package io.github.qwenbench.scalability;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.measure.CurveMetrics;
import io.github.qwenbench.measure.PairedCurves;
import io.github.qwenbench.model.EngineRuntime;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.List;

/** Measures both models along every configured curve: batch sizes, concurrency levels, input sizes. */
public final class ScalabilityRunner implements SuiteRunner {

    @Override
    public CurveMetrics run(SuiteContext context) throws BenchmarkSetupException {
        ScalabilitySettings settings = context.plan().scalability();
        InputFactory inputs = context.inputs();
        List<PairedCurves.CurveRequest> requests = new ArrayList<>();
        List<CurveMetrics.Curve> curves;
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            PairedCurves models = new PairedCurves(baseline, candidate, inputs.inputs(), settings, context.engineThreads(),
                    context.progress(), context.plan().seed());
            if (!settings.batchSizes().isEmpty()) {
                List<PairedCurves.Point> points = new ArrayList<>();
                for (int b : settings.batchSizes()) {
                    points.add(new PairedCurves.Point("batch=" + b, 1, List.of(
                            inputs.batch(manager, 0, b, settings.batchDimension()),
                            inputs.batch(manager, b, b, settings.batchDimension()))));
                }
                if (inputs.batching() != null) {
                    context.progress().accept("batches: " + inputs.batching());
                }
                requests.add(new PairedCurves.CurveRequest("batch", "batch", settings.batchSizes(), points));
            }
            if (!settings.concurrency().isEmpty()) {
                List<NDList> samples = List.of(inputs.sample(manager, 0), inputs.sample(manager, 1));
                List<PairedCurves.Point> points = new ArrayList<>();
                for (int threads : settings.concurrency()) {
                    points.add(new PairedCurves.Point("threads=" + threads, threads, samples));
                }
                requests.add(new PairedCurves.CurveRequest("concurrency", "threads", settings.concurrency(), points));
            }
            for (ScalabilitySettings.Sweep sweep : settings.sweeps()) {
                String axis = sweep.input() + "[" + sweep.dimension() + "]";
                List<PairedCurves.Point> points = new ArrayList<>();
                for (int size : sweep.values()) {
                    points.add(new PairedCurves.Point(axis + "=" + size, 1, List.of(
                            PointInputs.resized(manager, inputs, sweep.input(), sweep.dimension(), size, 0),
                            PointInputs.resized(manager, inputs, sweep.input(), sweep.dimension(), size, 1))));
                }
                requests.add(new PairedCurves.CurveRequest("input-size", axis, sweep.values(), points));
            }
            curves = models.curves(requests);
        }
        return new CurveMetrics(curves, EngineRuntime.intraOpThreads(), CurveMetrics.METHOD, inputs.batching());
    }
}
