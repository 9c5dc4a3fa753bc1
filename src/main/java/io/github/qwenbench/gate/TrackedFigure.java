package io.github.qwenbench.gate;

import io.github.qwenbench.stats.RatioInterval;

/**
 * A figure followed from run to run: compared with an earlier run's by {@code compareTo} and drawn
 * as a trend from the {@code historyFile}.
 *
 * @param name the figure's name, {@code suite.figure[point]}
 * @param value its value (the interval's estimate when there is one)
 * @param interval this run's interval, or null for a figure measured without one
 * @param higherIsBetter whether a higher value is an improvement
 * @param trend whether the history file records it for the report's trend charts
 * @param conditions the declared conditions it was measured under, in words (e.g. "1 caller x 1
 *        intra-op thread"), or null for a figure that does not depend on them: two runs' figures
 *        under different conditions measure different experiments
 */
public record TrackedFigure(String name, double value, RatioInterval interval, boolean higherIsBetter, boolean trend,
        String conditions) {

    /** A figure with an interval, where higher is better: a speedup or a ratio. */
    public static TrackedFigure ratio(String name, RatioInterval interval, boolean trend) {
        return new TrackedFigure(name, interval == null ? Double.NaN : interval.estimate(), interval, true, trend,
                null);
    }

    /** A single value where lower is better: an error or a latency. */
    public static TrackedFigure lowerIsBetter(String name, double value, boolean trend) {
        return new TrackedFigure(name, value, null, false, trend, null);
    }

    /** A single value where higher is better. */
    public static TrackedFigure higherIsBetter(String name, double value, boolean trend) {
        return new TrackedFigure(name, value, null, true, trend, null);
    }

    /** This figure, measured under the declared conditions {@code described} (null: unknown, e.g. an older result). */
    public TrackedFigure under(String described) {
        return new TrackedFigure(name, value, interval, higherIsBetter, trend, described);
    }

    /** Whether two runs' figures were measured under conditions known to differ. */
    public boolean conditionsDifferFrom(TrackedFigure other) {
        return conditions != null && other.conditions != null && !conditions.equals(other.conditions);
    }
}
