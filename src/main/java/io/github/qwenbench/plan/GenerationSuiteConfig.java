package io.github.qwenbench.plan;

/**
 * The generation suite's pom settings ({@code <generation>}): greedy decoding with both models, timed
 * (time to first token, time per output token, tokens per second) and compared (the answers).
 */
public class GenerationSuiteConfig {

    /** The token-id input that grows by one token per step. */
    private String tokenInput = "input_ids";

    /** Which output (0-based) holds the logits, shaped [batch, positions, vocabulary]. */
    private int logitsOutput;

    /** Tokens each model generates per request: exactly this many when timed, at most this many for the answers. */
    private int maxNewTokens = 32;

    /** Samples (conversations) whose answers are compared, and which the timed requests cycle through. */
    private int samples = 8;

    /** Token ids that end an answer, comma-separated (default: Qwen's {@code <|im_end|>} and {@code <|endoftext|>}). */
    private String stopTokens = "151645,151643";

    /** Least candidate/baseline tokens per second, judged on the whole interval. */
    private String minTokensPerSecondRatio = "0.90";

    /** Largest candidate/baseline time to first token, judged on the whole interval. */
    private String maxTimeToFirstTokenRatio = "1.11";

    /** Least share of answer tokens that agree position by position; off when empty. */
    private String minTokenAgreement;

    /** Timed request pairs at least before the ratios are first judged. */
    private int minPairs = 11;

    /** Timed request pairs at most, while an interval still contains its threshold. */
    private int maxPairs = 200;

    /** Time budget of the timed pairs, e.g. {@code 30s}. */
    private String maxDuration = "30s";

    /** Confidence level of the ratio intervals. */
    private String confidence = "0.95";

    public String getTokenInput() {
        return tokenInput;
    }

    public int getLogitsOutput() {
        return logitsOutput;
    }

    public int getMaxNewTokens() {
        return maxNewTokens;
    }

    public int getSamples() {
        return samples;
    }

    public String getStopTokens() {
        return stopTokens;
    }

    public String getMinTokensPerSecondRatio() {
        return minTokensPerSecondRatio;
    }

    public String getMaxTimeToFirstTokenRatio() {
        return maxTimeToFirstTokenRatio;
    }

    public String getMinTokenAgreement() {
        return minTokenAgreement;
    }

    public int getMinPairs() {
        return minPairs;
    }

    public int getMaxPairs() {
        return maxPairs;
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    public String getConfidence() {
        return confidence;
    }

    public void setMaxNewTokens(int maxNewTokens) {
        this.maxNewTokens = maxNewTokens;
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public void setStopTokens(String stopTokens) {
        this.stopTokens = stopTokens;
    }

    public void setMinPairs(int minPairs) {
        this.minPairs = minPairs;
    }

    public void setMaxPairs(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    public void setMinTokensPerSecondRatio(String minTokensPerSecondRatio) {
        this.minTokensPerSecondRatio = minTokensPerSecondRatio;
    }
}
