package io.github.qwenbench.performance;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.html.Svg;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The performance suite: latency of both models and the candidate's speedup, paired. */
public final class PerformanceSuite implements SuiteDefinition<PerformanceMetrics> {

    @Override
    public String id() {
        return "performance";
    }

    @Override
    public Class<PerformanceMetrics> metricsType() {
        return PerformanceMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new PerformanceRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.performance();
    }

    @Override
    public long ceilingMillis(BenchmarkPlan plan) {
        return plan.performance().pairs().ceilingMillis();
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, PerformanceMetrics metrics) {
        return PerformanceGates.evaluate(plan.performance(), metrics);
    }

    @Override
    public String headline(PerformanceMetrics metrics) {
        RatioInterval s = metrics.speedup();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "speedup %.3f (%.0f%% interval [%.3f, %.3f], %d pairs of four blocks)", s.estimate(), 100 * s.confidence(),
                s.lower(), s.upper(), s.pairs()));
        for (PerformanceMetrics.ModelPerformance model : metrics.models()) {
            line.append(String.format(Locale.ROOT, "; %s p50 %.3f ms, p99 %.3f ms", model.role(),
                    model.latency().p50Millis(), model.latency().p99Millis()));
        }
        return line.toString();
    }

    @Override
    public String htmlSection(PerformanceMetrics metrics, SuiteReport report) {
        List<Svg.Series> series = new ArrayList<>();
        for (PerformanceMetrics.ModelPerformance model : metrics.models()) {
            LatencySummary l = model.latency();
            series.add(new Svg.Series(model.role(), new double[0],
                    new double[] {l.p50Millis(), l.p90Millis(), l.p95Millis(), l.p99Millis(), l.p999Millis()}));
        }
        RatioInterval s = metrics.speedup();
        double threshold = report.gates().stream().filter(g -> "minSpeedup".equals(g.name())).mapToDouble(
                Verdict::threshold).findFirst().orElse(Double.NaN);
        return "<div class=\"charts\">"
                + Svg.barChart("Latency percentiles", "ms", List.of("p50", "p90", "p95", "p99", "p99.9"), series,
                        Svg.spreadsOverADecade(series))
                + Svg.interval("Speedup (baseline / candidate latency)", "speedup", s.estimate(), s.lower(), s.upper(),
                        threshold)
                + "</div><p><small>" + Html.escape(metrics.method()) + "</small></p>";
    }

    @Override
    public List<TrackedFigure> trackedFigures(PerformanceMetrics metrics) {
        return List.of(TrackedFigure.ratio("performance.speedup", metrics.speedup(), true)
                .under(RunConditions.described(metrics.conditions())));
    }
}
