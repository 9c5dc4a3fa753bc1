package io.github.qwenbench.gate;

/** How a measured value must relate to its threshold. */
public enum Comparison {
    /** The value must not exceed the threshold. */
    AT_MOST("<=", "maximum"),
    /** The value must reach the threshold. */
    AT_LEAST(">=", "minimum");

    private final String symbol;
    private final String bound;

    Comparison(String symbol, String bound) {
        this.symbol = symbol;
        this.bound = bound;
    }

    public String symbol() {
        return symbol;
    }

    /** {@code maximum} or {@code minimum}, as in "expected maximum is 0.01". */
    public String bound() {
        return bound;
    }

    boolean holds(double actual, double threshold) {
        return this == AT_MOST ? actual <= threshold : actual >= threshold;
    }
}
