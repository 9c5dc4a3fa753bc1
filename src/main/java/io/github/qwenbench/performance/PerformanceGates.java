package io.github.qwenbench.performance;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.List;
import java.util.Locale;

/** The performance gate: the whole speedup interval must reach {@code minSpeedup}. */
public final class PerformanceGates {

    private PerformanceGates() {
    }

    public static List<Verdict> evaluate(PerformanceSettings settings, PerformanceMetrics metrics) {
        RatioInterval s = metrics.speedup();
        if (!s.hasInterval()) {
            return List.of(Verdict.decide("minSpeedup", s, Comparison.AT_LEAST, settings.minSpeedup(), "only "
                    + s.pairs() + " block pairs were measured, too few for an interval: raise <performance>"
                    + "<iterations>"));
        }
        String detail = String.format(Locale.ROOT, "baseline/candidate latency, %.0f%% anytime-valid interval from %d"
                + " interleaved block pairs, %s", 100 * s.confidence(), s.pairs(),
                metrics.stop() == null ? "" : metrics.stop().stoppedBecause());
        if (metrics.stop() != null && !metrics.stop().decided()) {
            detail += "; raise <performance><maxIterations> or <duration> to measure longer";
        }
        return List.of(Verdict.decide("minSpeedup", s, Comparison.AT_LEAST, settings.minSpeedup(), detail));
    }
}
