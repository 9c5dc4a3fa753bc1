package io.github.qwenbench.system;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.GpuTrace;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.html.Svg;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.suite.SuiteRunner;
import io.github.qwenbench.suite.Workers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The system suite: both models serving the same load over time, taking turns, with their stability and cost. */
public final class SystemSuite implements SuiteDefinition<SystemMetrics> {

    /** Served models serve the load from their endpoints ({@link ServedLoad}). */
    @Override
    public boolean measuresEndpoints() {
        return true;
    }

    @Override
    public String id() {
        return "system";
    }

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
     * glibc's malloc for the system workers: at most two arenas. With one arena per serving thread, cache
     * tensors that change size at every step (continuous batching: the batch grows, shrinks and gets one
     * position longer per step) fragmented them, and resident memory climbed to 1.0 to 1.3 GiB and swung
     * by hundreds of MiB from turn to turn with no leak (a fixed mmap threshold kept it flat, at a seventh
     * of the throughput); with two arenas it levels off, at equal throughput (BENCHMARKS.md, section 9).
     * Without glibc the variable does nothing.
     */
    static final Map<String, String> MALLOC_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /**
     * Each model serves the same load in its own worker with a steady heap and {@link #MALLOC_ENVIRONMENT},
     * both alive at once and taking turns ({@link Turns}), so that memory growth over the run is the model's.
     */
    @Override
    public SuiteResult measure(Workers workers, BenchmarkPlan plan)
            throws BenchmarkSetupException {
        Path turns = workers.newScratchDirectory("system-turns");
        Workers steadyMemory = workers.withSteadyMemory().withEnvironment(MALLOC_ENVIRONMENT)
                .withSystemProperty(SystemRunner.TURNS_PROPERTY, turns.toString());
        List<SuiteResult> results = steadyMemory.runTogether(plan, List.of("baseline", "candidate"));
        SuiteResult baseline = results.get(0);
        SuiteResult candidate = results.get(1);
        // a server on this machine is the system under test, not other load: no busy-machine rule for endpoints
        SystemMetrics metrics = SystemMetrics.combine(baseline.metrics(SystemSample.class),
                candidate.metrics(SystemSample.class), plan.system(),
                plan.baseline().served() ? null : Turns.freeDuring(turns),
                Turns.order(plan.seed()).seed());
        return SuiteResult.combined(id(), baseline.startedAt(),
                Math.max(baseline.durationMillis(), candidate.durationMillis()), baseline.system(), plan, metrics,
                results);
    }

    @Override
    public long ceilingMillis(BenchmarkPlan plan) {
        return 2 * plan.system().maxDurationMillis(); // both workers serve up to maxDuration, taking turns
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, SystemMetrics metrics) {
        List<Verdict> gates = SystemGates.evaluate(plan.system(), metrics, plan.baseline().served());
        if (metrics.conditions() == null || metrics.conditions().fit()) {
            return gates;
        }
        String why = metrics.conditions().busyReason();
        return gates.stream().map(v -> v.name().equals("maxErrorRate") ? v : v.undecidedBecause(Undecided.BUSY, why))
                .toList();
    }

    /**
     * The longest window below which a warning says that GPU energy per model is blurred: nvidia-smi's
     * power.draw is a one-second average on Ampere and newer GPUs, so about half a second of the turn
     * before (the other model's) lands in each turn that follows one; at 5 s that is a tenth of the turn.
     */
    static final long GPU_ENERGY_WINDOW_MILLIS = 5000;

    @Override
    public List<String> warnings(BenchmarkPlan plan, SystemMetrics metrics) {
        return gpuWarnings(plan.system().windowMillis(), metrics);
    }

