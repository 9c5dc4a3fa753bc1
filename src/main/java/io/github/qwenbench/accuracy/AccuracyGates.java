package io.github.qwenbench.accuracy;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.stats.PairedScoreDifference;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The accuracy suite's gates: a pure function of the settings and the measured metrics. */
public final class AccuracyGates {

    private AccuracyGates() {
    }

    /**
     * @param served whether the models are endpoints, judged on their answers alone (no tensor, no stability,
     *     no gradient gate)
     */
    public static List<Verdict> evaluate(AccuracySettings settings, AccuracyMetrics metrics, boolean served) {
        List<Verdict> verdicts = new ArrayList<>();
        if (metrics.outputs().isEmpty() && !served) {
            verdicts.add(Verdict.judge("maxRelativeError", Double.NaN, Comparison.AT_MOST, settings.maxRelativeError(),
                    "no output was compared"));
        }
        for (OutputAccuracy output : metrics.outputs()) {
            String of = "[" + output.output() + "]";
            String over = "worst of " + output.samples() + " samples";
            verdicts.add(Verdict.judge("maxRelativeError" + of, output.worstRelativeL2Error(), Comparison.AT_MOST,
                    settings.maxRelativeError(), "relative L2 error ||c-b||/||b||, " + over));
            verdicts.add(Verdict.judge("minCosineSimilarity" + of, output.worstCosineSimilarity(),
                    Comparison.AT_LEAST, settings.minCosineSimilarity(), "cosine similarity, " + over));
            if (settings.requireFiniteOutputs()) {
                verdicts.add(Verdict.judge("finiteOutputs" + of,
                        output.samples() == 0 ? Double.NaN : output.baselineNonFinite() + output.candidateNonFinite(),
                        Comparison.AT_MOST, 0, "NaN or infinite elements: baseline " + output.baselineNonFinite()
                                + ", candidate " + output.candidateNonFinite()));
            }
            if (settings.minTop1Agreement() != null) {
                verdicts.add(Verdict.judge("minTop1Agreement" + of, output.top1Agreement(), Comparison.AT_LEAST,
                        settings.minTop1Agreement(), Double.isNaN(output.top1Agreement())
                                ? "the output is not logit-like (floating, rank >= 2, last axis > 1)"
                                : "share of arg-max positions along the last axis that agree, " + output.samples()
                                        + " samples"));
            }
        }
        for (AccuracyMetrics.Stability stability : metrics.stability()) {
            verdicts.add(Verdict.judge("maxRepeatDifference[" + stability.role() + "]",
                    stability.repeatRelativeDifference(), Comparison.AT_MOST, settings.maxRepeatDifference(),
                    "relative L2 difference between two runs on the same input"));
        }
        if (settings.minGenerationAgreement() != null) {
            AccuracyMetrics.Generation generation = metrics.generation();
            verdicts.add(Verdict.judge("minGenerationAgreement",
                    generation == null ? Double.NaN : generation.tokenAgreement(), Comparison.AT_LEAST,
                    settings.minGenerationAgreement(), generation == null ? "generation did not run"
                            : served ? "share of answer tokens that agree position by position, " + generation.sequences()
                                    + " answers of at most " + generation.steps() + " tokens, " + generation.input()
                            : "share of greedy tokens that agree, " + generation.sequences() + " sequences of "
                                    + generation.steps() + " tokens"));
        }
        if (settings.maxTaskAccuracyDrop() != null) {
            verdicts.add(taskDrop(settings.maxTaskAccuracyDrop(), metrics.task()));
        }
        if (settings.gradientFlow()) {
            if (metrics.gradientFlow().isEmpty()) {
                verdicts.add(Verdict.judge("gradientFlow", Double.NaN, Comparison.AT_MOST, 0,
                        "the gradient-flow check did not run"));
            }
            for (AccuracyMetrics.GradientFlow flow : metrics.gradientFlow()) {
                boolean nothing = flow.parameters() == 0 && flow.error() == null;
                verdicts.add(Verdict.judge("gradientFlow[" + flow.role() + "]",
                        nothing ? Double.NaN : flow.badParameters(), Comparison.AT_MOST, 0,
                        flow.error() != null ? "backward pass failed: " + flow.error()
                                : nothing ? "the model has no trainable parameters"
                                        : "parameters without a finite, non-zero gradient, of " + flow.parameters()
                                                + describe(flow)));
            }
        }
        return verdicts;
    }

    /**
     * The task-score drop against its threshold: PASS when the upper bound is within it, FAIL when the
     * lower bound is beyond it, INCONCLUSIVE while the bounds straddle it (too few items to decide).
     */
    static Verdict taskDrop(double threshold, AccuracyMetrics.Task task) {
        if (task == null) {
            return Verdict.judge("maxTaskAccuracyDrop", Double.NaN, Comparison.AT_MOST, threshold,
                    "no conversation with reference answers was scored");
        }
        PairedScoreDifference drop = task.drop();
        return Verdict.decide("maxTaskAccuracyDrop", new RatioInterval(drop.meanDrop(), drop.lower(), drop.upper(),
                1 - drop.alpha(), drop.items(), drop.method()), Comparison.AT_MOST, threshold, String.format(
                        Locale.ROOT, "mean score drop (baseline %.3f, candidate %.3f) over %d items; items only the"
                                + " baseline gets right %d, only the candidate %d; bounds at %.0f%% each side: %s",
                        task.baselineScore(), task.candidateScore(), task.items(), task.onlyBaselineRight(),
                        task.onlyCandidateRight(), 100 * (1 - drop.alpha()), drop.method()));
    }

    private static String describe(AccuracyMetrics.GradientFlow flow) {
        List<String> bad = new ArrayList<>(flow.zeroGradient());
        bad.addAll(flow.nonFiniteGradient());
        if (bad.isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", bad.subList(0, Math.min(5, bad.size()))) + (bad.size() > 5 ? ", ..." : "");
    }
}
