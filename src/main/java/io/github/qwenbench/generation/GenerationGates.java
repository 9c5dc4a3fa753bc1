package io.github.qwenbench.generation;

import io.github.qwenbench.gate.Comparison;
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
        verdicts.add(Verdict.decide("minTokensPerSecondRatio", metrics.tokensPerSecondRatio(), Comparison.AT_LEAST,
                settings.minTokensPerSecondRatio(), detail("candidate/baseline decode tokens per second",
                        metrics.tokensPerSecondRatio(), metrics.tokensPerSecondStop(), metrics)));
        verdicts.add(Verdict.decide("maxTimeToFirstTokenRatio", metrics.timeToFirstTokenRatio(), Comparison.AT_MOST,
                settings.maxTimeToFirstTokenRatio(), detail("candidate/baseline time to first token",
                        metrics.timeToFirstTokenRatio(), metrics.timeToFirstTokenStop(), metrics)));
        if (settings.minTokenAgreement() != null) {
            verdicts.add(Verdict.judge("minTokenAgreement", metrics.tokenAgreement(), Comparison.AT_LEAST,
                    settings.minTokenAgreement(), String.format(Locale.ROOT, "share of answer tokens equal position by"
                            + " position over %d samples (greedy, at most %d tokens, until a stop token)",
                            metrics.answers().size(), metrics.maxNewTokens())));
        }
        return verdicts;
    }

    private static String detail(String what, RatioInterval r, SequentialComparison.Stop stop,
            GenerationMetrics metrics) {
        return String.format(Locale.ROOT, "%s, %.0f%% anytime-valid interval from %d request pairs of %d tokens (%s),"
                + " %s%s", what, 100 * r.confidence(), r.pairs(), metrics.maxNewTokens(), metrics.decodingLabel(),
                stop.stoppedBecause(), stop.decided() ? ""
                        : "; raise <generation><maxPairs> or <maxDuration>, or use fewer maxNewTokens");
    }
}