    /** A warning when GPU power was integrated over windows too short for nvidia-smi's averaging. */
    static List<String> gpuWarnings(long windowMillis, SystemMetrics metrics) {
        boolean gpuPower = metrics.models().stream()
                .anyMatch(m -> m.gpuUse() != null && !Double.isNaN(m.gpuUse().joules()));
        if (!gpuPower || windowMillis >= GPU_ENERGY_WINDOW_MILLIS) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "GPU power and energy per model are blurred: system/window is %d ms,"
                + " and on Ampere and newer GPUs nvidia-smi's power.draw averages over one second, so each turn that"
                + " follows the other model's includes part of it. Set <system><window> to %ds or more for GPU"
                + " energy figures.", windowMillis, GPU_ENERGY_WINDOW_MILLIS / 1000));
    }

    @Override
    public String headline(SystemMetrics metrics) {
        StringBuilder line = new StringBuilder();
        for (SystemSample model : metrics.models()) {
            String client = model.served() ? "client's " : "";
            line.append(String.format(Locale.ROOT, "%s %.1f %s, p99 %.2f ms, drift %+.3f, %sCPU %.2f ms/request,"
                    + " %smemory %+.1f MiB, %d errors", model.role(), model.throughput(), model.throughputUnit(),
                    model.latency().p99Millis(), model.drift(), client, 1000 * model.cpuSecondsPerInference(), client,
                    model.memoryGrowthBytes() / MIB, model.errors()));
            SystemSample.Goodput goodput = model.goodput();
            if (goodput != null) {
                line.append(String.format(Locale.ROOT, ", goodput %.2f requests/s within %d ms (%.1f%% of requests)",
                        goodput.perSecond(), goodput.objectiveMillis(), 100 * goodput.share()));
            }
            SystemSample.Generation answers = model.generation();
            if (answers != null) {
                line.append(String.format(Locale.ROOT, ", %.2f answers/s, first token p50 %.1f ms p99 %.1f ms,"
                        + " queueing p50 %.1f ms", answers.requestsPerSecond(), answers.timeToFirstToken().p50Millis(),
                        answers.timeToFirstToken().p99Millis(), answers.queueWait().p50Millis()));
                if (!Double.isNaN(answers.meanBatchSize())) {
                    line.append(String.format(Locale.ROOT, ", batch %.2f on average (at most %d)",
                            answers.meanBatchSize(), answers.largestBatch()));
                }
            }
            if (model.clientOverhead() != null) {
                line.append(String.format(Locale.ROOT, ", the load generator alone %.0f requests/s, p99 %.3f ms",
                        model.clientOverhead().requestsPerSecond(), model.clientOverhead().p99Millis()));
            }
            GpuUse gpu = model.gpuUse();
            if (gpu != null) {
                line.append(String.format(Locale.ROOT, ", GPU %.0f%% busy, %.0f W, %.4f J/inference, %.0f MiB used",
                        gpu.utilizationPercent(), gpu.powerWatts(), gpu.joulesPerInference(), gpu.memoryUsedMiB()));
            }
            line.append("; ");
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
        html.append(chart(metrics, "Throughput per window", metrics.models().get(0).throughputUnit(),
                SystemSample.Window::throughput));
        html.append(chart(metrics, "p99 per window", "ms", SystemSample.Window::p99Millis));
        String process = metrics.models().get(0).served() ? "The client's " : "";
        html.append(chart(metrics, process + "process CPU per window", "%", SystemSample.Window::processCpuPercent));
        html.append(chart(metrics, process + "resident memory per window", "MiB", w -> w.residentBytes() / MIB));
        if (metrics.models().stream().anyMatch(m -> m.gpuUse() != null)) {
            html.append(gpuChart(metrics, "GPU utilization per window", "%", GpuTrace.Interval::utilizationPercent));
            html.append(gpuChart(metrics, "GPU power per window", "W", GpuTrace.Interval::powerWatts));
            html.append(gpuChart(metrics, "GPU memory used per window (whole device)", "MiB",
                    GpuTrace.Interval::memoryUsedMiB));
        }
        html.append("</div>").append(answersTable(metrics)).append("<p>Energy: ").append(Html.escape(energy(metrics))).append("</p>");
        SystemSample last = metrics.models().get(metrics.models().size() - 1);
        if (last.gpu() != null && !last.gpu().startsWith("not applicable")) {
            html.append("<p>GPU: ").append(Html.escape(last.gpu()))
                    .append(last.gpuUse() == null ? "" : ". " + Html.escape(last.gpuUse().source())).append(".</p>");
        }
        return html.toString();
    }

    /** Where requests were generated answers: their figures per model, side by side; else nothing. */
    private static String answersTable(SystemMetrics metrics) {
        if (metrics.models().stream().anyMatch(m -> m.generation() == null)) {
            return "";
        }
        StringBuilder html = new StringBuilder("<table><tr><th>model</th><th>serving</th><th>decoding</th>"
                + "<th>tokens/s</th><th>answers/s</th><th>first token p50 / p99 (ms)</th><th>queueing p50 / p99 (ms)</th>"
                + "<th>answer latency p50 / p99 (ms)</th><th>batch (mean, most)</th></tr>");
        for (SystemSample model : metrics.models()) {
            SystemSample.Generation g = model.generation();
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%.1f</td><td>%.2f</td>"
                    + "<td>%.1f / %.1f</td><td>%.1f / %.1f</td><td>%.1f / %.1f</td><td>%s</td></tr>",
                    Html.escape(model.role()), Html.escape(g.serving()), Html.escape(g.decoding()), model.throughput(),
                    g.requestsPerSecond(), g.timeToFirstToken().p50Millis(), g.timeToFirstToken().p99Millis(),
                    g.queueWait().p50Millis(), g.queueWait().p99Millis(), model.latency().p50Millis(),
                    model.latency().p99Millis(), Double.isNaN(g.meanBatchSize()) ? "one at a time"
                            : String.format(Locale.ROOT, "%.2f, %d", g.meanBatchSize(), g.largestBatch())));
        }
        html.append("</table><p>Time to first token and queueing count from each request's arrival; a"
                + " request is one whole greedy answer.</p>");
        for (SystemSample model : metrics.models()) {
            if (model.clientOverhead() != null) {
                html.append("<p>").append(Html.escape(model.role())).append("'s client: ")
                        .append(Html.escape(model.clientOverhead().describe())).append(", measured before its load")
                        .append(" (an upper bound on what the client adds to each latency above).</p>");
            }
        }
        return html.toString();
    }

    /** One GPU figure per window; a model without GPU samples has no line. */
    private static String gpuChart(SystemMetrics metrics, String title, String unit,
            ToDoubleFunction<GpuTrace.Interval> figure) {
        List<Svg.Series> series = new ArrayList<>();
        for (SystemSample model : metrics.models()) {
            if (model.gpuUse() != null) {
                List<GpuTrace.Interval> gpu = model.gpuUse().windows();
                series.add(new Svg.Series(model.role(), model.windows().stream().limit(gpu.size())
                        .mapToDouble(SystemSample.Window::startSeconds).toArray(),
                        gpu.stream().limit(model.windows().size()).mapToDouble(figure).toArray()));
            }
        }
        return Svg.lineChart(title, "seconds", unit, series);
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
        figures.add(TrackedFigure.ratio("system.throughputRatio", metrics.throughputRatio(), true)
                .under(RunConditions.described(metrics.conditions())));
        if (metrics.models().size() > 1) {
            figures.add(TrackedFigure.lowerIsBetter("system.candidateP99Millis",
                    metrics.models().get(1).latency().p99Millis(), false));
        }
        return figures;
    }
}
