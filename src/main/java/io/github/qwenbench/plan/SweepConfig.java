package io.github.qwenbench.plan;

/** One input-size sweep ({@code <sweeps><sweep>}): an input's dimension set to each of the values. */
public class SweepConfig {

    @Setting("The input whose size changes, e.g. `input_ids`.")
    String input;

    @Setting("Which dimension changes, e.g. 1 for the sequence length of [batch, sequence].")
    int dimension;

    @Setting("Comma-separated sizes, e.g. `32,64,128`.")
    String values;

    public SweepConfig() {
    }

    public void setInput(String input) {
        this.input = input;
    }

    public void setDimension(int dimension) {
        this.dimension = dimension;
    }

    public void setValues(String values) {
        this.values = values;
    }
}
