package io.github.qwenbench.accuracy;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The accuracy suite: the candidate's outputs against the baseline's on the same inputs. */
public final class AccuracySuite implements SuiteDefinition<AccuracyMetrics> {

    /** Served models are judged on their answers ({@link ServedAccuracy}). */
    @Override
    public boolean measuresEndpoints() {
        return true;
    }

    @Override
    public String id() {
        return "accuracy";
    }

    @Override
    public Class<AccuracyMetrics> metricsType() {
        return AccuracyMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new AccuracyRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.accuracy();
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, AccuracyMetrics metrics) {
        return AccuracyGates.evaluate(plan.accuracy(), metrics, plan.baseline().served());
    }

    @Override
    public String headline(AccuracyMetrics metrics) {
        List<String> parts = new ArrayList<>();
        for (OutputAccuracy output : metrics.outputs()) {
            parts.add(String.format(Locale.ROOT, "%s: worst relative error %s, worst cosine %s over %d samples",
                    output.output(), Verdict.format(output.worstRelativeL2Error()),
                    Verdict.format(output.worstCosineSimilarity()), output.samples()));
        }
        AccuracyMetrics.Generation answers = metrics.generation();
        if (answers != null && ServedAccuracy.ANSWER_TOKENS.equals(answers.input())) {
            parts.add(String.format(Locale.ROOT, "%s: token agreement %s, exact match %s over %d answers",
                    answers.input(), Verdict.format(answers.tokenAgreement()), Verdict.format(answers.exactMatchRate()),
                    answers.sequences()));
        }
        AccuracyMetrics.Task task = metrics.task();
        if (task != null) {
            parts.add(String.format(Locale.ROOT, "task score baseline %.3f, candidate %.3f over %d items (drop %.3f"
                    + " [%.3f, %.3f])", task.baselineScore(), task.candidateScore(), task.items(),
                    task.drop().meanDrop(), task.drop().lower(), task.drop().upper()));
        }
        return String.join("; ", parts);
    }

    @Override
    public String htmlSection(AccuracyMetrics metrics, SuiteReport report) {
        StringBuilder html = new StringBuilder();
        if (!metrics.outputs().isEmpty()) {
            html.append(tensorTables(metrics));
        }
        AccuracyMetrics.Generation g = metrics.generation();
        if (g != null && ServedAccuracy.ANSWER_TOKENS.equals(g.input())) {
            html.append(String.format(Locale.ROOT, "<p>Answers, %s: %d conversations, at most %d tokens each, token"
                    + " agreement %s, exact match %s.</p>", Html.escape(g.input()), g.sequences(), g.steps(),
                    Verdict.format(g.tokenAgreement()), Verdict.format(g.exactMatchRate())));
        } else if (g != null) {
            html.append(String.format(Locale.ROOT, "<p>Greedy generation: %d sequences of %d tokens, token agreement"
                    + " %s, exact match %s.</p>", g.sequences(), g.steps(), Verdict.format(g.tokenAgreement()),
                    Verdict.format(g.exactMatchRate())));
        }
        if (metrics.task() != null) {
            html.append(TaskTable.html(metrics.task()));
        }
        return html.toString();
    }

    private static String tensorTables(AccuracyMetrics metrics) {
        StringBuilder html = new StringBuilder("<table><tr><th>output</th><th>shape</th><th>samples</th>"
                + "<th>worst rel. L2</th><th>mean rel. L2</th><th>worst cosine</th><th>top-1 agreement</th>"
                + "<th>max abs</th><th>mean abs</th><th>non-finite (b/c)</th></tr>");
        for (OutputAccuracy o : metrics.outputs()) {
            html.append("<tr><td>").append(Html.escape(o.output())).append("</td><td>")
                    .append(Html.escape(Arrays.toString(o.shape()))).append("</td><td>").append(o.samples())
                    .append("</td>").append(Html.cells(o.worstRelativeL2Error(), o.meanRelativeL2Error(),
                            o.worstCosineSimilarity(), o.top1Agreement(), o.maxAbsoluteError(), o.meanAbsoluteError()))
                    .append("<td>").append(o.baselineNonFinite()).append(" / ").append(o.candidateNonFinite())
                    .append("</td></tr>");
        }
        html.append("</table><table><tr><th>model</th><th>run-to-run rel. difference</th>"
                + "<th>output change under input noise</th></tr>");
        for (AccuracyMetrics.Stability s : metrics.stability()) {
            html.append("<tr><td>").append(Html.escape(s.role())).append("</td>")
                    .append(Html.cells(s.repeatRelativeDifference(), s.perturbationOutputChange())).append("</tr>");
        }
        html.append("</table>");
        return html.toString();
    }

    @Override
    public List<TrackedFigure> trackedFigures(AccuracyMetrics metrics) {
        List<TrackedFigure> figures = new ArrayList<>();
        for (OutputAccuracy o : metrics.outputs()) {
            boolean first = figures.isEmpty();
            figures.add(TrackedFigure.lowerIsBetter("accuracy.worstRelativeL2Error[" + o.output() + "]",
                    o.worstRelativeL2Error(), first));
            figures.add(TrackedFigure.higherIsBetter("accuracy.worstCosineSimilarity[" + o.output() + "]",
                    o.worstCosineSimilarity(), false));
        }
        if (metrics.task() != null) {
            figures.add(TrackedFigure.higherIsBetter("accuracy.taskScore[candidate]", metrics.task().candidateScore(),
                    true));
            figures.add(TrackedFigure.lowerIsBetter("accuracy.taskScoreDrop", metrics.task().drop().meanDrop(),
                    false));
        }
        return figures;
    }
}
