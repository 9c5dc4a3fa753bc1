package io.github.qwenbench.scalability;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.report.Html;
import io.github.qwenbench.report.SuiteReport;
import io.github.qwenbench.report.Svg;
import io.github.qwenbench.report.TrackedFigure;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scalability suite: both models along batch-size, concurrency and input-size curves, paired at every point. */
public final class ScalabilitySuite implements SuiteDefinition<ScalabilityMetrics> {

    @Override
    public Class<ScalabilityMetrics> metricsType() {
        return ScalabilityMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new ScalabilityRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.scalability();
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, ScalabilityMetrics metrics) {
        return ScalabilityGates.evaluate(plan.scalability(), metrics);
    }

    @Override
    public List<String> warnings(BenchmarkPlan plan, ScalabilityMetrics metrics) {
        return ScalabilityGates.warnings(metrics);
    }

    @Override
    public String headline(ScalabilityMetrics metrics) {
        return "candidate/baseline throughput by point: " + ratios(metrics.curves());
    }

    /** Each curve's ratios in one line: {@code batch 1:1.04 2:1.09}. */
    public static String ratios(List<ScalabilityMetrics.Curve> curves) {
        List<String> parts = new ArrayList<>();
        for (ScalabilityMetrics.Curve curve : curves) {
            StringBuilder part = new StringBuilder(curve.axis());
            for (int i = 0; i < curve.sizes().size(); i++) {
                part.append(String.format(Locale.ROOT, " %d:%.2f", curve.sizes().get(i),
                        curve.throughputRatio().get(i).estimate()));
            }
            parts.add(part.toString());
        }
        return String.join("; ", parts);
    }

    @Override
    public List<String> tableLines(ScalabilityMetrics metrics) {
        return table(metrics.curves());
    }

    /** A compact table of curves for the log: one row per point, both models side by side. */
    public static List<String> table(List<ScalabilityMetrics.Curve> curves) {
        List<String> lines = new ArrayList<>();
        String format = "%-22s %14s %14s %9s %9s %20s";
        lines.add(String.format(Locale.ROOT, format, "point", "base samples/s", "cand samples/s", "base p99",
                "cand p99", "ratio [interval]"));
        for (ScalabilityMetrics.Curve curve : curves) {
            ScalabilityMetrics.ModelCurve base = curve.models().get(0);
            ScalabilityMetrics.ModelCurve cand = curve.models().get(1);
            for (int i = 0; i < curve.sizes().size(); i++) {
                RatioInterval ratio = curve.throughputRatio().get(i);
                lines.add(String.format(Locale.ROOT, format, curve.point(i),
                        String.format(Locale.ROOT, "%.1f", base.samplesPerSecond().get(i)),
                        String.format(Locale.ROOT, "%.1f", cand.samplesPerSecond().get(i)),
                        String.format(Locale.ROOT, "%.2fms", base.p99Millis().get(i)),
                        String.format(Locale.ROOT, "%.2fms", cand.p99Millis().get(i)),
                        String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", ratio.estimate(), ratio.lower(),
                                ratio.upper())));
            }
        }
        return lines;
    }

    @Override
    public String htmlSection(ScalabilityMetrics metrics, SuiteReport report) {
        return "<div class=\"charts\">" + charts(metrics.curves()) + "</div><p><small>"
                + Html.escape(metrics.method()) + "</small></p>";
    }

    /** Throughput and p99 latency charts of each curve, both models in each. */
    public static String charts(List<ScalabilityMetrics.Curve> curves) {
        StringBuilder html = new StringBuilder();
        for (ScalabilityMetrics.Curve curve : curves) {
            double[] x = Html.doubles(curve.sizes());
            List<Svg.Series> throughput = new ArrayList<>();
            List<Svg.Series> p99 = new ArrayList<>();
            for (ScalabilityMetrics.ModelCurve model : curve.models()) {
                throughput.add(new Svg.Series(model.role(), x, Html.doubles(model.samplesPerSecond())));
                p99.add(new Svg.Series(model.role(), x, Html.doubles(model.p99Millis())));
            }
            // the measured sizes are the ticks; batch sizes double, so they are spaced by their logarithm
            Svg.Scale scale = Svg.Scale.measured(x, "batch".equals(curve.axis()));
            html.append(Svg.lineChart("Throughput by " + curve.axis(), curve.axis(), "samples/s", throughput, scale));
            html.append(Svg.lineChart("p99 latency by " + curve.axis(), curve.axis(), "ms", p99, scale));
        }
        return html.toString();
    }

    @Override
    public List<TrackedFigure> trackedFigures(ScalabilityMetrics metrics) {
        return figures("scalability", metrics.curves());
    }

    /** Every point's throughput ratio, named {@code <suite>.throughputRatio[<point>]}. */
    public static List<TrackedFigure> figures(String suite, List<ScalabilityMetrics.Curve> curves) {
        List<TrackedFigure> figures = new ArrayList<>();
        for (ScalabilityMetrics.Curve curve : curves) {
            for (int i = 0; i < curve.sizes().size(); i++) {
                figures.add(TrackedFigure.ratio(suite + ".throughputRatio[" + curve.point(i) + "]",
                        curve.throughputRatio().get(i), false));
            }
        }
        return figures;
    }
}
