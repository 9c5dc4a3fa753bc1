package io.github.qwenbench.hardware;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.measure.CurveGates;
import io.github.qwenbench.measure.CurveMetrics;
import io.github.qwenbench.measure.CurveViews;
import io.github.qwenbench.measure.MemoryBandwidth;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The hardware suite: what the machine and engine offer, and how both models use it. */
public final class HardwareSuite implements SuiteDefinition<HardwareMetrics> {

    @Override
    public String id() {
        return "hardware";
    }

    @Override
    public Class<HardwareMetrics> metricsType() {
        return HardwareMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new HardwareRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.hardware();
    }

    /** Thread scaling is gated like a scalability curve: the ratio and the consistency at every count. */
    @Override
    public long ceilingMillis(BenchmarkPlan plan) {
        return plan.hardware().maxDurationMillis();
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, HardwareMetrics metrics) {
        if (metrics.threadScaling() == null) {
            return List.of(Verdict.judge("minThroughputRatio", Double.NaN, Comparison.AT_LEAST,
                    plan.hardware().minThroughputRatio(), "hardware/threads is none: no thread count was"
                            + " measured, so nothing can be judged; give thread counts, or leave hardware out of"
                            + " the suites"));
        }
        return CurveGates.evaluate(plan.hardware().points(plan.scalability()), curves(metrics));
    }


    private static CurveMetrics curves(HardwareMetrics metrics) {
        return new CurveMetrics(List.of(metrics.threadScaling()), 0, metrics.method(), null);
    }

    @Override
    public String headline(HardwareMetrics metrics) {
        List<String> parts = new ArrayList<>();
        CurveMetrics.Curve curve = metrics.threadScaling();
        if (curve != null) {
            parts.add("candidate/baseline throughput by " + CurveViews.ratios(List.of(curve)));
            int last = curve.sizes().size() - 1;
            for (CurveMetrics.ModelCurve model : curve.models()) {
                parts.add(String.format(Locale.ROOT, "%s speedup at %d threads %.2fx (efficiency %.2f)", model.role(),
                        curve.sizes().get(last), speedup(model, last), model.scalingEfficiency().get(last)));
            }
        }
        for (GemmThroughput g : metrics.gemm()) {
            parts.add(String.format(Locale.ROOT, "GEMM %.1f GFLOP/s at %d thread(s)", g.maxGflops(), g.threads()));
        }
        for (MemoryBandwidth b : metrics.bandwidth()) {
            parts.add(String.format(Locale.ROOT, "bandwidth %.1f GB/s at %d thread(s)", b.bestBytesPerSecond() / 1e9,
                    b.threads()));
        }
        if (metrics.profiles().size() == 2) {
            parts.add(String.format(Locale.ROOT, "%.1f / %.1f MFLOP per inference", metrics.profiles().get(0)
                    .flopsPerInference() / 1e6, metrics.profiles().get(1).flopsPerInference() / 1e6));
        }
        for (HardwareMetrics.ModelRoofline r : metrics.rooflines()) {
            if (r.threads() == 1) {
                parts.add(String.format(Locale.ROOT, "%s at 1 thread %.0f%% of the GEMM peak, %s", r.role(),
                        100 * r.roofline().computeFraction(), r.roofline().bound().words()));
            }
        }
        return String.join("; ", parts);
    }

    /** A model's throughput at point {@code i} over its throughput at the first point. */
    static double speedup(CurveMetrics.ModelCurve model, int i) {
        return model.samplesPerSecond().get(i) / model.samplesPerSecond().get(0);
    }

    @Override
    public List<String> tableLines(HardwareMetrics metrics) {
        return metrics.threadScaling() == null ? List.of() : CurveViews.table(List.of(metrics.threadScaling()));
    }

    @Override
    public String htmlSection(HardwareMetrics metrics, SuiteReport report) {
        StringBuilder html = new StringBuilder(machine(report.system()));
        CurveMetrics.Curve curve = metrics.threadScaling();
        if (curve != null) {
            html.append("<h3>Thread scaling</h3><table><tr><th>intra-op threads</th>");
            for (CurveMetrics.ModelCurve model : curve.models()) {
                html.append("<th>").append(Html.escape(model.role())).append(" samples/s</th><th>speedup</th>")
                        .append("<th>efficiency</th>");
            }
            html.append("<th>candidate/baseline [interval]</th></tr>");
            for (int i = 0; i < curve.sizes().size(); i++) {
                html.append("<tr><td>").append(curve.sizes().get(i)).append(curve.busy(i) ? " (machine busy)" : "")
                        .append("</td>");
                for (CurveMetrics.ModelCurve model : curve.models()) {
                    html.append(Html.cells(model.samplesPerSecond().get(i), speedup(model, i),
                            model.scalingEfficiency().get(i)));
                }
                RatioInterval r = curve.throughputRatio().get(i);
                html.append(String.format(Locale.ROOT, "<td>%.3f [%.3f, %.3f]</td></tr>", r.estimate(), r.lower(),
                        r.upper()));
            }
            html.append("</table><div class=\"charts\">").append(CurveViews.charts(List.of(curve)))
                    .append("</div>");
        }
        html.append(profiles(metrics));
        html.append(peaks(metrics));
        return html.append("<p><small>").append(Html.escape(metrics.method())).append("</small></p>").toString();
    }

