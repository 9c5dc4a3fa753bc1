package io.github.qwenbench.memory;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.report.Html;
import io.github.qwenbench.report.SuiteReport;
import io.github.qwenbench.report.Svg;
import io.github.qwenbench.report.TrackedFigure;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.suite.SuiteRunner;
import io.github.qwenbench.worker.WorkerLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The memory suite: each model's resident memory by phase, capacity and sparsity, and the candidate's reduction. */
public final class MemorySuite implements SuiteDefinition<MemoryMetrics> {

    private static final double MIB = 1024 * 1024;

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
    public SuiteResult measure(Suite suite, WorkerLauncher launcher, BenchmarkPlan plan)
            throws BenchmarkSetupException {
        WorkerLauncher steadyMemory = launcher.withSteadyMemory();
        List<SuiteResult> runs = new ArrayList<>();
        List<MemorySample> samples = new ArrayList<>();
        double ratioThreshold = 1 - plan.memory().minReduction();
        var figure = MemoryMetrics.figure(plan.memory().reductionMetric());
        SequentialComparison.Stop stop = null;
        for (int repetition = 1; stop == null; repetition++) {
            List<String> order = repetition % 2 == 1 ? List.of("baseline", "candidate")
                    : List.of("candidate", "baseline");
            for (String role : order) {
                SuiteResult run = steadyMemory.run(suite, plan, role, repetition);
                runs.add(run);
                samples.add(suite.workerMetrics(run, MemorySample.class));
            }
            SequentialComparison pairs = MemoryMetrics.pairs(samples, figure);
            stop = pairs.pairs() < repetition && repetition >= plan.memory().repetitions()
                    ? new SequentialComparison.Stop(false, "a figure was not positive", 0)
                    : pairs.stopNow(ratioThreshold, plan.memory().budget(), 0);
        }
        SuiteResult first = runs.get(0);
        MemoryMetrics metrics = MemoryMetrics.combine(samples,
                List.of(Capacity.of(plan.baseline()), Capacity.of(plan.candidate())));
        return SuiteResult.combined(suite, first.startedAt(),
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
                line.append(String.format(Locale.ROOT, "; %s tensors %.2f MiB, %.2f%% zeros", capacity.role(),
                        capacity.bytes() / MIB, 100 * capacity.sparsity()));
            }
        }
        double ratio = metrics.parameterRatio();
        if (!Double.isNaN(ratio)) {
            line.append(String.format(Locale.ROOT, "; compression %.2fx", 1 / ratio));
        }
        return line.append(gpuHeadline(metrics)).toString();
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
                + "</div><p>Read from: " + Html.escape(metrics.source()) + ". GPU: " + Html.escape(metrics.gpu())
                + ".</p>";
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
        return figures;
    }
}
