package io.github.qwenbench.performance;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Undecided;
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
        String detail = String.format(Locale.ROOT, "baseline/candidate latency, the median over %d pairs of four interleaved"
                + " %d-inference blocks with one-sided anytime-valid bounds (each side's error at most %.0f%%), %s",
                s.pairs(), metrics.blockSize(), 100 * (1 - s.confidence()),
                metrics.stop() == null ? "" : metrics.stop().stoppedBecause());
        if (!s.hasInterval()) {
            detail = "only " + s.pairs() + " pairs of four blocks were measured, too few for an interval; " + detail;
        }
        if (metrics.stop() != null && metrics.stop().budgetSpent()) {
            detail += ". " + settings.pairs().raise();
        }
        Verdict verdict = Verdict.decide("minSpeedup", s, metrics.stop(), Comparison.AT_LEAST, settings.minSpeedup(),
                detail);
        if (metrics.conditions() != null && !metrics.conditions().fit()) {
            verdict = verdict.undecidedBecause(Undecided.BUSY, metrics.conditions().busyReason());
        }
        return List.of(verdict);
    }
}
