package io.github.qwenbench.hardware;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.report.Html;
import io.github.qwenbench.report.SuiteReport;
import io.github.qwenbench.report.TrackedFigure;
import io.github.qwenbench.scalability.ScalabilityGates;
import io.github.qwenbench.scalability.ScalabilityMetrics;
import io.github.qwenbench.scalability.ScalabilitySuite;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The hardware suite: what the machine and engine offer, and how both models use it. */
public final class HardwareSuite implements SuiteDefinition<HardwareMetrics> {

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
    public List<Verdict> gates(BenchmarkPlan plan, HardwareMetrics metrics) {
        if (metrics.threadScaling() == null) {
            return List.of(Verdict.judge("minThroughputRatio", Double.NaN, Comparison.AT_LEAST,
                    plan.hardware().points().minThroughputRatio(), "hardware/threads is none: no thread count was"
                            + " measured, so nothing can be judged; give thread counts, or leave hardware out of"
                            + " the suites"));
        }
        return ScalabilityGates.evaluate(plan.hardware().points(), curves(metrics));
    }

    @Override
    public List<String> warnings(BenchmarkPlan plan, HardwareMetrics metrics) {
        return metrics.threadScaling() == null ? List.of() : ScalabilityGates.warnings(curves(metrics));
    }

    private static ScalabilityMetrics curves(HardwareMetrics metrics) {
        return new ScalabilityMetrics(List.of(metrics.threadScaling()), 0, metrics.method(), null);
    }

    @Override
    public String headline(HardwareMetrics metrics) {
        List<String> parts = new ArrayList<>();
        ScalabilityMetrics.Curve curve = metrics.threadScaling();
        if (curve != null) {
            parts.add("candidate/baseline throughput by " + ScalabilitySuite.ratios(List.of(curve)));
            int last = curve.sizes().size() - 1;
            for (ScalabilityMetrics.ModelCurve model : curve.models()) {
                parts.add(String.format(Locale.ROOT, "%s speedup at %d threads %.2fx (efficiency %.2f)", model.role(),
                        curve.sizes().get(last), speedup(curve, model, last), model.scalingEfficiency().get(last)));
            }
        }
        return String.join("; ", parts);
    }

    /** A model's throughput at point {@code i} over its throughput at the first point. */
    static double speedup(ScalabilityMetrics.Curve curve, ScalabilityMetrics.ModelCurve model, int i) {
        return model.samplesPerSecond().get(i) / model.samplesPerSecond().get(0);
    }

    @Override
    public List<String> tableLines(HardwareMetrics metrics) {
        return metrics.threadScaling() == null ? List.of() : ScalabilitySuite.table(List.of(metrics.threadScaling()));
    }

    @Override
    public String htmlSection(HardwareMetrics metrics, SuiteReport report) {
        StringBuilder html = new StringBuilder(machine(report.system()));
        ScalabilityMetrics.Curve curve = metrics.threadScaling();
        if (curve != null) {
            html.append("<h3>Thread scaling</h3><table><tr><th>intra-op threads</th>");
            for (ScalabilityMetrics.ModelCurve model : curve.models()) {
                html.append("<th>").append(Html.escape(model.role())).append(" samples/s</th><th>speedup</th>")
                        .append("<th>efficiency</th>");
            }
            html.append("<th>candidate/baseline [interval]</th></tr>");
            for (int i = 0; i < curve.sizes().size(); i++) {
                html.append("<tr><td>").append(curve.sizes().get(i)).append(curve.contended(i) ? " (contended)" : "")
                        .append("</td>");
                for (ScalabilityMetrics.ModelCurve model : curve.models()) {
                    html.append(Html.cells(model.samplesPerSecond().get(i), speedup(curve, model, i),
                            model.scalingEfficiency().get(i)));
                }
                RatioInterval r = curve.throughputRatio().get(i);
                html.append(String.format(Locale.ROOT, "<td>%.3f [%.3f, %.3f]</td></tr>", r.estimate(), r.lower(),
                        r.upper()));
            }
            html.append("</table><div class=\"charts\">").append(ScalabilitySuite.charts(List.of(curve)))
                    .append("</div>");
        }
        return html.append("<p><small>").append(Html.escape(metrics.method())).append("</small></p>").toString();
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
                : ScalabilitySuite.figures("hardware", List.of(metrics.threadScaling()));
    }
}
