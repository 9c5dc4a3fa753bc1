package io.github.qwenbench.memory;

import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.html.Svg;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.suite.SuiteRunner;
import io.github.qwenbench.suite.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory suite: each model's resident memory by phase (generation included where the models generate),
 * capacity and sparsity, and the candidate's reduction.
 */
public final class MemorySuite implements SuiteDefinition<MemoryMetrics> {

    @Override
    public String id() {
        return "memory";
    }

    private static final double MIB = 1024 * 1024;
    private static final double KIB = 1024;

    @Override
    public Class<MemoryMetrics> metricsType() {
        return MemoryMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new MemoryRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.memory();
    }

    /**
     * Each model alone, in a fresh worker with a steady heap per repetition; the order alternates
     * between repetitions, until the reduction is decided or the repetitions are spent.
     */
    @Override
    public SuiteResult measure(Workers workers, BenchmarkPlan plan)
            throws BenchmarkSetupException {
        Workers steadyMemory = workers.withSteadyMemory();
        List<SuiteResult> runs = new ArrayList<>();
        List<MemorySample> samples = new ArrayList<>();
        double ratioThreshold = 1 - plan.memory().minReduction();
        var figure = MemoryMetrics.figure(plan.memory().reductionMetric());
        SequentialComparison.Stop stop = null;
        for (int repetition = 1; stop == null; repetition++) {
            List<String> order = repetition % 2 == 1 ? List.of("baseline", "candidate")
                    : List.of("candidate", "baseline");
            for (String role : order) {
                SuiteResult run = steadyMemory.run(plan, role, repetition);
                runs.add(run);
                samples.add(run.metrics(MemorySample.class));
            }
            SequentialComparison pairs = MemoryMetrics.pairs(samples, figure);
            stop = pairs.pairs() < repetition && repetition >= plan.memory().repetitions()
                    ? new SequentialComparison.Stop(false, "a figure was not positive", 0)
                    : pairs.stopNow(ratioThreshold, plan.memory().budget(), 0);
            if (stop != null && stop.decided() && repetition < plan.memory().maxRepetitions()
                    && !MemoryMetrics.guarded(samples, figure).interval().decides(ratioThreshold)) {
                stop = null; // the mean decided, the median's sign rule not yet (skewed pairs): measure on
            }
        }
        SuiteResult first = runs.get(0);
        MemoryMetrics metrics = MemoryMetrics.combine(samples,
                List.of(Capacity.of(plan.baseline()), Capacity.of(plan.candidate())),
                plan.memory().generationSkipped(plan.generation(), plan.inputs()));
        return SuiteResult.combined(id(), first.startedAt(),
                runs.stream().mapToLong(SuiteResult::durationMillis).sum(), first.system(), plan, metrics, runs);
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, MemoryMetrics metrics) {
        return MemoryGates.evaluate(plan.memory(), metrics);
    }

    @Override
    public List<String> warnings(BenchmarkPlan plan, MemoryMetrics metrics) {
        return MemoryGates.warnings(plan.memory(), metrics);
    }

    @Override
    public String headline(MemoryMetrics metrics) {
        StringBuilder line = new StringBuilder();
        for (MemoryMetrics.ModelMemory model : metrics.models()) {
            line.append(String.format(Locale.ROOT, "%s footprint %.1f MiB, peak %.1f MiB; ", model.role(),
                    model.footprint().median() / MIB, model.peak().median() / MIB));
        }
        line.append(String.format(Locale.ROOT, "reduction of peak minus idle %.1f%%",
                100 * metrics.peakMinusIdle().estimate()));
        for (Capacity capacity : metrics.capacity() == null ? List.<Capacity>of() : metrics.capacity()) {
            if (capacity.unavailable() == null) {
                line.append(String.format(Locale.ROOT, "; %s tensors %.2f MiB", capacity.role(), capacity.bytes() / MIB));
                if (!Double.isNaN(capacity.sparsity())) {
                    line.append(String.format(Locale.ROOT, ", %.2f%% zeros", 100 * capacity.sparsity()));
                }
            }
        }
        double ratio = metrics.parameterRatio();
        if (!Double.isNaN(ratio)) {
            line.append(String.format(Locale.ROOT, "; compression %.2fx", 1 / ratio));
        }
        return line.append(gpuHeadline(metrics)).append(generationHeadline(metrics)).toString();
    }

    /**
     * The generation phase's part of the headline: each model's own footprint while decoding; empty where the
     * phase did not run (the results' {@code generation} and the HTML section say why).
     */
    private static String generationHeadline(MemoryMetrics metrics) {
        GenerationMemory generation = metrics.generationMemory();
        if (generation == null) {
            return "";
        }
        List<String> models = new ArrayList<>();
        for (GenerationMemory.Model model : generation.models()) {
            models.add(String.format(Locale.ROOT, "%s peak minus load %.1f MiB, KV cache %.1f KiB", model.role(),
                    model.peakMinusLoad().median() / MIB, model.kvCacheBytes().median() / KIB));
        }
        return String.format(Locale.ROOT, "; generation (%d answers of %d tokens) %s; reduction of generation peak"
                + " minus load %.1f%%", generation.answers(), generation.tokensPerAnswer(), String.join("; ", models),
                100 * metrics.generationPeakMinusLoad().estimate());
    }

