package io.github.qwenbench.generation;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The generation gates: decode speed and time to first token against the baseline, and optionally the answers. */
public final class GenerationGates {

    private GenerationGates() {
    }

    public static List<Verdict> evaluate(GenerationSettings settings, GenerationMetrics metrics) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(busy(Verdict.decide("minTokensPerSecondRatio", metrics.tokensPerSecondRatio(),
                metrics.tokensPerSecondStop(), Comparison.AT_LEAST, settings.minTokensPerSecondRatio(),
                detail("candidate/baseline decode tokens per second", metrics.tokensPerSecondRatio(),
                        metrics.tokensPerSecondStop(), metrics, settings)), metrics));
        verdicts.add(busy(Verdict.decide("maxTimeToFirstTokenRatio", metrics.timeToFirstTokenRatio(),
                metrics.timeToFirstTokenStop(), Comparison.AT_MOST, settings.maxTimeToFirstTokenRatio(),
                detail("candidate/baseline time to first token", metrics.timeToFirstTokenRatio(),
                        metrics.timeToFirstTokenStop(), metrics, settings)), metrics));
        if (settings.minTokenAgreement() != null) {
            verdicts.add(Verdict.judge("minTokenAgreement", metrics.tokenAgreement(), Comparison.AT_LEAST,
                    settings.minTokenAgreement(), String.format(Locale.ROOT, "share of answer tokens equal position by"
                            + " position over %d samples (greedy, at most %d tokens, until a stop token)",
                            metrics.answers().size(), metrics.maxNewTokens())));
        }
        return verdicts;
    }

    /** A timed ratio measured while the machine left fewer cores free than declared is undecided as busy. */
    private static Verdict busy(Verdict verdict, GenerationMetrics metrics) {
        return metrics.conditions() == null || metrics.conditions().fit() ? verdict
                : verdict.undecidedBecause(Undecided.BUSY, metrics.conditions().busyReason());
    }

    private static String detail(String what, RatioInterval r, SequentialComparison.Stop stop,
            GenerationMetrics metrics, GenerationSettings settings) {
        return String.format(Locale.ROOT, "%s, the median over %d groups of four requests of %d tokens (%s, A B B A"
                + " or B A A B) with one-sided anytime-valid bounds (each side's error at most %.0f%%), %s%s", what, r.pairs(),
                metrics.maxNewTokens(), metrics.decodingLabel(), 100 * (1 - r.confidence()), stop.stoppedBecause(),
                !stop.budgetSpent() ? "" : ". " + settings.pairs().raise() + ", or use fewer maxNewTokens");
    }
}
