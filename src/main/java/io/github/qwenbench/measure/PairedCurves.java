package io.github.qwenbench.measure;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.model.EngineThreads;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.PairBudget;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.LinearFit;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Both models measured along a curve (batch sizes, calling threads, input sizes, intra-op threads):
 * at every point they run in pairs of blocks ({@link PairOrder}) until the throughput-ratio interval
 * clears {@code minThroughputRatio} or the point's budget is spent. The scalability suite measures
 * its curves with it, the hardware suite its thread scaling.
 */
public final class PairedCurves {

    /**
     * One point of a curve: its name, its calling threads, the engine's intra-op threads it forces
     * (null: the declared {@code engine/intraOpThreads} per caller), and the inputs it cycles through.
     */
    public record Point(String name, int threads, Integer intraOpThreads, List<NDList> inputs) {

        /** A point at the declared intra-op threads per caller. */
        public Point(String name, int threads, List<NDList> inputs) {
            this(name, threads, null, inputs);
        }
    }

    /** What one model measured at one point. */
    private record Measured(Histogram latency, List<Double> blockThroughput) {
    }

    /** What both models measured at one point, and how the comparison ended. */
    private record PointResult(Measured baseline, Measured candidate, RatioInterval ratio,
            SequentialComparison.Stop stop, int intraOpThreads, RunConditions conditions, int blockSize, long seed) {
    }

    private final LoadedModel baseline;
    private final LoadedModel candidate;
    private final List<InputSpec> specs;
    private final ScalabilitySettings settings;
    private final EngineThreads threads;
    private final Consumer<String> progress;
    private final long seed;
    private final TimeCeiling ceiling;

