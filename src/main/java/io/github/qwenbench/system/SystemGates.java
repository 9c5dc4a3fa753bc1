package io.github.qwenbench.system;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The system gates: errors and the optional SLA on the candidate alone; its throughput, drift and
 * memory growth against the baseline's, measured in the same turns.
 */
public final class SystemGates {

    /**
     * How many standard errors of the fitted relative drift its limit allows on top of the
     * allowance: a slope fitted over 10 noisy pairs of turns has a standard error of about 0.1
     * here, and an A/A run failed on it (BENCHMARKS.md, section 6).
     */
    static final double DRIFT_STANDARD_ERRORS = 3;

    private SystemGates() {
    }

    public static List<Verdict> evaluate(SystemSettings settings, SystemMetrics metrics) {
        SystemSample b = metrics.models().get(0);
        SystemSample c = metrics.models().get(1);
        List<Verdict> verdicts = new ArrayList<>();
        String errors = c.errorMessages().isEmpty() ? "no request failed"
                : c.errors() + " of " + (c.completed() + c.errors()) + " requests failed: " + c.errorMessages();
        verdicts.add(Verdict.judge("maxErrorRate", c.completed() + c.errors() == 0 ? Double.NaN : c.errorRate(),
                Comparison.AT_MOST, settings.maxErrorRate(), errors));
        double allowance = settings.stabilityFactor() * Math.abs(b.drift()) + settings.driftFloor();
        double noise = Double.isNaN(metrics.relativeDriftStandardError()) ? 0
                : DRIFT_STANDARD_ERRORS * metrics.relativeDriftStandardError();
        verdicts.add(Verdict.judge("stableAsBaseline[throughputDrift]", Math.abs(metrics.relativeDrift()),
                Comparison.AT_MOST, allowance + noise, String.format(Locale.ROOT, "|change of candidate/baseline"
                        + " throughput over the run|, fitted over %d pairs of turns (the machine's drift cancels);"
                        + " limit %s x the baseline's own |drift| %.3f + floor %s + %d standard errors of the fit"
                        + " (%.3f each), so that only a drift the turns show beyond doubt fails; candidate's own drift"
                        + " %+.3f", metrics.throughputRatio().pairs(), Verdict.format(settings.stabilityFactor()),
                        Math.abs(b.drift()), Verdict.format(settings.driftFloor()), (int) DRIFT_STANDARD_ERRORS,
                        metrics.relativeDriftStandardError(), c.drift())));
        if (settings.maxThroughputDrift() != null) {
            verdicts.add(Verdict.judge("maxThroughputDrift", Math.abs(c.drift()), Comparison.AT_MOST,
                    settings.maxThroughputDrift(), "absolute limit; |slope of turn throughput| x run length / mean"));
        }
        double floor = settings.maxMemoryGrowthBytes() >= 0 ? settings.maxMemoryGrowthBytes()
                : settings.maxMemoryGrowthFraction() * c.startResidentBytes();
        double growthLimit = settings.stabilityFactor() * Math.max(0, b.memoryGrowthBytes()) + floor;
        verdicts.add(Verdict.judge("stableAsBaseline[memoryGrowth]", c.memoryGrowthBytes(), Comparison.AT_MOST,
                growthLimit, String.format(Locale.ROOT, "bytes of resident memory the candidate gained from its first"
                        + " turn to its last (%.1f MiB); limit %s x baseline's %.1f MiB + maxMemoryGrowth %.1f MiB",
                        c.memoryGrowthBytes() / 1048576.0, Verdict.format(settings.stabilityFactor()),
                        b.memoryGrowthBytes() / 1048576.0, floor / 1048576.0)));
        if (settings.maxP99LatencyMillis() != null) {
            verdicts.add(Verdict.judge("maxP99LatencyMillis", c.latency().p99Millis(), Comparison.AT_MOST,
                    settings.maxP99LatencyMillis(), "p99 over the whole run under " + c.load()));
        }
        RatioInterval r = metrics.throughputRatio();
        String stop = metrics.stop() == null ? "" : ", " + metrics.stop().stoppedBecause();
        String budget = metrics.stop() != null && !metrics.stop().decided()
                ? "; raise <system><maxDuration> or use a quieter machine" : "";
        verdicts.add(Verdict.decide("minThroughputRatio", r, metrics.stop(), Comparison.AT_LEAST,
                settings.minThroughputRatio(), String.format(Locale.ROOT, "candidate/baseline throughput in %s, the"
                        + " median over %d pairs of turns with one-sided anytime-valid bounds (each side's error at most"
                        + " %.0f%%)%s%s", c.throughputUnit(), r.pairs(), 100 * (1 - r.confidence()), stop, budget)));
        return verdicts;
    }
}