    /** The generation phase per model, medians with their range over repetitions; nothing when it did not run. */
    @Override
    public List<String> tableLines(MemoryMetrics metrics) {
        GenerationMemory generation = metrics.generationMemory();
        if (generation == null) {
            return List.of();
        }
        String format = "%-10s %-15s %11s %28s %11s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, format, "generation", "decoding", "peak", "peak - after load [range]",
                "KV cache"));
        for (GenerationMemory.Model m : generation.models()) {
            lines.add(String.format(Locale.ROOT, format, m.role(), decoding(m), mebibytes(m.peak().median()),
                    String.format(Locale.ROOT, "%s [%.1f, %.1f]", mebibytes(m.peakMinusLoad().median()),
                            m.peakMinusLoad().min() / MIB, m.peakMinusLoad().max() / MIB),
                    String.format(Locale.ROOT, "%.1f KiB", m.kvCacheBytes().median() / KIB)));
        }
        return lines;
    }

    private static String decoding(GenerationMemory.Model model) {
        return model.decoding() == null ? "no worker" : DecodingMethod.label(model.decoding());
    }

    private static String mebibytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    /** The GPU's part of the headline: each model's footprint and peak on the device; empty on the CPU. */
    private static String gpuHeadline(MemoryMetrics metrics) {
        if (metrics.gpuMemory() == null) {
            return metrics.gpu() == null || metrics.gpu().startsWith("not applicable") ? ""
                    : "; GPU memory " + metrics.gpu();
        }
        List<String> models = new ArrayList<>();
        for (MemoryMetrics.GpuModelMemory model : metrics.gpuMemory().models()) {
            models.add(String.format(Locale.ROOT, "%s footprint %.1f MiB, peak %.1f MiB", model.role(),
                    model.footprint().median() / MIB, model.peak().median() / MIB));
        }
        return "; GPU memory (" + metrics.gpuMemory().device() + ") " + String.join("; ", models);
    }

    @Override
    public String htmlSection(MemoryMetrics metrics, SuiteReport report) {
        List<Svg.Series> series = new ArrayList<>();
        for (MemoryMetrics.ModelMemory m : metrics.models()) {
            series.add(new Svg.Series(m.role(), new double[0], new double[] {m.idle().median() / MIB,
                m.afterLoad().median() / MIB, m.peak().median() / MIB, m.footprint().median() / MIB,
                m.peakMinusIdle().median() / MIB}));
        }
        return "<div class=\"charts\">" + Svg.barChart("Resident memory by phase (median)", "MiB",
                List.of("idle", "after load", "peak", "footprint", "peak - idle"), series, false) + gpuChart(metrics)
                + "</div>" + generationTable(metrics) + "<p>Read from: " + Html.escape(metrics.source()) + ". GPU: "
                + Html.escape(metrics.gpu()) + ".</p>";
    }

    /** Resident memory while decoding, per model; or why the workers did not decode. */
    private static String generationTable(MemoryMetrics metrics) {
        GenerationMemory generation = metrics.generationMemory();
        StringBuilder html = new StringBuilder("<p>Generation: ").append(Html.escape(metrics.generation()))
                .append(".</p>");
        if (generation == null) {
            return html.toString();
        }
        html.append("<table><tr><th>model</th><th>decoding</th><th>peak (MiB)</th><th>peak - after load (MiB)</th>"
                + "<th>min</th><th>max</th><th>KV cache at the end of the longest answer (KiB)</th><th>positions</th>"
                + "</tr>");
        for (GenerationMemory.Model m : generation.models()) {
            html.append("<tr><td>").append(Html.escape(m.role())).append("</td><td>").append(Html.escape(decoding(m)))
                    .append("</td>").append(Html.cells(m.peak().median() / MIB, m.peakMinusLoad().median() / MIB,
                            m.peakMinusLoad().min() / MIB, m.peakMinusLoad().max() / MIB,
                            m.kvCacheBytes().median() / KIB)).append("<td>").append(m.cachePositions())
                    .append("</td></tr>");
        }
        MemoryMetrics.Reduction r = metrics.generationPeakMinusLoad();
        return html.append(String.format(Locale.ROOT, "</table><p>Reduction of the generation peak minus after load:"
                + " %.1f%% [%.1f%%, %.1f%%] over %d pairs.</p>", 100 * r.estimate(), 100 * r.lower(), 100 * r.upper(),
                r.ratio().pairs())).toString();
    }

    /** The GPU's memory by phase beside the resident memory's; nothing on the CPU. */
    private static String gpuChart(MemoryMetrics metrics) {
        if (metrics.gpuMemory() == null) {
            return "";
        }
        List<Svg.Series> series = new ArrayList<>();
        for (MemoryMetrics.GpuModelMemory m : metrics.gpuMemory().models()) {
            series.add(new Svg.Series(m.role(), new double[0], new double[] {m.idle().median() / MIB,
                m.afterLoad().median() / MIB, m.peak().median() / MIB, m.footprint().median() / MIB,
                m.peakMinusIdle().median() / MIB}));
        }
        return Svg.barChart("GPU memory in use on " + metrics.gpuMemory().device() + " by phase (median)", "MiB",
                List.of("idle", "after load", "peak", "footprint", "peak - idle"), series, false);
    }

    @Override
    public List<TrackedFigure> trackedFigures(MemoryMetrics metrics) {
        List<TrackedFigure> figures = new ArrayList<>();
        figures.add(TrackedFigure.ratio("memory.peakMinusIdleReduction", metrics.peakMinusIdle().asInterval(), true));
        if (metrics.models().size() > 1) {
            figures.add(TrackedFigure.lowerIsBetter("memory.candidatePeakMinusIdle",
                    metrics.models().get(1).peakMinusIdle().median(), false));
        }
        if (metrics.generationMemory() != null) {
            figures.add(TrackedFigure.ratio("memory.generationPeakMinusLoadReduction",
                    metrics.generationPeakMinusLoad().asInterval(), true));
        }
        return figures;
    }
}
