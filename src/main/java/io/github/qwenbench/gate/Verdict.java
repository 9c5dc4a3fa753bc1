package io.github.qwenbench.gate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * One gate's outcome.
 *
 * @param name the gate, e.g. {@code maxRelativeError[logits]}
 * @param actual the measured value; NaN when nothing was measured (the gate then fails)
 * @param threshold the configured limit
 * @param comparison {@code <=} or {@code >=}
 * @param passed whether the gate passed
 * @param detail how the value was obtained, or why it is missing
 */
public record Verdict(String name, double actual, double threshold, String comparison, boolean passed,
        String detail) {

    /** Judges {@code actual} against {@code threshold}; a missing (NaN) value never passes. */
    public static Verdict judge(String name, double actual, Comparison comparison, double threshold, String detail) {
        boolean passed = !Double.isNaN(actual) && comparison.holds(actual, threshold);
        return new Verdict(name, actual, threshold, comparison.symbol(), passed, detail);
    }

    /**
     * The violation in jacoco's words: {@code <gate> is <actual>, but expected <maximum|minimum> is
     * <threshold>}; a missing value says so.
     */
    @JsonIgnore
    public String message() {
        String bound = "<=".equals(comparison) ? Comparison.AT_MOST.bound() : Comparison.AT_LEAST.bound();
        if (Double.isNaN(actual)) {
            return name + " has no measured value (" + detail + "), so it cannot pass; expected " + bound + " is "
                    + format(threshold);
        }
        return name + " is " + format(actual) + ", but expected " + bound + " is " + format(threshold)
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
    }

    /** Numbers as a person reads them: integers plain, small values in scientific notation. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.valueOf((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%.5f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
