package io.github.qwenbench.memory;

import io.github.qwenbench.model.GpuSupport;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.GuardedMean;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the memory suite measured, over every repetition of both models.
 *
 * @param models per model: medians and spreads over repetitions
 * @param footprint reduction of the model footprint (after load minus idle)
 * @param peak reduction of the peak resident memory
 * @param peakMinusIdle reduction of the peak minus idle
 * @param generationPeakMinusLoad reduction of the generation phase's peak minus after load; no pairs (NaN) when
 *        the models did not generate
 * @param bandwidth the machine's achievable bandwidth and each model's effective share of it
 * @param gpu where GPU memory was read from, or why it does not apply or could not be read
 * @param gpuMemory GPU memory by phase per model, where inference ran on a GPU and it could be read; else null
 * @param generation what the generation phase decoded, or why it did not run
 * @param generationMemory resident memory while the models decoded greedy answers; null when they did not
 * @param source how resident memory was read
 * @param samples every worker's raw measurement
 * @param capacity per model: tensors, bytes by dtype and sparsity, from the TorchScript file
 * @param parameterRatio the candidate's tensor bytes over the baseline's (its effective compression is
 *        the inverse); NaN when either file could not be read
 */
public record MemoryMetrics(List<ModelMemory> models, Reduction footprint, Reduction peak, Reduction peakMinusIdle,
        Reduction generationPeakMinusLoad, Bandwidth bandwidth, String gpu, GpuMemory gpuMemory, String generation,
        GenerationMemory generationMemory, String source, List<MemorySample> samples, List<Capacity> capacity,
        double parameterRatio) {

    /** The median and range of one figure over repetitions. */
    public record Spread(double median, double min, double max) {

        static Spread of(List<MemorySample> samples, ToDoubleFunction<MemorySample> figure) {
            double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
            if (values.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            return new Spread(Statistics.median(values), values[0], values[values.length - 1]);
        }
    }

    /**
     * One model over its repetitions; bytes unless named otherwise.
     */
    public record ModelMemory(String role, int repetitions, Spread idle, Spread afterLoad, Spread peak,
            Spread footprint, Spread workingSet, Spread peakMinusIdle, Spread leakBytesPerInference, Spread heapUsed,
            Spread heapCommitted, Spread nonHeapUsed, Spread nonHeapCommitted, long fileBytes, long parameterBytes,
            Spread meanLatencyMillis) {
    }

    /**
     * {@code 1 - candidate / baseline} of one figure, from the repetitions paired in the order they ran.
     *
     * @param estimate {@code 1 -} the geometric mean of the pairs' candidate/baseline ratios
     * @param lower lower bound of its anytime-valid interval ({@link GuardedMean}: the hull of the mean's and
     *        the median's)
     * @param upper upper bound of its anytime-valid interval
     * @param ratio the candidate/baseline interval it comes from
     */
    public record Reduction(double estimate, double lower, double upper, RatioInterval ratio) {

        static Reduction of(List<MemorySample> samples, ToDoubleFunction<MemorySample> figure) {
            RatioInterval r = guarded(samples, figure).interval();
            return new Reduction(1 - r.estimate(), 1 - r.upper(), 1 - r.lower(), r);
        }

        /** As an interval of the reduction itself, for the gate. */
        public RatioInterval asInterval() {
            return new RatioInterval(estimate, lower, upper, ratio.confidence(), ratio.pairs(), ratio.rule());
        }
    }

    /**
     * The candidate/baseline pairs of one figure: repetition r of the candidate with repetition r of
     * the baseline (adjacent workers). A figure that is not positive gives no pair.
     */
    public static SequentialComparison pairs(List<MemorySample> samples, ToDoubleFunction<MemorySample> figure) {
        SequentialComparison pairs = new SequentialComparison(ConfidenceSequence.Rule.MEAN, CONFIDENCE);
        List<MemorySample> baseline = samples.stream().filter(s -> "baseline".equals(s.role())).toList();
        List<MemorySample> candidate = samples.stream().filter(s -> "candidate".equals(s.role())).toList();
        for (int i = 0; i < Math.min(baseline.size(), candidate.size()); i++) {
            double b = figure.applyAsDouble(baseline.get(i));
            double c = figure.applyAsDouble(candidate.get(i));
            if (b > 0 && c > 0) {
                pairs.add(c, b);
            }
        }
        return pairs;
    }

    /**
     * The memory rule on the pairs of {@link #pairs}: the mean rule guarded by the median's sign rule, which
     * the gate decides on.
     */
    public static GuardedMean guarded(List<MemorySample> samples, ToDoubleFunction<MemorySample> figure) {
        SequentialComparison pairs = pairs(samples, figure);
        return GuardedMean.of(pairs.numerators().stream().mapToDouble(Double::doubleValue).toArray(),
                pairs.denominators().stream().mapToDouble(Double::doubleValue).toArray(), CONFIDENCE);
    }

    /** Confidence level of the reduction intervals. */
    public static final double CONFIDENCE = 0.95;

    /** The figure a reduction metric names. */
    public static ToDoubleFunction<MemorySample> figure(String metric) {
        return switch (metric) {
            case "footprint" -> MemorySample::footprintBytes;
            case "peak" -> MemorySample::peakBytes;
            case MemorySettings.GENERATION_METRIC -> MemorySample::generationPeakMinusLoadBytes;
            default -> MemorySample::peakMinusIdleBytes;
        };
    }

    /**
     * @param machineBytesPerSecond achievable bandwidth: bytes read plus written per second by a large
     *     tensor copy (median over workers), NaN when skipped
     * @param models per model: the weights (file size as the proxy) read per inference over its mean
     *     latency, and that as a fraction of the machine's bandwidth
     */
    public record Bandwidth(double machineBytesPerSecond, List<ModelBandwidth> models) {
    }

    /**
     * @param role baseline or candidate
     * @param weightBytesPerInference bytes of weights each inference reads (the model file's size)
     * @param effectiveBytesPerSecond those bytes over the mean latency
     * @param fractionOfMachine effective over achievable: near 1 means memory-bound
     */
    public record ModelBandwidth(String role, long weightBytesPerInference, double effectiveBytesPerSecond,
            double fractionOfMachine) {
    }

    /**
     * GPU memory by phase, where inference ran on a GPU: memory in use on the whole device (see
     * {@link GpuMemorySample}).
     *
     * @param device {@code gpu:N}
     * @param source how it was read
     * @param models baseline then candidate
     */
    public record GpuMemory(String device, String source, List<GpuModelMemory> models) {

        /**
         * The GPU figures of {@code samples}: null when none has any (the CPU), or when one could not be
         * read ({@link #gpuStatus} says why).
         */
        static GpuMemory of(List<MemorySample> samples) {
            List<GpuMemorySample> gpu = samples.stream().map(MemorySample::gpuMemory).filter(g -> g != null).toList();
            if (gpu.isEmpty() || gpu.stream().anyMatch(g -> g.unavailable() != null)) {
                return null;
            }
            List<GpuModelMemory> models = new ArrayList<>();
            for (String role : List.of("baseline", "candidate")) {
                List<MemorySample> mine = samples.stream()
                        .filter(s -> s.role().equals(role) && s.gpuMemory() != null).toList();
                models.add(new GpuModelMemory(role, mine.size(), Spread.of(mine, s -> s.gpuMemory().idleBytes()),
                        Spread.of(mine, s -> s.gpuMemory().afterLoadBytes()),
                        Spread.of(mine, s -> s.gpuMemory().peakBytes()),
                        Spread.of(mine, s -> s.gpuMemory().footprintBytes()),
                        Spread.of(mine, s -> s.gpuMemory().peakMinusIdleBytes()),
                        mine.isEmpty() ? 0 : mine.get(0).gpuMemory().totalBytes()));
            }
            return new GpuMemory(gpu.get(0).device(), distinct(gpu.stream().map(GpuMemorySample::source).toList()),
                    models);
        }
    }

    /**
     * One model's GPU memory over its repetitions, bytes in use on the device.
     *
     * @param footprint after load minus idle
     * @param peakMinusIdle the peak of the inference phase minus idle
     * @param totalBytes the device's memory
     */
    public record GpuModelMemory(String role, int repetitions, Spread idle, Spread afterLoad, Spread peak,
            Spread footprint, Spread peakMinusIdle, long totalBytes) {
    }

    /** What {@link #gpu()} says: {@link GpuSupport#NOT_ON_GPU}, where it was read from, or why it could not be. */
    static String gpuStatus(List<MemorySample> samples, GpuMemory gpuMemory) {
        if (gpuMemory != null) {
            return gpuMemory.device() + ", read from " + gpuMemory.source();
        }
        List<GpuMemorySample> unreadable = samples.stream().map(MemorySample::gpuMemory)
                .filter(g -> g != null && g.unavailable() != null).toList();
        return unreadable.isEmpty() ? GpuSupport.NOT_ON_GPU : "unavailable on " + unreadable.get(0).device() + ": "
                + distinct(unreadable.stream().map(GpuMemorySample::unavailable).toList());
    }

    private static String distinct(List<String> values) {
        return String.join("; ", values.stream().distinct().toList());
    }

    /** Combines every worker's sample into medians, spreads and reductions. */
    public static MemoryMetrics combine(List<MemorySample> samples) {
        return combine(samples, List.of(), null);
    }

    /**
     * As {@link #combine(List)}, with the models' capacity (baseline, candidate).
     *
     * @param generationSkipped why the workers did not decode ({@code MemorySettings.generationSkipped}), or null
     */
    public static MemoryMetrics combine(List<MemorySample> samples, List<Capacity> capacity,
            String generationSkipped) {
        List<ModelMemory> models = new ArrayList<>();
        for (String role : List.of("baseline", "candidate")) {
            List<MemorySample> mine = samples.stream().filter(s -> s.role().equals(role)).toList();
            models.add(new ModelMemory(role, mine.size(), Spread.of(mine, MemorySample::idleBytes),
                    Spread.of(mine, MemorySample::afterLoadBytes), Spread.of(mine, MemorySample::peakBytes),
                    Spread.of(mine, MemorySample::footprintBytes), Spread.of(mine, MemorySample::workingSetBytes),
                    Spread.of(mine, MemorySample::peakMinusIdleBytes),
                    Spread.of(mine, MemorySample::leakBytesPerInference), Spread.of(mine, MemorySample::heapUsedBytes),
                    Spread.of(mine, MemorySample::heapCommittedBytes), Spread.of(mine, MemorySample::nonHeapUsedBytes),
                    Spread.of(mine, MemorySample::nonHeapCommittedBytes),
                    mine.isEmpty() ? 0 : mine.get(0).fileBytes(), mine.isEmpty() ? 0 : mine.get(0).parameterBytes(),
                    Spread.of(mine, MemorySample::meanLatencyMillis)));
        }
        ModelMemory b = models.get(0);
        ModelMemory c = models.get(1);
        double machine = Spread.of(samples, MemorySample::machineBandwidthBytesPerSecond).median();
        List<ModelBandwidth> bandwidths = new ArrayList<>();
        for (ModelMemory m : models) {
            double effective = m.fileBytes() / (m.meanLatencyMillis().median() / 1000);
            bandwidths.add(new ModelBandwidth(m.role(), m.fileBytes(), effective, effective / machine));
        }
        String source = samples.isEmpty() ? "no sample" : samples.get(0).source();
        GpuMemory gpuMemory = GpuMemory.of(samples);
        GenerationMemory generationMemory = GenerationMemory.of(samples);
        return new MemoryMetrics(models, Reduction.of(samples, figure("footprint")), Reduction.of(samples, figure("peak")),
                Reduction.of(samples, figure("peakMinusIdle")),
                Reduction.of(samples, figure(MemorySettings.GENERATION_METRIC)), new Bandwidth(machine, bandwidths),
                gpuStatus(samples, gpuMemory), gpuMemory, GenerationMemory.status(generationMemory, generationSkipped),
                generationMemory, source, samples, capacity,
                capacity.size() == 2 && capacity.get(0).bytes() > 0 && capacity.get(1).unavailable() == null
                        ? (double) capacity.get(1).bytes() / capacity.get(0).bytes() : Double.NaN);
    }

    /** The reduction the gate judges. */
    public Reduction reduction(String metric) {
        return switch (metric) {
            case "footprint" -> footprint;
            case "peak" -> peak;
            case MemorySettings.GENERATION_METRIC -> generationPeakMinusLoad;
            default -> peakMinusIdle;
        };
    }
}
