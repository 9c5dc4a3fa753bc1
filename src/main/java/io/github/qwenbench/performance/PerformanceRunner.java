package io.github.qwenbench.performance;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.Statistics;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
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
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            List<NDList> samples = context.inputs().samples(manager, settings.samples());
            double baselineCold = millis(LatencyLoop.run(baseline, samples, specs, 0, 1, null)[0]);
            double candidateCold = millis(LatencyLoop.run(candidate, samples, specs, 0, 1, null)[0]);
            context.progress().accept("warm-up: " + settings.warmupIterations() + " inferences per model");
            LatencyLoop.run(baseline, samples, specs, 1, settings.warmupIterations(), null);
            LatencyLoop.run(candidate, samples, specs, 1, settings.warmupIterations(), null);

            Blocks blocks = new Blocks(baseline, candidate, samples, specs, settings.blockSize(), context.progress());
            RatioInterval speedup;
            if (settings.byDuration()) {
                long deadline = System.nanoTime() + settings.durationMillis() * 1_000_000L;
                while (blocks.pairs() < PerformanceSettings.MIN_BLOCKS || System.nanoTime() < deadline) {
                    blocks.measurePair();
                }
                speedup = blocks.speedup(settings, context.plan().seed());
            } else {
                int step = settings.iterations() / settings.blockSize();
                int most = settings.maxIterations() / settings.blockSize();
                while (true) {
                    for (int i = 0; i < step && blocks.pairs() < most; i++) {
                        blocks.measurePair();
                    }
                    speedup = blocks.speedup(settings, context.plan().seed());
                    if (speedup.decides(settings.minSpeedup()) || blocks.pairs() >= most) {
                        break;
                    }
                    context.progress().accept(String.format(Locale.ROOT,
                            "speedup interval [%.3f, %.3f] after %d block pairs contains minSpeedup %s: measuring"
                                    + " %d more inferences per model", speedup.lower(), speedup.upper(),
                            blocks.pairs(), Verdict.format(settings.minSpeedup()),
                            Math.min(step, most - blocks.pairs()) * settings.blockSize()));
                }
            }
            context.progress().accept("measured " + blocks.pairs() + " block pairs");
            long batch = samples.get(0).get(0).getShape().dimension() == 0 ? 1 : samples.get(0).get(0).getShape().get(0);
            List<PerformanceMetrics.ModelPerformance> models = List.of(
                    model(baseline, baselineCold, settings, blocks.baselineLatency, batch),
                    model(candidate, candidateCold, settings, blocks.candidateLatency, batch));
            return new PerformanceMetrics(models, speedup, PerformanceMetrics.METHOD, settings.blockSize(),
                    blocks.baselineBlocks, blocks.candidateBlocks);
        }
    }

    private static PerformanceMetrics.ModelPerformance model(LoadedModel model, double coldMillis,
            PerformanceSettings settings, Histogram latency, long batch) {
        LatencySummary summary = LatencySummary.of(latency);
        double perSecond = 1000.0 / summary.meanMillis();
        return new PerformanceMetrics.ModelPerformance(model.file().role(), model.loadMillis(), coldMillis,
                settings.warmupIterations(), summary, perSecond, perSecond * batch, batch);
    }

    /** Alternating blocks of the two models: pair k runs A B when k is even, B A when odd. */
    private static final class Blocks {
        private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

        final Histogram baselineLatency = LatencySummary.newHistogram();
        final Histogram candidateLatency = LatencySummary.newHistogram();
        final List<Double> baselineBlocks = new ArrayList<>();
        final List<Double> candidateBlocks = new ArrayList<>();
        private final LoadedModel baseline;
        private final LoadedModel candidate;
        private final List<NDList> samples;
        private final List<InputSpec> specs;
        private final int blockSize;
        private final Consumer<String> progress;
        private long lastReport = System.nanoTime();

        Blocks(LoadedModel baseline, LoadedModel candidate, List<NDList> samples, List<InputSpec> specs,
                int blockSize, Consumer<String> progress) {
            this.baseline = baseline;
            this.candidate = candidate;
            this.samples = samples;
            this.specs = specs;
            this.blockSize = blockSize;
            this.progress = progress;
        }

        int pairs() {
            return baselineBlocks.size();
        }

        void measurePair() throws BenchmarkSetupException {
            int first = pairs() * blockSize;
            if (pairs() % 2 == 0) {
                baselineBlocks.add(median(LatencyLoop.run(baseline, samples, specs, first, blockSize, baselineLatency)));
                candidateBlocks.add(median(LatencyLoop.run(candidate, samples, specs, first, blockSize,
                        candidateLatency)));
            } else {
                candidateBlocks.add(median(LatencyLoop.run(candidate, samples, specs, first, blockSize,
                        candidateLatency)));
                baselineBlocks.add(median(LatencyLoop.run(baseline, samples, specs, first, blockSize, baselineLatency)));
            }
            if (System.nanoTime() - lastReport > PROGRESS_INTERVAL_NANOS) {
                lastReport = System.nanoTime();
                progress.accept("measured " + pairs() + " block pairs so far");
            }
        }

        RatioInterval speedup(PerformanceSettings settings, long seed) {
            return RatioInterval.paired(toArray(baselineBlocks), toArray(candidateBlocks), settings.confidence(),
                    settings.bootstrapResamples(), seed);
        }
    }

    /** The median of a block's latencies, in milliseconds. */
    static double median(long[] nanos) {
        return Statistics.median(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
