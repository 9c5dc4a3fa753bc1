package io.github.qwenbench.gate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.Locale;

/**
 * One gate's outcome.
 *
 * @param name the gate, e.g. {@code maxRelativeError[logits]}
 * @param actual the measured value (for an interval gate, its estimate); NaN when nothing was
 *        measured (the gate then fails)
 * @param lower lower bound of the value's confidence interval; NaN for a gate judged on a single value
 * @param upper upper bound of the value's confidence interval; NaN for a gate judged on a single value
 * @param threshold the configured limit
 * @param comparison {@code <=} or {@code >=}
 * @param verdict PASS, FAIL or INCONCLUSIVE
 * @param detail how the value was obtained, or why it is missing
 * @param undecided why an INCONCLUSIVE gate could not decide; null for PASS and FAIL
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Verdict(String name, double actual, double lower, double upper, double threshold, String comparison,
        Outcome verdict, String detail, Undecided undecided) {

    public Verdict {
        if (verdict != Outcome.INCONCLUSIVE && undecided != null) {
            throw new IllegalArgumentException("only an INCONCLUSIVE verdict is undecided: " + name + " " + verdict
                    + " " + undecided);
        }
        if (verdict == Outcome.INCONCLUSIVE && undecided == null) {
            undecided = Undecided.BUDGET; // results written before the reason was recorded
        }
    }

    /** Judges a single value against {@code threshold}; a missing (NaN) value never passes. */
    public static Verdict judge(String name, double actual, Comparison comparison, double threshold, String detail) {
        Outcome outcome = !Double.isNaN(actual) && comparison.holds(actual, threshold) ? Outcome.PASS : Outcome.FAIL;
        return new Verdict(name, actual, Double.NaN, Double.NaN, threshold, comparison.symbol(), outcome, detail,
                null);
    }

    /**
     * Judges a confidence interval against {@code threshold}: PASS when the whole interval meets it,
     * FAIL when the whole interval misses it, INCONCLUSIVE while it contains the threshold. No
     * interval (too few pairs were measured) is a FAIL, never INCONCLUSIVE: nothing passes, or
     * escapes, for lack of data.
     */
    public static Verdict decide(String name, RatioInterval interval, Comparison comparison, double threshold,
            String detail) {
        if (!interval.hasInterval()) {
            return new Verdict(name, Double.NaN, Double.NaN, Double.NaN, threshold, comparison.symbol(), Outcome.FAIL,
                    detail, null);
        }
        Outcome outcome;
        if (interval.lower() > threshold) {
            outcome = comparison == Comparison.AT_LEAST ? Outcome.PASS : Outcome.FAIL;
        } else if (interval.upper() < threshold) {
            outcome = comparison == Comparison.AT_LEAST ? Outcome.FAIL : Outcome.PASS;
        } else {
            outcome = Outcome.INCONCLUSIVE; // an interval touching the threshold decides nothing, as the stop rule says
        }
        return new Verdict(name, interval.estimate(), interval.lower(), interval.upper(), threshold,
                comparison.symbol(), outcome, detail, outcome == Outcome.INCONCLUSIVE ? Undecided.BUDGET : null);
    }

    /**
     * Judges a sequential comparison: as {@link #decide(String, RatioInterval, Comparison, double, String)},
     * except that a comparison too costly to measure is INCONCLUSIVE for its cost, and one whose pairs
     * were dependent is INCONCLUSIVE for that, whatever its interval says.
     */
    public static Verdict decide(String name, RatioInterval interval, SequentialComparison.Stop stop,
            Comparison comparison, double threshold, String detail) {
        if (stop != null && stop.reason() == SequentialComparison.Reason.TOO_COSTLY) {
            return new Verdict(name, interval.estimate(), interval.lower(), interval.upper(), threshold,
                    comparison.symbol(), Outcome.INCONCLUSIVE, stop.stoppedBecause(), Undecided.COST);
        }
        if (stop != null && stop.reason() == SequentialComparison.Reason.DEPENDENT) {
            return undecided(name, interval, comparison, threshold, Undecided.DEPENDENCE,
                    detail.contains(stop.stoppedBecause()) ? detail : detail + "; " + stop.stoppedBecause());
        }
        return decide(name, interval, comparison, threshold, detail);
    }

    /**
     * A gate that could not decide for {@code reason} whatever its interval says: e.g. its declared
     * conditions needed more cores than the machine had free, or its pairs were dependent.
     */
    public static Verdict undecided(String name, RatioInterval interval, Comparison comparison, double threshold,
            Undecided reason, String detail) {
        return new Verdict(name, interval.estimate(), interval.lower(), interval.upper(), threshold,
                comparison.symbol(), Outcome.INCONCLUSIVE, detail, reason);
    }

    /**
     * This verdict, undecided for {@code reason} unless it already FAILed on missing data or is undecided
     * for the same reason. A reason found after the measuring (a busy machine) replaces the one the
     * measuring gave (a budget spent because the machine was busy): it is the cause, and the one to act on.
     * A comparison too costly to measure keeps its reason: nothing was measured for the load to spoil.
     */
    public Verdict undecidedBecause(Undecided reason, String why) {
        if (reason == undecided || undecided == Undecided.COST
                || (Double.isNaN(actual) && verdict != Outcome.INCONCLUSIVE)) {
            return this;
        }
        return new Verdict(name, actual, lower, upper, threshold, comparison, Outcome.INCONCLUSIVE,
                detail == null || detail.isBlank() ? why : detail + "; " + why, reason);
    }

    /** Whether the gate passed. */
    @JsonProperty("passed")
    public boolean passed() {
        return verdict == Outcome.PASS;
    }

    /** Whether the gate was judged on a confidence interval. */
    @JsonIgnore
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /**
     * The violation in jacoco's words: {@code <gate> is <actual>, but expected <maximum|minimum> is
     * <threshold>}; a missing value says so, and an inconclusive one says how to get a decision.
     */
    @JsonIgnore
    public String message() {
        String bound = "<=".equals(comparison) ? Comparison.AT_MOST.bound() : Comparison.AT_LEAST.bound();
        String how = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
        if (Double.isNaN(actual) && verdict != Outcome.INCONCLUSIVE) {
            return name + " has no measured value (" + detail + "), so it cannot pass; expected " + bound + " is "
                    + format(threshold);
        }
        if (verdict == Outcome.INCONCLUSIVE) {
            if (undecided == Undecided.BUDGET) {
                return name + " is inconclusive: its interval " + interval() + " still contains the expected " + bound
                        + " " + format(threshold) + " after the measuring budget was spent" + how
                        + ". To get a decision, raise the budget, run on a quieter machine or measure fewer points;"
                        + " this says nothing against the candidate yet.";
            }
            return name + " is inconclusive because " + undecided.words() + ": its interval " + interval()
                    + " against the expected " + bound + " " + format(threshold) + how
                    + ". This says nothing against the candidate yet.";
        }
        return name + " is " + format(actual) + (hasInterval() ? " " + interval() : "") + ", but expected " + bound
                + " is " + format(threshold) + how;
    }

    /** {@code [lower, upper]}, or an empty string for a gate judged on a single value. */
    @JsonIgnore
    public String interval() {
        return hasInterval() ? "[" + format(lower) + ", " + format(upper) + "]" : "";
    }

    /** Numbers as a person reads them: integers plain, small values in scientific notation. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
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
