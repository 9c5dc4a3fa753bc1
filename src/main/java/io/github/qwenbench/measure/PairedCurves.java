package io.github.qwenbench.measure;

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
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Both models measured along a curve (batch sizes, calling threads, input sizes, intra-op threads, users of a
 * served model): at every point they run in pairs of blocks ({@link PairOrder}) until the throughput-ratio
 * interval clears {@code minThroughputRatio} or the point's budget is spent. The scalability suite measures
 * its curves with it, the hardware suite its thread scaling; what a block runs is the {@link Sides}' affair
 * (in-process models: {@link LoadedSides}; served ones: the scalability suite's).
 *
 * @param <I> what a point cycles through: tensors, or requests to a served model
 */
public final class PairedCurves<I> {

    /**
     * One point of a curve: its name, its calling threads (or users), the engine's intra-op threads it
     * forces (null: the declared {@code engine/intraOpThreads} per caller), and the inputs it cycles through.
     */
    public record Point<I>(String name, int threads, Integer intraOpThreads, List<I> inputs) {

        /** A point at the declared intra-op threads per caller. */
        public Point(String name, int threads, List<I> inputs) {
            this(name, threads, null, inputs);
        }
    }

    /** A curve to measure: its kind ({@code batch}, {@code concurrency}, ...), its axis, sizes and points. */
    public record CurveRequest<I>(String kind, String axis, List<Integer> sizes, List<Point<I>> points) {
    }

    /** The two models as a curve's blocks run them. */
    public interface Sides<I> {

        /**
         * Prepares a point (the engine's intra-op threads) and returns its intra-op threads per caller, or
         * null when the point declares no conditions on this machine: a served model, whose server is the
         * system under test, while the busy-machine rule concerns the measuring process's own needs.
         */
        Integer prepare(Point<I> point);

        /** The blocks of the baseline (or the candidate) at {@code point}, until closed. */
        Blocks open(boolean baseline, Point<I> point) throws BenchmarkSetupException;

        /** Undoes {@link #prepare}. */
        void restore();

        /** What a block's throughput counts per second, e.g. {@code samples/s}. */
        String unit();
    }

    /** One model's blocks at one point. */
    public interface Blocks extends AutoCloseable {

        /**
         * Runs {@code count} units (inferences, requests) per caller; returns the throughput in the sides'
         * unit, and adds each unit's latency to {@code latency} when it is not null.
         */
        double block(int count, Histogram latency) throws BenchmarkSetupException;

        @Override
        void close();
    }

    /** What one model measured at one point, added to by every pass over it. */
    private record Measured(Histogram latency, List<Double> blockThroughput) {
        Measured() {
            this(LatencySummary.newHistogram(), new ArrayList<>());
        }
    }

    /** One point's comparison, kept across passes so that time left at the end can resume it. */
    private static final class PointState<I> {
        final Point<I> point;
        final Measured baseline = new Measured();
        final Measured candidate = new Measured();
        final PairOrder order;
        final SequentialComparison ratio;
        int blockSize;
        double inferenceMillis;
        Integer intraOpThreads;
        SequentialComparison.Stop stop;
        RunConditions conditions;

        PointState(Point<I> point, PairOrder order, double confidence) {
            this.point = point;
            this.order = order;
            this.ratio = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN, confidence, order);
        }

        /**
         * Undecided for lack of time only (its share ran out, or was too small for its fewest pairs),
         * under conditions that fit: more time can decide it.
         */
        boolean wantsTime(int maxPairs) {
            SequentialComparison.Reason reason = stop.reason();
            return (reason == SequentialComparison.Reason.TIME_BUDGET
                    || reason == SequentialComparison.Reason.TOO_COSTLY) && (conditions == null || conditions.fit())
                    && ratio.pairs() < maxPairs;
        }
    }

    /**
     * A comparison whose window shows the machine too busy for its declared conditions gives up after
     * its fewest pairs, once the window spans this long: its gates are INCONCLUSIVE (busy) whatever it
     * measures, and the time goes to the points that can decide.
     */
    static final long BUSY_WINDOW_MILLIS = 2000;

    /** Time left below which no point is resumed: too little to add pairs worth a warm-up. */
    static final long MIN_RESUME_MILLIS = 1000;

    /** Warm-up inferences per model when a point is resumed: its model and inputs are warm already. */
    static final int RESUME_WARMUP = 3;

    private final Sides<I> sides;
    private final ScalabilitySettings settings;
    private final Consumer<String> progress;
    private final long seed;

    /**
     * @param sides what a block of each model runs
     * @param settings the blocks, budget, confidence and {@code minThroughputRatio} of every point
     * @param progress receives a line per point
     * @param seed the run's seed, from which each point's block order is drawn
     */
    public PairedCurves(Sides<I> sides, ScalabilitySettings settings, Consumer<String> progress, long seed) {
        this.sides = sides;
        this.settings = settings;
        this.progress = progress;
        this.seed = seed;
    }

    /** In-process models along curves of tensors ({@link LoadedSides}). */
    public static PairedCurves<NDList> of(LoadedModel baseline, LoadedModel candidate, List<InputSpec> specs,
            ScalabilitySettings settings, EngineThreads threads, Consumer<String> progress, long seed) {
        return new PairedCurves<>(new LoadedSides(baseline, candidate, specs, settings.batchDimension(), threads),
                settings, progress, seed);
    }

    /** Measures both models at every point of one curve under the whole ceiling; see {@link #curves}. */
    public CurveMetrics.Curve curve(String kind, String axis, List<Integer> sizes, List<Point<I>> points)
            throws BenchmarkSetupException {
        return curves(List.of(new CurveRequest<>(kind, axis, sizes, points))).get(0);
    }

    /**
     * Measures both models at every point of every curve, in order, each point with its share of the
     * suite's time ceiling ({@link TimeCeiling}); then the time left (points that decided early, or gave
     * up on a busy machine, leave some) goes to the points that ran out of time undecided, or whose
     * fewest pairs did not fit in their first share, each resumed where it stopped: its sequence is
     * anytime-valid, so more pairs later keep its error rates.
     */
    public List<CurveMetrics.Curve> curves(List<CurveRequest<I>> requests) throws BenchmarkSetupException {
        int count = requests.stream().mapToInt(r -> r.points().size()).sum();
        TimeCeiling ceiling = new TimeCeiling(settings.pairs().ceilingMillis(), count);
        List<List<PointState<I>>> states = new ArrayList<>();
        for (CurveRequest<I> request : requests) {
            List<PointState<I>> curve = new ArrayList<>();
            for (Point<I> point : request.points()) {
                PointState<I> state = new PointState<>(point, PairOrder.forComparison(seed, point.name()),
                        settings.confidence());
                measure(state, ceiling.nextShareMillis(), false);
                report(state, "");
                curve.add(state);
            }
            states.add(curve);
        }
        long left = ceiling.leftMillis();
        List<PointState<I>> undecided = states.stream().flatMap(List::stream)
                .filter(s -> s.wantsTime(settings.pairs().maxPairs()))
                .filter(s -> s.stop.reason() != SequentialComparison.Reason.TOO_COSTLY
                        || settings.pairs().minimumMillis(s.inferenceMillis, 1) <= left)
                .toList();
        for (int i = 0; i < undecided.size(); i++) {
            long share = ceiling.leftMillis() / (undecided.size() - i);
            if (share < MIN_RESUME_MILLIS) {
                break;
            }
            measure(undecided.get(i), share, true);
            report(undecided.get(i), " (resumed with the time left)");
        }
        List<CurveMetrics.Curve> curves = new ArrayList<>();
        for (int c = 0; c < requests.size(); c++) {
            curves.add(curve(requests.get(c), states.get(c)));
        }
        return curves;
    }

    private void report(PointState<I> s, String note) {
        String conditions = s.conditions == null ? "no busy-machine rule (a served model)"
                : String.format(java.util.Locale.ROOT, "%s, %.1f of %d cores free", s.conditions.describe(),
                        s.conditions.free().freeShare(), s.conditions.free().cores());
        progress.accept(String.format(java.util.Locale.ROOT,
                "%s%s: baseline %.1f, candidate %.1f %s, ratio %.3f [%.3f, %.3f] from %d pairs of four"
                        + " %d-unit blocks, %s; %s", s.point.name(), note,
                Statistics.median(s.baseline.blockThroughput()), Statistics.median(s.candidate.blockThroughput()),
                sides.unit(), s.ratio.interval().estimate(), s.ratio.interval().lower(), s.ratio.interval().upper(),
                s.ratio.pairs(), s.blockSize, s.stop.stoppedBecause(), conditions));
    }

    private CurveMetrics.Curve curve(CurveRequest<I> request, List<PointState<I>> points) {
        List<Measured> base = new ArrayList<>();
        List<Measured> cand = new ArrayList<>();
        List<RatioInterval> ratios = new ArrayList<>();
        List<SequentialComparison.Stop> stops = new ArrayList<>();
        List<Integer> intraOpThreads = new ArrayList<>();
        List<RunConditions> conditions = new ArrayList<>();
        List<Integer> blockSizes = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (PointState<I> s : points) {
            base.add(s.baseline);
            cand.add(s.candidate);
            ratios.add(s.ratio.interval());
            stops.add(s.stop);
            intraOpThreads.add(s.intraOpThreads);
            conditions.add(s.conditions);
            blockSizes.add(s.blockSize);
            seeds.add(s.order.seed());
        }
        String kind = request.kind();
        boolean efficiency = !"input-size".equals(kind);
        return new CurveMetrics.Curve(kind, request.axis(), request.sizes(), List.of(
                modelCurve("baseline", kind, request.sizes(), base, efficiency),
                modelCurve("candidate", kind, request.sizes(), cand, efficiency)), ratios, stops, intraOpThreads,
                conditions, blockSizes, seeds, sides.unit());
    }

    /**
     * Both models at one point, in pairs of four blocks ({@link PairOrder}), until the throughput-ratio
     * interval clears minThroughputRatio, the share of the ceiling is spent, or the machine is seen too
     * busy for the point's declared threads. On the first pass, after warm-up, one timed inference of
     * each model gives the cost from which the blocks are sized; a point whose fewest deciding pairs
     * would not fit in its share measures nothing more and says so. A resumed point keeps its blocks
     * and its sequence (one too costly for its first share is sized again for the time left), and its
     * conditions are those of the busier of its two windows.
     */
    private void measure(PointState<I> s, long share, boolean resume) throws BenchmarkSetupException {
        Point<I> point = s.point;
        s.intraOpThreads = sides.prepare(point);
        FreeCores.Window window = s.intraOpThreads == null ? null : FreeCores.open();
        try (Blocks a = sides.open(true, point); Blocks b = sides.open(false, point)) {
            int warmup = resume ? Math.min(RESUME_WARMUP, settings.warmupIterations()) : settings.warmupIterations();
            block(a, warmup, null);
            block(b, warmup, null);
            PairBudget pairs = settings.pairs();
            if (!resume) {
                s.inferenceMillis = Math.max(unitMillis(a), unitMillis(b));
            }
            String tooCostly = null;
            if (s.ratio.blockPairs() == 0) { // nothing measured yet: size the blocks for this share
                s.blockSize = pairs.blockSizeFor(s.inferenceMillis, share);
                tooCostly = pairs.tooCostly(point.name(), s.inferenceMillis, s.blockSize, share);
            }
            SequentialComparison ratio = s.ratio;
            int blockSize = s.blockSize;
            SequentialComparison.Stop stop;
            if (tooCostly != null) {
                progress.accept(tooCostly);
                stop = SequentialComparison.Stop.of(SequentialComparison.Reason.TOO_COSTLY, tooCostly, 0);
            } else {
                Integer intraOpThreads = s.intraOpThreads;
                stop = ratio.run(() -> {
                    double baselineThroughput;
                    double candidateThroughput;
                    if (ratio.baselineFirst()) {
                        baselineThroughput = block(a, blockSize, s.baseline);
                        candidateThroughput = block(b, blockSize, s.candidate);
                    } else {
                        candidateThroughput = block(b, blockSize, s.candidate);
                        baselineThroughput = block(a, blockSize, s.baseline);
                    }
                    ratio.add(candidateThroughput, baselineThroughput);
                }, settings.minThroughputRatio(), pairs.forShare(share), point.name(), progress, () -> {
                    if (window == null || window.elapsedMillis() < BUSY_WINDOW_MILLIS) {
                        return null;
                    }
                    RunConditions sofar = new RunConditions(point.threads(), intraOpThreads, window.close());
                    return sofar.fit() ? null : "gave up after the fewest pairs: " + sofar.busyReason();
                });
            }
            RunConditions conditions = window == null ? null
                    : new RunConditions(point.threads(), s.intraOpThreads, window.close());
            if (resume && conditions != null && s.conditions.free().freeShare() < conditions.free().freeShare()) {
                conditions = s.conditions;
            }
            s.conditions = conditions;
            s.stop = stop;
        } finally {
            sides.restore();
        }
    }

    /** Runs a block; records its throughput and latencies in {@code measured} unless that is null (warm-up). */
    private static double block(Blocks blocks, int count, Measured measured) throws BenchmarkSetupException {
        if (count == 0) {
            return Double.NaN;
        }
        double throughput = blocks.block(count, measured == null ? null : measured.latency());
        if (measured != null) {
            measured.blockThroughput().add(throughput);
        }
        return throughput;
    }

    /** The time of one unit per caller, after warm-up, in milliseconds: the point's cost. */
    private static double unitMillis(Blocks blocks) throws BenchmarkSetupException {
        long start = System.nanoTime();
        block(blocks, 1, null);
        return (System.nanoTime() - start) / 1e6;
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