    /** The operators whose share of the time changed most, side by side. */
    private static String profiles(HardwareMetrics metrics) {
        ProfileComparison c = metrics.profileComparison();
        if (c == null || metrics.profiles().size() != 2) {
            return "";
        }
        OperatorProfile base = metrics.profiles().get(0);
        OperatorProfile cand = metrics.profiles().get(1);
        StringBuilder html = new StringBuilder(String.format(Locale.ROOT, "<h3>Operator profile</h3><p>Per inference:"
                + " baseline %.1f us of operators and %.2f MFLOP, candidate %.1f us and %.2f MFLOP (%d inferences each,"
                + " engine profiler).%s</p>", c.baselineMicrosPerInference(), base.flopsPerInference() / 1e6,
                c.candidateMicrosPerInference(), cand.flopsPerInference() / 1e6, base.inferences(),
                cand.unestimatedFlopOperators().isEmpty() && base.unestimatedFlopOperators().isEmpty() ? ""
                        : " FLOPs not estimated for: " + Html.escape(String.join(", ", union(
                                base.unestimatedFlopOperators(), cand.unestimatedFlopOperators()))) + "."));
        html.append("<table id=\"operators\"><tr><th>operator</th><th>baseline us</th><th>candidate us</th>"
                + "<th>baseline share</th><th>candidate share</th><th>share change</th><th>calls (b/c)</th></tr>");
        for (ProfileComparison.OperatorChange o : c.changes()) {
            html.append("<tr><td><code>").append(Html.escape(o.name())).append("</code></td>")
                    .append(Html.cells(o.baselineMicrosPerInference(), o.candidateMicrosPerInference(),
                            o.baselineShare(), o.candidateShare(), o.shareChange()))
                    .append(String.format(Locale.ROOT, "<td>%.0f / %.0f</td></tr>", o.baselineCallsPerInference(),
                            o.candidateCallsPerInference()));
        }
        return html.append("</table>").toString();
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The engine's peaks at each thread count, and each model's position between them. */
    private static String peaks(HardwareMetrics metrics) {
        if (metrics.gemm().isEmpty() && metrics.bandwidth().isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h3>Peaks and rooflines</h3><table><tr><th>probe</th><th>threads</th>"
                + "<th>best</th><th>median</th></tr>");
        for (GemmThroughput g : metrics.gemm()) {
            html.append("<tr><td>GEMM ").append(g.size()).append('x').append(g.size()).append(" float32, GFLOP/s</td><td>")
                    .append(g.threads()).append("</td>").append(Html.cells(g.maxGflops(), g.medianGflops()))
                    .append("</tr>");
        }
        for (MemoryBandwidth b : metrics.bandwidth()) {
            html.append("<tr><td>bandwidth, ").append(b.mebibytes()).append(" MiB copy, GB/s</td><td>")
                    .append(b.threads()).append("</td>")
                    .append(Html.cells(b.bestBytesPerSecond() / 1e9, b.medianBytesPerSecond() / 1e9)).append("</tr>");
        }
        html.append("</table><table><tr><th>model</th><th>threads</th><th>position</th></tr>");
        for (HardwareMetrics.ModelRoofline r : metrics.rooflines()) {
            html.append("<tr><td>").append(Html.escape(r.role())).append("</td><td>").append(r.threads())
                    .append("</td><td>").append(Html.escape(r.roofline().describe())).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    /** What the machine and engine offer, as the worker saw them. */
    private static String machine(HostInfo host) {
        if (host == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h3>Machine and engine</h3><table>");
        row(html, "CPU", host.cpu() + " (" + host.architecture() + ")");
        row(html, "cores", host.physicalCores() + " physical, " + host.logicalCores() + " logical, "
                + host.numaNodes() + " NUMA node(s)");
        if (host.caches() != null) {
            row(html, "caches per core", String.format(Locale.ROOT, "L1d %s, L2 %s, L3 %s (%s)",
                    size(host.caches().l1dBytes()), size(host.caches().l2Bytes()), size(host.caches().l3Bytes()),
                    host.caches().source()));
        }
        row(html, "instruction sets", host.cpuFeatures() == null || host.cpuFeatures().isEmpty() ? "none detected"
                : String.join(", ", host.cpuFeatures()));
        if (host.engineCapabilities() != null) {
            row(html, "engine", host.engine() + " " + host.engineVersion() + " (" + host.engineCapabilities().flavor()
                    + "), built with " + String.join(", ", host.engineCapabilities().features()));
        }
        row(html, "device", host.device() + ", intra-op threads " + host.intraOpThreads() + ", inter-op threads "
                + host.interOpThreads());
        return html.append("</table>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    private static String size(Long bytes) {
        return bytes == null ? "unknown" : bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    @Override
    public List<TrackedFigure> trackedFigures(HardwareMetrics metrics) {
        return metrics.threadScaling() == null ? List.of()
                : CurveViews.figures("hardware", List.of(metrics.threadScaling()));
    }
}
