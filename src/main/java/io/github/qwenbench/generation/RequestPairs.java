package io.github.qwenbench.generation;

import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.function.Consumer;

/**
 * The generation suite's two paired comparisons, candidate over baseline: decode tokens per second and time to
 * first token, fed one timed request pair at a time (in-process models or served ones alike) until both have
 * stopped. Each comparison makes one pair of every four requests (A B B A or B A A B), so that each model runs
 * once first and once second in it ({@link SequentialComparison}); a first pair that leaves the time ceiling no
 * room for the pairs that can decide stops both as too costly.
 */
final class RequestPairs {

    final SequentialComparison tokensPerSecond;
    final SequentialComparison firstToken;
    SequentialComparison.Stop tokensPerSecondStop;
    SequentialComparison.Stop firstTokenStop;
    private final GenerationSettings settings;
    private final Consumer<String> progress;
    private int pairs;

    RequestPairs(GenerationSettings settings, PairOrder order, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.tokensPerSecond = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN, settings.confidence(), order);
        this.firstToken = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN, settings.confidence(), order);
    }

    /** Whether both comparisons have stopped. */
    boolean stopped() {
        return tokensPerSecondStop != null && firstTokenStop != null;
    }

    /**
     * Adds one request pair's figures, {@code millis} into the timed requests.
     *
     * @param candidateRate the candidate's decode tokens per second
     * @param baselineRate the baseline's
     * @param candidateFirst the candidate's time to first token (any unit, the same for both)
     * @param baselineFirst the baseline's
     */
    void add(double candidateRate, double baselineRate, double candidateFirst, double baselineFirst, long millis) {
        String tooCostly = pairs++ == 0 ? settings.pairs().tooCostly("the timed requests", millis / 2.0, 1,
                settings.pairs().ceilingMillis()) : null;
        if (tooCostly != null) {
            progress.accept(tooCostly);
            tokensPerSecondStop = SequentialComparison.Stop.of(SequentialComparison.Reason.TOO_COSTLY, tooCostly,
                    millis);
            firstTokenStop = tokensPerSecondStop;
        }
        if (tokensPerSecondStop == null) {
            tokensPerSecond.add(candidateRate, baselineRate);
            tokensPerSecondStop = tokensPerSecond.stopNow(settings.minTokensPerSecondRatio(), settings.budget(), millis);
        }
        if (firstTokenStop == null) {
            firstToken.add(candidateFirst, baselineFirst);
            firstTokenStop = firstToken.stopNow(settings.maxTimeToFirstTokenRatio(), settings.budget(), millis);
        }
    }
}
