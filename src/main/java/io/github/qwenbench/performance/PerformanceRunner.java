package io.github.qwenbench.performance;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            List<NDList> samples = new ArrayList<>();
            for (int i = 0; i < settings.samples(); i++) {
                samples.add(context.inputs().sample(manager, i));
            }
            double baselineCold = millis(LatencyLoop.run(baseline, samples, specs, 0, 1, null)[0]);
            double candidateCold = millis(LatencyLoop.run(candidate, samples, specs, 0, 1, null)[0]);
            context.progress().accept("warm-up: " + settings.warmupIterations() + " inferences per model");
            LatencyLoop.run(baseline, samples, specs, 1, settings.warmupIterations(), null);
            LatencyLoop.run(candidate, samples, specs, 1, settings.warmupIterations(), null);

            Histogram baselineLatency = LatencySummary.newHistogram();
            Histogram candidateLatency = LatencySummary.newHistogram();
            List<Double> baselineBlocks = new ArrayList<>();
            List<Double> candidateBlocks = new ArrayList<>();
            int pairsWanted = settings.byDuration() ? Integer.MAX_VALUE : settings.iterations() / settings.blockSize();
            long deadline = System.nanoTime() + settings.durationMillis() * 1_000_000L;
            int reported = 0;
            for (int pair = 0; pair < pairsWanted; pair++) {
                if (settings.byDuration() && pair >= PerformanceSettings.MIN_BLOCKS && System.nanoTime() > deadline) {
                    break;
                }
                int first = pair * settings.blockSize();
                boolean baselineFirst = pair % 2 == 0;
                LoadedModel a = baselineFirst ? baseline : candidate;
                LoadedModel b = baselineFirst ? candidate : baseline;
                double aMedian = median(LatencyLoop.run(a, samples, specs, first, settings.blockSize(),
                        baselineFirst ? baselineLatency : candidateLatency));
                double bMedian = median(LatencyLoop.run(b, samples, specs, first, settings.blockSize(),
                        baselineFirst ? candidateLatency : baselineLatency));
                baselineBlocks.add(baselineFirst ? aMedian : bMedian);
                candidateBlocks.add(baselineFirst ? bMedian : aMedian);
                int percent = settings.byDuration()
                        ? (int) Math.min(100, 100 - 100 * (deadline - System.nanoTime()) / Math.max(1,
                                settings.durationMillis() * 1_000_000L))
                        : 100 * (pair + 1) / pairsWanted;
                if (percent >= reported + 25) {
                    reported = percent / 25 * 25;
                    context.progress().accept("measured " + (pair + 1) + " block pairs (" + reported + "%)");
                }
            }
            RatioInterval speedup = RatioInterval.paired(toArray(baselineBlocks), toArray(candidateBlocks),
                    settings.confidence(), settings.bootstrapResamples(), context.plan().seed());
            long batch = samples.get(0).get(0).getShape().dimension() == 0 ? 1 : samples.get(0).get(0).getShape().get(0);
            List<PerformanceMetrics.ModelPerformance> models = List.of(
                    model(baseline, baselineCold, settings, baselineLatency, batch),
                    model(candidate, candidateCold, settings, candidateLatency, batch));
            return new PerformanceMetrics(models, speedup, PerformanceMetrics.METHOD, settings.blockSize(),
                    baselineBlocks, candidateBlocks);
        }
    }

    private static PerformanceMetrics.ModelPerformance model(LoadedModel model, double coldMillis,
            PerformanceSettings settings, Histogram latency, long batch) {
        LatencySummary summary = LatencySummary.of(latency);
        double perSecond = 1000.0 / summary.meanMillis();
        return new PerformanceMetrics.ModelPerformance(model.file().role(), model.loadMillis(), coldMillis,
                settings.warmupIterations(), summary, perSecond, perSecond * batch, batch);
    }

    static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double middle = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return middle / 1e6;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
