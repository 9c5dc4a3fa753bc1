package io.github.qwenbench.plan;

/**
 * The generation suite's pom settings ({@code <generation>}): greedy decoding with both models, timed
 * (time to first token, time per output token, tokens per second) and compared (the answers).
 */
public class GenerationSuiteConfig {

    @Setting("The token-id input that grows by one token per step.")
    String tokenInput = "input_ids";

    @Setting("Which output (0-based) holds the logits, shaped [batch, positions, vocabulary].")
    int logitsOutput;

    @Setting("Tokens each model generates per request: exactly this many when timed, at most this many for the answers.")
    int maxNewTokens = 32;

    @Setting("Samples (conversations) whose answers are compared, and which the timed requests cycle through.")
    int samples = 8;

    @Setting("Token ids that end an answer, comma-separated (default: Qwen's `<|im_end|>` and `<|endoftext|>`).")
    String stopTokens = "151645,151643";

    @Setting("Least candidate/baseline tokens per second, judged on the whole interval.")
    String minTokensPerSecondRatio = "0.90";

    @Setting("Largest candidate/baseline time to first token, judged on the whole interval.")
    String maxTimeToFirstTokenRatio = "1.11";

    @Setting("Least share of answer tokens that agree position by position; off when empty.")
    String minTokenAgreement;

    @Setting("Timed request pairs before the ratios are first judged; empty: the fewest that can decide at `confidence` (a smaller number is rejected).")
    Integer minPairs;

    @Setting("Timed request pairs at most, while an interval still contains its threshold.")
    int maxPairs = 200;

    @Setting("Time ceiling of the timed pairs, e.g. `2m`; when the measured cost of a request pair leaves no room for `minPairs`, the ratios are INCONCLUSIVE for their cost, said before measuring.")
    String maxDuration = "120s";

    @Setting("Confidence level of the ratio intervals.")
    String confidence = "0.95";

    public void setMaxNewTokens(int maxNewTokens) {
        this.maxNewTokens = maxNewTokens;
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public void setStopTokens(String stopTokens) {
        this.stopTokens = stopTokens;
    }

    public void setMinPairs(Integer minPairs) {
        this.minPairs = minPairs;
    }

    public void setMaxPairs(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    public void setMinTokensPerSecondRatio(String minTokensPerSecondRatio) {
        this.minTokensPerSecondRatio = minTokensPerSecondRatio;
    }
}
