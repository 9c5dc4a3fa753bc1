package io.github.qwenbench.performance;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.List;
import java.util.Locale;

/** The performance gate: the speedup interval's lower bound must reach {@code minSpeedup}. */
public final class PerformanceGates {

    private PerformanceGates() {
    }

    public static List<Verdict> evaluate(PerformanceSettings settings, PerformanceMetrics metrics) {
        RatioInterval s = metrics.speedup();
        if (!s.hasInterval()) {
            return List.of(Verdict.judge("minSpeedup", Double.NaN, Comparison.AT_LEAST, settings.minSpeedup(), "only " + s.pairs() + " block pairs were measured,"
                    + " fewer than the " + RatioInterval.MIN_PAIRS + " an interval needs: raise <performance>"
                    + "<iterations> or <duration>"));
        }
        String interval = String.format(Locale.ROOT, "speedup %.3f, %.0f%% interval [%.3f, %.3f] from %d block pairs",
                s.estimate(), 100 * s.confidence(), s.lower(), s.upper(), s.pairs());
        String detail;
        if (s.lower() >= settings.minSpeedup()) {
            detail = "lower bound of the interval; " + interval;
        } else if (s.upper() < settings.minSpeedup()) {
            detail = "lower bound of the interval; " + interval + ": the candidate is clearly below the target";
        } else {
            detail = "lower bound of the interval; " + interval + ": inconclusive, the interval contains "
                    + Verdict.format(settings.minSpeedup()) + ", so the measurement cannot show the target is met."
                    + " Raise <performance><iterations> or <duration> for a narrower interval";
        }
        return List.of(Verdict.judge("minSpeedup", s.lower(), Comparison.AT_LEAST, settings.minSpeedup(), detail));
    }
}
