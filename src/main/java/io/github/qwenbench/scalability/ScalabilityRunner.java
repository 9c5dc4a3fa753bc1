package io.github.qwenbench.scalability;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.endpoint.ServedPair;
import io.github.qwenbench.measure.CurveMetrics;
import io.github.qwenbench.measure.PairedCurves;
import io.github.qwenbench.model.EngineRuntime;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import io.github.qwenbench.workload.Conversation;
import io.github.qwenbench.workload.ConversationsFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures both models along every configured curve: batch sizes, concurrency levels, input sizes; served
 * models along concurrent users.
 */
public final class ScalabilityRunner implements SuiteRunner {

    /** How a served model's curve is measured, as its results say it. */
    static final String SERVED_METHOD = "At every point both endpoints serve the same number of concurrent users"
            + " in " + PairOrder.DESIGN + "; in a block each user sends its requests one"
            + " after another (a closed loop without think time), the workload's conversations in turn, as streamed"
            + " greedy chat requests. Throughput counts answers per second, each streamed to its end; latency is a"
            + " request's, from sending it to the end of its stream, on the client. The throughput ratio is"
            + " candidate over baseline: the median over pairs of four blocks with one-sided anytime-valid"
            + " confidence sequences for each bound, measured on until the interval clears minThroughputRatio or"
            + " the point's budget is spent. A failed request stops the suite (the system suite counts failures"
            + " under load). No busy-machine rule: the server is the system under test. The knee is the first level"
            + " past which throughput gains less than 10% while p99 keeps rising.";

    @Override
    public CurveMetrics run(SuiteContext context) throws BenchmarkSetupException {
        ScalabilitySettings settings = context.plan().scalability();
        if (context.plan().baseline().served()) {
            return served(context, settings);
        }
        InputFactory inputs = context.inputs();
        List<PairedCurves.CurveRequest<NDList>> requests = new ArrayList<>();
        List<CurveMetrics.Curve> curves;
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            PairedCurves<NDList> models = PairedCurves.of(baseline, candidate, inputs.inputs(), settings,
                    context.engineThreads(), context.progress(), context.plan().seed());
            if (!settings.batchSizes().isEmpty()) {
                List<PairedCurves.Point<NDList>> points = new ArrayList<>();
                for (int b : settings.batchSizes()) {
                    points.add(new PairedCurves.Point<>("batch=" + b, 1, List.of(
                            inputs.batch(manager, 0, b, settings.batchDimension()),
                            inputs.batch(manager, b, b, settings.batchDimension()))));
                }
                if (inputs.batching() != null) {
                    context.progress().accept("batches: " + inputs.batching());
                }
                requests.add(new PairedCurves.CurveRequest<>("batch", "batch", settings.batchSizes(), points));
            }
            if (!settings.concurrency().isEmpty()) {
                List<NDList> samples = List.of(inputs.sample(manager, 0), inputs.sample(manager, 1));
                List<PairedCurves.Point<NDList>> points = new ArrayList<>();
                for (int threads : settings.concurrency()) {
                    points.add(new PairedCurves.Point<>("threads=" + threads, threads, samples));
                }
                requests.add(new PairedCurves.CurveRequest<>("concurrency", "threads", settings.concurrency(), points));
            }
            for (ScalabilitySettings.Sweep sweep : settings.sweeps()) {
                String axis = sweep.input() + "[" + sweep.dimension() + "]";
                List<PairedCurves.Point<NDList>> points = new ArrayList<>();
                for (int size : sweep.values()) {
                    points.add(new PairedCurves.Point<>(axis + "=" + size, 1, List.of(
                            PointInputs.resized(manager, inputs, sweep.input(), sweep.dimension(), size, 0),
                            PointInputs.resized(manager, inputs, sweep.input(), sweep.dimension(), size, 1))));
                }
                requests.add(new PairedCurves.CurveRequest<>("input-size", axis, sweep.values(), points));
            }
            curves = models.curves(requests);
        }
        return new CurveMetrics(curves, EngineRuntime.intraOpThreads(), CurveMetrics.METHOD, inputs.batching());
    }

    /** Both endpoints along the curve of concurrent users, after each was probed. */
    private static CurveMetrics served(SuiteContext context, ScalabilitySettings settings)
            throws BenchmarkSetupException {
        if (settings.concurrency().isEmpty()) {
            throw new BenchmarkSetupException("scalability/concurrency is none, and served models have no other curve:"
                    + " give the numbers of concurrent users, e.g. 1,2,4,8.");
        }
        List<Conversation> samples = ConversationsFile.samples(context.plan().workload());
        List<PairedCurves.Point<Conversation>> points = new ArrayList<>();
        for (int users : settings.concurrency()) {
            points.add(new PairedCurves.Point<>("users=" + users, users, samples));
        }
        CurveMetrics.Curve curve;
        try (ServedPair pair = ServedPair.open(context.plan().baseline(), context.plan().candidate(), "scalability",
                context.progress())) {
            PairedCurves<Conversation> curves = new PairedCurves<>(new ServedSides(pair,
                    context.plan().generation().maxNewTokens()), settings, context.progress(), context.plan().seed());
            curve = curves.curve("concurrency", "users", settings.concurrency(), points);
        }
        return new CurveMetrics(List.of(curve), 0, SERVED_METHOD, null);
    }
}
