package io.github.qwenbench.system;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.report.Html;
import io.github.qwenbench.report.SuiteReport;
import io.github.qwenbench.report.Svg;
import io.github.qwenbench.report.TrackedFigure;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.suite.SuiteRunner;
import io.github.qwenbench.worker.WorkerLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The system suite: both models serving the same load over time, taking turns, with their stability and cost. */
public final class SystemSuite implements SuiteDefinition<SystemMetrics> {

    private static final double MIB = 1024 * 1024;

    @Override
    public Class<SystemMetrics> metricsType() {
        return SystemMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new SystemRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.system();
    }

    /**
     * Each model serves the same load in its own worker with a steady heap, both alive at once and
     * taking turns ({@link Turns}), so that memory growth over the run is the model's.
     */
    @Override
    public SuiteResult measure(Suite suite, WorkerLauncher launcher, BenchmarkPlan plan)
            throws BenchmarkSetupException {
        Path turns = launcher.newScratchDirectory("system-turns");
        WorkerLauncher steadyMemory = launcher.withSteadyMemory().withLeadingJvmArguments(
                List.of("-D" + SystemRunner.TURNS_PROPERTY + "=" + turns));
        List<SuiteResult> results = steadyMemory.runTogether(suite, plan, List.of("baseline", "candidate"));
        SuiteResult baseline = results.get(0);
        SuiteResult candidate = results.get(1);
        SystemMetrics metrics = SystemMetrics.combine(suite.workerMetrics(baseline, SystemSample.class),
                suite.workerMetrics(candidate, SystemSample.class), plan.system());
        return SuiteResult.combined(suite, baseline.startedAt(),
                Math.max(baseline.durationMillis(), candidate.durationMillis()), baseline.system(), plan, metrics,
                results);
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, SystemMetrics metrics) {
        return SystemGates.evaluate(plan.system(), metrics);
    }

    @Override
    public String headline(SystemMetrics metrics) {
        StringBuilder line = new StringBuilder();
        for (SystemSample model : metrics.models()) {
            line.append(String.format(Locale.ROOT, "%s %.1f req/s, p99 %.2f ms, drift %+.3f, CPU %.2f ms/inference,"
                    + " memory %+.1f MiB, %d errors; ", model.role(), model.throughput(), model.latency().p99Millis(),
                    model.drift(), 1000 * model.cpuSecondsPerInference(), model.memoryGrowthBytes() / MIB,
                    model.errors()));
        }
        return line.append("energy ").append(energy(metrics)).toString();
    }

    private static String energy(SystemMetrics metrics) {
        SystemSample.Energy energy = metrics.models().get(metrics.models().size() - 1).energy();
        return energy.available() ? String.format(Locale.ROOT, "%.4f J/inference (%s)", energy.joulesPerInference(),
                energy.source()) : energy.source();
    }

    @Override
    public String htmlSection(SystemMetrics metrics, SuiteReport report) {
        StringBuilder html = new StringBuilder("<div class=\"charts\">");
        html.append(chart(metrics, "Throughput per window", "requests/s", SystemSample.Window::throughput));
        html.append(chart(metrics, "p99 per window", "ms", SystemSample.Window::p99Millis));
        html.append(chart(metrics, "Process CPU per window", "%", SystemSample.Window::processCpuPercent));
        html.append(chart(metrics, "Resident memory per window", "MiB", w -> w.residentBytes() / MIB));
        return html.append("</div><p>Energy: ").append(Html.escape(energy(metrics))).append("</p>").toString();
    }

    private static String chart(SystemMetrics metrics, String title, String unit,
            ToDoubleFunction<SystemSample.Window> figure) {
        List<Svg.Series> series = new ArrayList<>();
        for (SystemSample model : metrics.models()) {
            List<SystemSample.Window> windows = model.windows();
            series.add(new Svg.Series(model.role(), windows.stream().mapToDouble(SystemSample.Window::startSeconds)
                    .toArray(), windows.stream().mapToDouble(figure).toArray()));
        }
        return Svg.lineChart(title, "seconds", unit, series);
    }

    @Override
    public List<TrackedFigure> trackedFigures(SystemMetrics metrics) {
        List<TrackedFigure> figures = new ArrayList<>();
        figures.add(TrackedFigure.ratio("system.throughputRatio", metrics.throughputRatio(), true));
        if (metrics.models().size() > 1) {
            figures.add(TrackedFigure.lowerIsBetter("system.candidateP99Millis",
                    metrics.models().get(1).latency().p99Millis(), false));
        }
        return figures;
    }
}
