package io.github.qwenbench.plan;

import io.github.qwenbench.stats.SequentialComparison;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Validated generation suite settings.
 *
 * @param tokenInput the token-id input that grows by one token per step
 * @param logitsOutput the output holding the logits
 * @param maxNewTokens tokens per timed request, and at most per answer
 * @param samples samples whose answers are compared and which the timed requests cycle through
 * @param stopTokens ids that end an answer
 * @param minTokensPerSecondRatio gate on candidate/baseline tokens per second
 * @param maxTimeToFirstTokenRatio gate on candidate/baseline time to first token
 * @param minTokenAgreement gate on the answers' token agreement, or null when off
 * @param pairs the timed request pairs (minimum, maximum) and their time ceiling
 * @param confidence one minus the error of each side of the ratios' bounds
 */
public record GenerationSettings(String tokenInput, int logitsOutput, int maxNewTokens, int samples,
        List<Long> stopTokens, double minTokensPerSecondRatio, double maxTimeToFirstTokenRatio,
        Double minTokenAgreement, PairBudget pairs, double confidence) {

    public GenerationSettings {
        stopTokens = List.copyOf(stopTokens);
    }

    /** The budget of the timed pairs: the whole ceiling. */
    public SequentialComparison.Budget budget() {
        return pairs.forShare(pairs.ceilingMillis());
    }

    /** Whether a model with these inputs generates: one of them is the token input. */
    public boolean takesTokenInput(List<InputSpec> inputs) {
        return inputs.stream().anyMatch(i -> i.name().equals(tokenInput));
    }

    public Set<Long> stopTokenSet() {
        return Set.copyOf(stopTokens);
    }

    public static GenerationSettings from(GenerationSuiteConfig config, List<InputSpec> inputs)
            throws BenchmarkSetupException {
        GenerationSuiteConfig c = config != null ? config : new GenerationSuiteConfig();
        String tokenInput = c.tokenInput == null ? "" : c.tokenInput.trim();
        // checked here when configured; otherwise the suite itself says so if it runs
        if (config != null && !inputs.isEmpty() && inputs.stream().noneMatch(i -> i.name().equals(tokenInput))) {
            throw new BenchmarkSetupException("generation/tokenInput is '" + tokenInput + "', but no input has that"
                    + " name (inputs: " + inputs.stream().map(InputSpec::name).toList() + "): name the token-id input.");
        }
        List<Long> stops;
        try {
            stops = c.stopTokens == null || c.stopTokens.isBlank() ? List.of()
                    : Arrays.stream(c.stopTokens.split(",")).map(String::trim).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new BenchmarkSetupException("generation/stopTokens is '" + c.stopTokens + "': give token ids"
                    + " separated by commas, e.g. 151645,151643 (Qwen's <|im_end|> and <|endoftext|>).");
        }
        double confidence = Thresholds.fraction("generation/confidence", c.confidence, 0.5, 0.999);
        PairBudget pairs = PairBudget.from("generation", c.minPairs, c.maxPairs, c.maxDuration, "1", confidence);
        Double tps = Thresholds.number("generation/minTokensPerSecondRatio", c.minTokensPerSecondRatio, 0.01, 100);
        Double ttft = Thresholds.number("generation/maxTimeToFirstTokenRatio", c.maxTimeToFirstTokenRatio, 0.01,
                100);
        if (tps == null || ttft == null) {
            throw new BenchmarkSetupException("generation/minTokensPerSecondRatio and maxTimeToFirstTokenRatio need a"
                    + " value, e.g. 0.90 and 1.11 (at most about 10% worse than the baseline).");
        }
        return new GenerationSettings(tokenInput, Thresholds.atLeast("generation/logitsOutput", c.logitsOutput, 0),
                Thresholds.atLeast("generation/maxNewTokens", c.maxNewTokens, 2),
                Thresholds.atLeast("generation/samples", c.samples, 1), stops, tps, ttft,
                Thresholds.fraction("generation/minTokenAgreement", c.minTokenAgreement, 0, 1), pairs, confidence);
    }
}
