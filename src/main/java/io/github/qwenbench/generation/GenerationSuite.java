package io.github.qwenbench.generation;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.html.Svg;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.suite.SuiteDefinition;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The generation suite: time to first token, tokens per second and the answers of both models. */
public final class GenerationSuite implements SuiteDefinition<GenerationMetrics> {

    /** Under the answers: what they are worth, since the demo's test models have random weights. */
    static final String ANSWERS_NOTE = "Answers are shown as the models produced them; models with random weights"
            + " (like the bundled test models) produce meaningless text \u2014 the comparison is what is judged.";

    @Override
    public boolean measuresEndpoints() {
        return true;
    }

    @Override
    public String id() {
        return "generation";
    }

    @Override
    public Class<GenerationMetrics> metricsType() {
        return GenerationMetrics.class;
    }

    @Override
    public SuiteRunner newRunner() {
        return new GenerationRunner();
    }

    @Override
    public Object settings(BenchmarkPlan plan) {
        return plan.generation();
    }

    @Override
    public long ceilingMillis(BenchmarkPlan plan) {
        return plan.generation().pairs().ceilingMillis();
    }

    @Override
    public List<Verdict> gates(BenchmarkPlan plan, GenerationMetrics metrics) {
        return GenerationGates.evaluate(plan.generation(), metrics);
    }

    @Override
    public String headline(GenerationMetrics metrics) {
        StringBuilder line = new StringBuilder();
        for (GenerationMetrics.ModelGeneration m : metrics.models()) {
            line.append(String.format(Locale.ROOT, "%s first token %.1f ms, %.2f ms/token, %.1f tokens/s; ", m.role(),
                    m.timeToFirstToken().p50Millis(), m.timePerOutputToken().p50Millis(), m.tokensPerSecond()));
        }
        return line.append(String.format(Locale.ROOT, "tokens/s ratio %s, first-token ratio %s; answers: token"
                + " agreement %s, %d of %d identical (%s)", interval(metrics.tokensPerSecondRatio()),
                interval(metrics.timeToFirstTokenRatio()), Verdict.format(metrics.tokenAgreement()),
                metrics.answers().stream().filter(a -> a.firstDivergence() < 0).count(), metrics.answers().size(),
                metrics.decodingLabel())).toString();
    }

    private static String interval(RatioInterval r) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.estimate(), r.lower(), r.upper());
    }

    @Override
    public String htmlSection(GenerationMetrics metrics, SuiteReport report) {
        StringBuilder html = new StringBuilder("<table><tr><th>model</th><th>requests</th><th>first token p50</th>"
                + "<th>first token p99</th><th>per token p50</th><th>per token p99</th><th>decode tokens/s</th>"
                + "<th>end-to-end tokens/s</th><th>request p50</th><th>KV cache per sequence at the end</th>"
                + "<th>KV cache bytes per token</th></tr>");
        List<Svg.Series> series = new ArrayList<>();
        for (GenerationMetrics.ModelGeneration m : metrics.models()) {
            html.append("<tr><td>").append(Html.escape(m.role())).append("</td><td>").append(m.requests())
                    .append("</td>").append(Html.cells(m.timeToFirstToken().p50Millis(),
                            m.timeToFirstToken().p99Millis(), m.timePerOutputToken().p50Millis(),
                            m.timePerOutputToken().p99Millis(), m.tokensPerSecond(), m.endToEndTokensPerSecond(),
                            m.endToEnd().p50Millis())).append("<td>")
                    .append(m.kvCacheBytesAtEnd() > 0 ? m.kvCacheBytesAtEnd() + " bytes" : "no cache").append("</td>")
                    .append(Html.cells(m.kvCacheBytesPerToken())).append("</tr>");
            series.add(new Svg.Series(m.role(), new double[0], new double[] {m.timeToFirstToken().p50Millis(),
                m.timePerOutputToken().p50Millis() * metrics.maxNewTokens(), m.endToEnd().p50Millis()}));
        }
        html.append("</table><p>Times in ms. Decoding: ").append(Html.escape(metrics.decoding())).append(".</p>");
        GenerationMetrics.Preprocessing pre = metrics.preprocessing();
        if (pre != null) {
            html.append(String.format(Locale.ROOT, "<p>Preprocessing of the %d conversations (once, the same tensors for"
                    + " both models): median %.1f ms per conversation (images %.1f, chat template %.1f, tokenization"
                    + " %.1f), slowest %.1f ms.</p>", pre.conversations(), pre.medianMillis(), pre.medianImageMillis(),
                    pre.medianTemplateMillis(), pre.medianTokenizationMillis(), pre.maxMillis()));
        }
        RatioInterval tps = metrics.tokensPerSecondRatio();
        RatioInterval ttft = metrics.timeToFirstTokenRatio();
        html.append("<div class=\"charts\">")
                .append(Svg.barChart("Request time by phase (median)", "ms", List.of("first token",
                        metrics.maxNewTokens() + " x per token", "whole request"), series, false))
                .append(Svg.interval("Decode tokens/s (candidate / baseline)", "ratio", tps.estimate(), tps.lower(),
                        tps.upper(), threshold(report, "minTokensPerSecondRatio")))
                .append(Svg.interval("Time to first token (candidate / baseline)", "ratio", ttft.estimate(),
                        ttft.lower(), ttft.upper(), threshold(report, "maxTimeToFirstTokenRatio")))
                .append("</div>");
        html.append(String.format(Locale.ROOT, "<h3>Answers</h3><p>Greedy, until a stop token or %d tokens: token"
                + " agreement %s, exact match %s.</p>", metrics.maxNewTokens(), Verdict.format(metrics.tokenAgreement()),
                Verdict.format(metrics.exactMatchRate())));
        html.append("<table id=\"answers\"><tr><th>sample</th><th>baseline</th><th>candidate</th><th>agreement</th>"
                + "<th>first divergence</th></tr>");
        for (GenerationMetrics.Answer a : metrics.answers()) {
            html.append("<tr><td>").append(a.sample()).append("</td><td>")
                    .append(answer(a.baselineText(), a.baselineTokens(), a.baselineStopped())).append("</td><td>")
                    .append(answer(a.candidateText(), a.candidateTokens(), a.candidateStopped())).append("</td>")
                    .append(Html.cells(a.agreement())).append("<td>")
                    .append(a.firstDivergence() < 0 ? "identical" : "token " + a.firstDivergence()).append("</td></tr>");
        }
        html.append("</table><p>").append(Html.escape(ANSWERS_NOTE)).append("</p><p><small>")
                .append(Html.escape(metrics.method())).append("</small></p>");
        return html.toString();
    }

    private static String answer(String text, List<Long> tokens, boolean stopped) {
        String shown = text != null ? text : tokens.toString();
        return "<code>" + Html.escape(shown) + "</code> <small>(" + tokens.size() + " tokens"
                + (stopped ? ", stopped" : ", cut at the limit") + ")</small>";
    }

    private static double threshold(SuiteReport report, String gate) {
        return report.gates().stream().filter(g -> gate.equals(g.name())).mapToDouble(Verdict::threshold).findFirst()
                .orElse(Double.NaN);
    }

    @Override
    public List<TrackedFigure> trackedFigures(GenerationMetrics metrics) {
        return List.of(TrackedFigure.ratio("generation.tokensPerSecondRatio", metrics.tokensPerSecondRatio(), true)
                        .under(RunConditions.described(metrics.conditions())),
                TrackedFigure.higherIsBetter("generation.tokenAgreement", metrics.tokenAgreement(), false));
    }
}