    /**
     * @param settings the blocks, budget, confidence and {@code minThroughputRatio} of every point
     * @param threads sets the engine's intra-op threads of each point
     * @param progress receives a line per point
     * @param seed the run's seed, from which each point's block order is drawn
     * @param points how many points all curves of this suite measure together, to share the ceiling
     */
    public PairedCurves(LoadedModel baseline, LoadedModel candidate, List<InputSpec> specs,
            ScalabilitySettings settings, EngineThreads threads, Consumer<String> progress, long seed, int points) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.specs = specs;
        this.settings = settings;
        this.threads = threads;
        this.progress = progress;
        this.seed = seed;
        this.ceiling = new TimeCeiling(settings.pairs().ceilingMillis(), points);
    }

    /** Measures both models at every point, in order, and returns the curve. */
    public CurveMetrics.Curve curve(String kind, String axis, List<Integer> sizes, List<Point> points)
            throws BenchmarkSetupException {
        List<Measured> base = new ArrayList<>();
        List<Measured> cand = new ArrayList<>();
        List<RatioInterval> ratios = new ArrayList<>();
        List<SequentialComparison.Stop> stops = new ArrayList<>();
        List<Integer> intraOpThreads = new ArrayList<>();
        List<RunConditions> conditions = new ArrayList<>();
        List<Integer> blockSizes = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (Point point : points) {
            PointResult result = measure(point);
            base.add(result.baseline());
            cand.add(result.candidate());
            ratios.add(result.ratio());
            stops.add(result.stop());
            intraOpThreads.add(result.intraOpThreads());
            conditions.add(result.conditions());
            blockSizes.add(result.blockSize());
            seeds.add(result.seed());
            progress.accept(String.format(java.util.Locale.ROOT,
                    "%s: baseline %.1f, candidate %.1f samples/s, ratio %.3f [%.3f, %.3f] from %d pairs of %d-inference"
                            + " blocks, %s; %s, %.1f of %d cores free", point.name(),
                    Statistics.median(result.baseline().blockThroughput()),
                    Statistics.median(result.candidate().blockThroughput()), result.ratio().estimate(),
                    result.ratio().lower(), result.ratio().upper(), result.ratio().pairs(), result.blockSize(),
                    result.stop().stoppedBecause(), result.conditions().describe(),
                    result.conditions().free().freeShare(), result.conditions().free().cores()));
        }
        boolean efficiency = !"input-size".equals(kind);
        return new CurveMetrics.Curve(kind, axis, sizes, List.of(
                modelCurve("baseline", kind, sizes, base, efficiency),
                modelCurve("candidate", kind, sizes, cand, efficiency)), ratios, stops, intraOpThreads, conditions,
                blockSizes, seeds);
    }

    /**
     * Both models at one point, in pairs of blocks ({@link PairOrder}), until the throughput-ratio
     * interval clears minThroughputRatio or the point's budget is spent. After warm-up, one timed
     * inference of each model gives the cost from which the blocks are sized; a point whose fewest
     * deciding pairs would not fit in its share of the ceiling measures nothing more and says so.
     */
    private PointResult measure(Point point) throws BenchmarkSetupException {
        long share = ceiling.nextShareMillis();
        int intraOpThreads = point.intraOpThreads() == null ? threads.apply(point.name(), point.threads())
                : threads.force(point.name(), point.intraOpThreads());
        FreeCores.Window window = FreeCores.open();
        try (Runner a = new Runner(baseline, point); Runner b = new Runner(candidate, point)) {
            a.block(settings.warmupIterations(), false);
            b.block(settings.warmupIterations(), false);
            double inferenceMillis = Math.max(a.inferenceMillis(), b.inferenceMillis());
            PairBudget pairs = settings.pairs();
            int blockSize = pairs.blockSizeFor(inferenceMillis, share);
            PairOrder order = PairOrder.forComparison(seed, point.name());
            SequentialComparison ratio = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN,
                    settings.confidence(), order);
            String tooCostly = pairs.tooCostly(point.name(), inferenceMillis, blockSize, share);
            SequentialComparison.Stop stop;
            if (tooCostly != null) {
                progress.accept(tooCostly);
                stop = SequentialComparison.Stop.of(SequentialComparison.Reason.TOO_COSTLY, tooCostly, 0);
            } else {
                stop = ratio.run(() -> {
                    double baselineThroughput;
                    double candidateThroughput;
                    if (ratio.baselineFirst()) {
                        baselineThroughput = a.block(blockSize, true);
                        candidateThroughput = b.block(blockSize, true);
                    } else {
                        candidateThroughput = b.block(blockSize, true);
                        baselineThroughput = a.block(blockSize, true);
                    }
                    ratio.add(candidateThroughput, baselineThroughput);
                }, settings.minThroughputRatio(), pairs.forShare(share), point.name(), progress);
            }
            RunConditions conditions = new RunConditions(point.threads(), intraOpThreads, window.close());
            return new PointResult(a.measured(), b.measured(), ratio.interval(), stop, intraOpThreads, conditions,
                    blockSize, order.seed());
        } finally {
            threads.restore();
        }
    }

    /** Runs blocks of one model at one point: on this thread, or on one predictor per thread. */
    private final class Runner implements AutoCloseable {
        private final LoadedModel model;
        private final Point point;
        private final List<Predictor<NDList, NDList>> predictors = new ArrayList<>();
        private final ExecutorService pool;
        private final Histogram latency = LatencySummary.newHistogram();
        private final List<Double> blockThroughput = new ArrayList<>();
        private final long samplesPerInference;

        Runner(LoadedModel model, Point point) {
            this.model = model;
            this.point = point;
            for (int t = 0; t < point.threads(); t++) {
                predictors.add(model.newPredictor());
            }
            this.pool = point.threads() > 1 ? Executors.newFixedThreadPool(point.threads()) : null;
            NDList first = point.inputs().get(0);
            this.samplesPerInference = first.get(0).getShape().dimension() > settings.batchDimension()
                    ? first.get(0).getShape().get(settings.batchDimension()) : 1;
        }

        /** The time of one inference per thread, after warm-up, in milliseconds: the point's cost. */
        double inferenceMillis() throws BenchmarkSetupException {
            long start = System.nanoTime();
            block(1, false);
            return (System.nanoTime() - start) / 1e6;
        }

        /** Runs {@code count} inferences per thread; returns their throughput in samples per second. */
        double block(int count, boolean record) throws BenchmarkSetupException {
            if (count == 0) {
                return Double.NaN;
            }
            List<Callable<Histogram>> tasks = new ArrayList<>();
            for (Predictor<NDList, NDList> predictor : predictors) {
                Inference inference = input -> model.predict(predictor, input, specs);
                tasks.add(() -> {
                    Histogram h = LatencySummary.newHistogram();
                    LatencyLoop.run(inference, point.inputs(), 0, count, h);
                    return h;
                });
            }
            long start = System.nanoTime();
            List<Histogram> histograms = run(tasks);
            double seconds = (System.nanoTime() - start) / 1e9;
            double throughput = count * predictors.size() * samplesPerInference / seconds;
            if (record) {
                histograms.forEach(latency::add);
                blockThroughput.add(throughput);
            }
            return throughput;
        }

        private List<Histogram> run(List<Callable<Histogram>> tasks) throws BenchmarkSetupException {
            try {
                if (pool == null) {
                    return List.of(tasks.get(0).call());
                }
                List<Histogram> out = new ArrayList<>();
                for (Future<Histogram> f : pool.invokeAll(tasks)) {
                    out.add(f.get());
                }
                return out;
            } catch (BenchmarkSetupException e) {
                throw atPoint(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BenchmarkSetupException setup) {
                    throw atPoint(setup);
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkSetupException("Interrupted at point " + point.name(), e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private BenchmarkSetupException atPoint(BenchmarkSetupException e) {
            return new BenchmarkSetupException("At scalability point " + point.name() + ": " + e.getMessage()
                    + " If the model supports only some sizes, leave the others out of <scalability>.", e);
        }

        Measured measured() {
            return new Measured(latency, blockThroughput);
        }

        @Override
        public void close() {
            predictors.forEach(Predictor::close);
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static CurveMetrics.ModelCurve modelCurve(String role, String kind, List<Integer> sizes,
            List<Measured> measured, boolean withEfficiency) {
        List<Double> throughput = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> latencyCv = new ArrayList<>();
        List<Double> blockCv = new ArrayList<>();
        List<Double> efficiency = new ArrayList<>();
        List<List<Double>> blocks = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            LatencySummary summary = LatencySummary.of(measured.get(i).latency());
            throughput.add(Statistics.median(measured.get(i).blockThroughput()));
            p50.add(summary.p50Millis());
            p99.add(summary.p99Millis());
            latencyCv.add(summary.coefficientOfVariation());
            blockCv.add(coefficientOfVariation(measured.get(i).blockThroughput()));
            blocks.add(List.copyOf(measured.get(i).blockThroughput()));
            efficiency.add(withEfficiency
                    ? (throughput.get(i) / throughput.get(0)) / ((double) sizes.get(i) / sizes.get(0)) : Double.NaN);
        }
        double growth = Double.NaN;
        if ("input-size".equals(kind)) {
            double[] x = sizes.stream().mapToDouble(s -> Math.log(s)).toArray();
            double[] y = p50.stream().mapToDouble(Math::log).toArray();
            growth = LinearFit.of(x, y).slope();
        }
        return new CurveMetrics.ModelCurve(role, throughput, p50, p99, latencyCv, blockCv, efficiency, growth,
                "concurrency".equals(kind) ? knee(sizes, throughput, p99) : null, blocks);
    }

    /** The first level past which throughput gains less than 10% while p99 rises; null if none. */
    static Integer knee(List<Integer> levels, List<Double> throughput, List<Double> p99) {
        for (int i = 1; i < levels.size(); i++) {
            if (throughput.get(i) < 1.10 * throughput.get(i - 1) && p99.get(i) > p99.get(i - 1)) {
                return levels.get(i - 1);
            }
        }
        return null;
    }

    static double coefficientOfVariation(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.size() - 1);
        return Math.sqrt(variance) / mean;
    }

}
