package io.github.qwenbench.performance;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.measure.LatencyLoop;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.stats.Statistics;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Measures both models in one worker: load time, cold first inference, warm-up, then alternating
 * blocks (A B B A ...) on the same inputs so that drift of a noisy machine hits both alike.
 */
public final class PerformanceRunner implements SuiteRunner {

    @Override
    public PerformanceMetrics run(SuiteContext context) throws BenchmarkSetupException {
        PerformanceSettings settings = context.plan().performance();
        List<InputSpec> specs = context.inputs().inputs();
        int intraOpThreads = context.engineThreads().apply("performance", 1);
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            List<NDList> samples = context.inputs().samples(manager, settings.samples());
            double baselineCold = millis(LatencyLoop.run(baseline, samples, specs, 0, 1, null)[0]);
            double candidateCold = millis(LatencyLoop.run(candidate, samples, specs, 0, 1, null)[0]);
            context.progress().accept("warm-up: " + settings.warmupIterations() + " inferences per model");
            LatencyLoop.run(baseline, samples, specs, 1, settings.warmupIterations(), null);
            LatencyLoop.run(candidate, samples, specs, 1, settings.warmupIterations(), null);

            long share = settings.pairs().ceilingMillis();
            double inferenceMillis = Math.max(cost(baseline, samples, specs), cost(candidate, samples, specs));
            int blockSize = settings.pairs().blockSizeFor(inferenceMillis, share);
            PairOrder order = PairOrder.forComparison(context.plan().seed(), "speedup");
            Blocks blocks = new Blocks(baseline, candidate, samples, specs, blockSize, settings.confidence(), order);
            String tooCostly = settings.pairs().tooCostly("speedup", inferenceMillis, blockSize, share);
            FreeCores.Window window = FreeCores.open();
            SequentialComparison.Stop stop;
            if (tooCostly != null) {
                context.progress().accept(tooCostly);
                stop = SequentialComparison.Stop.of(SequentialComparison.Reason.TOO_COSTLY, tooCostly, 0);
            } else {
                stop = blocks.speedup.run(blocks::measurePair, settings.minSpeedup(),
                        settings.pairs().forShare(share), "speedup", context.progress());
            }
            RunConditions conditions = new RunConditions(1, intraOpThreads, window.close());
            RatioInterval speedup = blocks.speedup.interval();
            context.progress().accept(String.format(Locale.ROOT, "measured %d pairs of four %d-inference blocks in %d ms:"
                    + " %s; %s, %.1f of %d cores free", blocks.pairs(), blockSize, stop.millis(),
                    stop.stoppedBecause(), conditions.describe(), conditions.free().freeShare(),
                    conditions.free().cores()));
            long batch = samples.get(0).get(0).getShape().dimension() == 0 ? 1 : samples.get(0).get(0).getShape().get(0);
            List<PerformanceMetrics.ModelPerformance> models = List.of(
                    model(baseline, baselineCold, settings, blocks.baselineLatency, batch),
                    model(candidate, candidateCold, settings, blocks.candidateLatency, batch));
            return new PerformanceMetrics(models, speedup, PerformanceMetrics.METHOD, stop, blockSize,
                    blocks.baselineBlocks, blocks.candidateBlocks, intraOpThreads, conditions,
                    order.seed());
        }
    }

    private static PerformanceMetrics.ModelPerformance model(LoadedModel model, double coldMillis,
            PerformanceSettings settings, Histogram latency, long batch) {
        LatencySummary summary = LatencySummary.of(latency);
        double perSecond = 1000.0 / summary.meanMillis();
        return new PerformanceMetrics.ModelPerformance(model.file().role(), model.loadMillis(), coldMillis,
                settings.warmupIterations(), summary, perSecond, perSecond * batch, batch);
    }

    /** One timed inference after warm-up, in milliseconds: the model's cost, from which blocks are sized. */
    private static double cost(LoadedModel model, List<NDList> samples, List<InputSpec> specs)
            throws BenchmarkSetupException {
        return millis(LatencyLoop.run(model, samples, specs, 0, 1, null)[0]);
    }

    /**
     * Blocks of the two models in the order {@link PairOrder} draws. Each two adjacent blocks add
     * (baseline block median, candidate block median) to the speedup comparison, which makes a pair of
     * every four.
     */
    private static final class Blocks {
        final Histogram baselineLatency = LatencySummary.newHistogram();
        final Histogram candidateLatency = LatencySummary.newHistogram();
        final SequentialComparison speedup;
        final List<Double> baselineBlocks = new ArrayList<>();
        final List<Double> candidateBlocks = new ArrayList<>();
        private final LoadedModel baseline;
        private final LoadedModel candidate;
        private final List<NDList> samples;
        private final List<InputSpec> specs;
        private final int blockSize;

        Blocks(LoadedModel baseline, LoadedModel candidate, List<NDList> samples, List<InputSpec> specs,
                int blockSize, double confidence, PairOrder order) {
            this.baseline = baseline;
            this.candidate = candidate;
            this.samples = samples;
            this.specs = specs;
            this.blockSize = blockSize;
            this.speedup = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN, confidence, order);
        }

        int pairs() {
            return speedup.pairs();
        }

        void measurePair() throws BenchmarkSetupException {
            int first = speedup.blockPairs() * blockSize;
            double a;
            double b;
            if (speedup.baselineFirst()) {
                a = median(LatencyLoop.run(baseline, samples, specs, first, blockSize, baselineLatency));
                b = median(LatencyLoop.run(candidate, samples, specs, first, blockSize, candidateLatency));
            } else {
                b = median(LatencyLoop.run(candidate, samples, specs, first, blockSize, candidateLatency));
                a = median(LatencyLoop.run(baseline, samples, specs, first, blockSize, baselineLatency));
            }
            baselineBlocks.add(a);
            candidateBlocks.add(b);
            speedup.add(a, b);
        }
    }

    /** The median of a block's latencies, in milliseconds. */
    static double median(long[] nanos) {
        return Statistics.median(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

}
