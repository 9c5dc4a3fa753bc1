package io.github.qwenbench.scalability;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.measure.CurveGates;
import io.github.qwenbench.measure.CurveMetrics;
import io.github.qwenbench.measure.CurveViews;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.List;

/** The scalability suite: both models along batch-size, concurrency and input-size curves, paired at every point. */
public final class ScalabilitySuite implements SuiteDefinition<CurveMetrics> {

    @Override
    public String id() {
        return "scalability";
    }

    @Override
    public boolean measuresEndpoints() {
        return true;
    }

    @Override
    public Class<CurveMetrics> metricsType() {
        return CurveMetrics.class;
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
    public long ceilingMillis(BenchmarkPlan plan) {
        return plan.scalability().pairs().ceilingMillis();
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, CurveMetrics metrics) {
        return CurveGates.evaluate(plan.scalability(), metrics);
    }


    @Override
    public String headline(CurveMetrics metrics) {
        return "candidate/baseline throughput by point: " + CurveViews.ratios(metrics.curves());
    }

    @Override
    public List<String> tableLines(CurveMetrics metrics) {
        return CurveViews.table(metrics.curves());
    }

    @Override
    public String htmlSection(CurveMetrics metrics, SuiteReport report) {
        return "<div class=\"charts\">" + CurveViews.charts(metrics.curves()) + "</div><p><small>"
                + Html.escape(metrics.method()) + "</small></p>";
    }

    @Override
    public List<TrackedFigure> trackedFigures(CurveMetrics metrics) {
        return CurveViews.figures(id(), metrics.curves());
    }
}
