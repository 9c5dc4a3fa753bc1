package io.github.qwenbench.plan;

/** One input-size sweep ({@code <sweeps><sweep>}): an input's dimension set to each of the values. */
public class SweepConfig {

    /** The input whose size changes, e.g. {@code input_ids}. */
    private String input;

    /** Which dimension changes, e.g. 1 for the sequence length of [batch, sequence]. */
    private int dimension;

    /** Comma-separated sizes, e.g. {@code 32,64,128}. */
    private String values;

    public SweepConfig() {
    }

    public String getInput() {
        return input;
    }

    public void setInput(String input) {
        this.input = input;
    }

    public int getDimension() {
        return dimension;
    }

    public void setDimension(int dimension) {
        this.dimension = dimension;
    }

    public String getValues() {
        return values;
    }

    public void setValues(String values) {
        this.values = values;
    }
}
