package io.github.qwenbench.measure;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.html.Svg;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How paired curves are shown: a line of ratios, a console table, HTML charts, tracked figures. */
public final class CurveViews {

    private CurveViews() {
    }

    /**
     * Each curve's ratios in one line, with each model's knee on a concurrency curve: {@code batch 1:1.04
     * 2:1.09; users 1:0.21 4:0.20 (knee: baseline 1, candidate 1)}.
     */
    public static String ratios(List<CurveMetrics.Curve> curves) {
        List<String> parts = new ArrayList<>();
        for (CurveMetrics.Curve curve : curves) {
            StringBuilder part = new StringBuilder(curve.axis());
            for (int i = 0; i < curve.sizes().size(); i++) {
                part.append(String.format(Locale.ROOT, " %d:%.2f", curve.sizes().get(i),
                        curve.throughputRatio().get(i).estimate()));
            }
            if ("concurrency".equals(curve.kind()) && curve.sizes().size() > 1) {
                List<String> knees = new ArrayList<>();
                for (CurveMetrics.ModelCurve model : curve.models()) {
                    knees.add(model.role() + " " + (model.knee() == null ? "none" : model.knee()));
                }
                part.append(" (knee: ").append(String.join(", ", knees)).append(")");
            }
            parts.add(part.toString());
        }
        return String.join("; ", parts);
    }

    /** A compact table of curves for the log: one row per point, both models side by side. */
    public static List<String> table(List<CurveMetrics.Curve> curves) {
        List<String> lines = new ArrayList<>();
        String format = "%-22s %14s %14s %9s %9s %20s";
        for (CurveMetrics.Curve curve : curves) {
            lines.add(String.format(Locale.ROOT, format, "point", "base " + curve.unit(), "cand " + curve.unit(),
                    "base p99", "cand p99", "ratio [interval]"));
            CurveMetrics.ModelCurve base = curve.models().get(0);
            CurveMetrics.ModelCurve cand = curve.models().get(1);
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

    /** Throughput and p99 latency charts of each curve, both models in each. */
    public static String charts(List<CurveMetrics.Curve> curves) {
        StringBuilder html = new StringBuilder();
        for (CurveMetrics.Curve curve : curves) {
            double[] x = Html.doubles(curve.sizes());
            List<Svg.Series> throughput = new ArrayList<>();
            List<Svg.Series> p99 = new ArrayList<>();
            for (CurveMetrics.ModelCurve model : curve.models()) {
                throughput.add(new Svg.Series(model.role(), x, Html.doubles(model.samplesPerSecond())));
                p99.add(new Svg.Series(model.role(), x, Html.doubles(model.p99Millis())));
            }
            // the measured sizes are the ticks; batch sizes double, so they are spaced by their logarithm
            Svg.Scale scale = Svg.Scale.measured(x, "batch".equals(curve.axis()));
            html.append(Svg.lineChart("Throughput by " + curve.axis(), curve.axis(), curve.unit(), throughput, scale));
            html.append(Svg.lineChart("p99 latency by " + curve.axis(), curve.axis(), "ms", p99, scale));
        }
        return html.toString();
    }

    /** Every point's throughput ratio, named {@code <suite>.throughputRatio[<point>]}. */
    public static List<TrackedFigure> figures(String suite, List<CurveMetrics.Curve> curves) {
        List<TrackedFigure> figures = new ArrayList<>();
        for (CurveMetrics.Curve curve : curves) {
            for (int i = 0; i < curve.sizes().size(); i++) {
                figures.add(TrackedFigure.ratio(suite + ".throughputRatio[" + curve.point(i) + "]",
                        curve.throughputRatio().get(i), false).under(curve.conditions() == null ? null
                                : RunConditions.described(curve.conditions().get(i))));
            }
        }
        return figures;
    }
}
