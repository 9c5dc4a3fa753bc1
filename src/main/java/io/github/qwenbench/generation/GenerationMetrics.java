package io.github.qwenbench.generation;

import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.decoding.TokenAgreement;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;

/**
 * Everything the generation suite measured.
 *
 * @param decoding how each token was produced: full recompute, or over the model's key/value cache
 * @param maxNewTokens tokens per timed request, and at most per answer
 * @param models per model: time to first token, time per output token, tokens per second, end-to-end latency
 * @param tokensPerSecondRatio candidate over baseline decode tokens per second, paired per request
 * @param timeToFirstTokenRatio candidate over baseline time to first token, paired per request
 * @param tokensPerSecondStop why the tokens-per-second comparison stopped
 * @param timeToFirstTokenStop why the time-to-first-token comparison stopped
 * @param answers both models' answers to every sample, side by side
 * @param tokenAgreement share of answer positions where both models chose the same token
 * @param exactMatchRate share of samples whose answers are identical
 * @param preprocessing the workload's preprocessing time per conversation (the same for both models), or
 *        null when the inputs were configured tensors
 * @param method how the figures were obtained
 */
public record GenerationMetrics(String decoding, int maxNewTokens, List<ModelGeneration> models,
        RatioInterval tokensPerSecondRatio, RatioInterval timeToFirstTokenRatio,
        SequentialComparison.Stop tokensPerSecondStop, SequentialComparison.Stop timeToFirstTokenStop,
        List<Answer> answers, double tokenAgreement, double exactMatchRate, Preprocessing preprocessing,
        String method, RunConditions conditions, long orderSeed) {

    public static final String METHOD = "Timed requests: each decodes exactly maxNewTokens tokens greedily, ignoring"
            + " stop tokens, so that both models do equal work; on the same samples in turn, four requests at a time"
            + " in the order A B B A or B A A B by a seeded coin (A = baseline). Time to first token is the first"
            + " forward pass (prefill, vision included); time per output token is each later forward pass; decode"
            + " tokens per second is the tokens after the first over their time; end-to-end is the whole request."
            + " Each observation sums a model's two requests of a four, in which it ran once first and once second,"
            + " so that the order effect (the request after the other model's runs on colder caches) cancels. Both"
            + " ratios are medians over these observations with one-sided anytime-valid confidence sequences for"
            + " each bound, measured until each clears its threshold or the budget is spent; when the declared"
            + " threads needed more cores than other processes left free, both are INCONCLUSIVE as busy."
            + " Answers: each sample decoded once more per model until a stop token or maxNewTokens.";

    /**
     * @param role baseline or candidate
     * @param requests timed requests
     * @param timeToFirstToken per request
     * @param timePerOutputToken per decode step (inter-token latency)
     * @param endToEnd per request
     * @param tokensPerSecond median over requests of the decode phase's tokens per second
     * @param endToEndTokensPerSecond median over requests of all tokens over the whole request
     * @param decoding {@link DecodingMethod#FULL_RECOMPUTE} or {@link DecodingMethod#KV_CACHE}
     * @param kvCacheBytesAtEnd the key/value cache of one sequence at the end of a timed request, from the
     *        cache tensors' shapes and dtypes (0 without a cache)
     * @param kvCacheBytesPerToken that over the positions it holds (prompt, padding and generated tokens)
     */
    public record ModelGeneration(String role, int requests, LatencySummary timeToFirstToken,
            LatencySummary timePerOutputToken, LatencySummary endToEnd, double tokensPerSecond,
            double endToEndTokensPerSecond, String decoding, long kvCacheBytesAtEnd, double kvCacheBytesPerToken) {
    }

    /** How each model decoded, in two words each: {@code kv-cache}, or {@code full recompute}. */
    public String decodingLabel() {
        List<String> labels = models.stream().map(m -> DecodingMethod.label(m.decoding())).distinct().toList();
        return labels.size() == 1 ? labels.get(0)
                : "baseline " + DecodingMethod.label(models.get(0).decoding()) + ", candidate " + DecodingMethod.label(models.get(1).decoding());
    }

    /**
     * Preprocessing of the workload's conversations, done once before the suites (its tensors are what
     * both models get), in milliseconds per conversation.
     *
     * @param conversations conversations preprocessed
     * @param medianMillis the median of all stages together
     * @param maxMillis the slowest conversation
     * @param medianImageMillis decoding, resizing and patchifying images
     * @param medianTemplateMillis rendering the chat template
     * @param medianTokenizationMillis tokenizing
     */
    public record Preprocessing(int conversations, double medianMillis, double maxMillis, double medianImageMillis,
            double medianTemplateMillis, double medianTokenizationMillis) {
    }

    /**
     * @param sample the sample (the conversation's 0-based line)
     * @param baselineTokens the baseline's answer, without its stop token
     * @param candidateTokens the candidate's answer
     * @param baselineStopped whether the baseline ended with a stop token (else it hit maxNewTokens)
     * @param candidateStopped whether the candidate did
     * @param baselineText the baseline's answer decoded by the tokenizer, or null without one
     * @param candidateText the candidate's
     * @param agreement share of positions (of the longer answer) with the same token
     * @param firstDivergence the first position where the answers differ, or -1 when identical
     */
    public record Answer(int sample, List<Long> baselineTokens, List<Long> candidateTokens, boolean baselineStopped,
            boolean candidateStopped, String baselineText, String candidateText, double agreement,
            int firstDivergence) {

        /** Two answers and how they compared ({@link TokenAgreement.Pair}). */
        public static Answer of(int sample, long[] baseline, long[] candidate, boolean baselineStopped,
                boolean candidateStopped, String baselineText, String candidateText, TokenAgreement.Pair compared) {
            return new Answer(sample, boxed(baseline), boxed(candidate), baselineStopped, candidateStopped,
                    baselineText, candidateText, compared.agreement(), compared.firstDivergence());
        }

        private static List<Long> boxed(long[] tokens) {
            return java.util.Arrays.stream(tokens).boxed().toList();
        }
    }
}
