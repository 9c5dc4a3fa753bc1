package io.github.qwenbench.plan;

/** Greedy-decoding comparison, as configured in {@code <accuracy><generation>}. */
public class GenerationConfig {

    @Setting("The token-id input that grows by one token per step, e.g. `input_ids`.")
    String input;

    @Setting("How many tokens each model generates.")
    int steps = 8;

    @Setting("Which output (0-based) holds the logits, of shape [batch, sequence, vocabulary].")
    int output;

    public GenerationConfig() {
    }

    public GenerationConfig(String input, int steps, int output) {
        this.input = input;
        this.steps = steps;
        this.output = output;
    }

}
