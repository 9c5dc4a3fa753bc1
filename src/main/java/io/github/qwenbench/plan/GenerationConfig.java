package io.github.qwenbench.plan;

/** Greedy-decoding comparison, as configured in {@code <accuracy><generation>}. */
public class GenerationConfig {

    /** The token-id input that grows by one token per step, e.g. {@code input_ids}. */
    private String input;

    /** How many tokens each model generates. */
    private int steps = 8;

    /** Which output (0-based) holds the logits, of shape [batch, sequence, vocabulary]. */
    private int output;

    public GenerationConfig() {
    }

    public GenerationConfig(String input, int steps, int output) {
        this.input = input;
        this.steps = steps;
        this.output = output;
    }

    public String getInput() {
        return input;
    }

    public int getSteps() {
        return steps;
    }

    public int getOutput() {
        return output;
    }
}
