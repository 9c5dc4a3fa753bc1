package io.github.qwenbench.system;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The system gates, judged on the candidate under load. */
public final class SystemGates {

    private SystemGates() {
    }

    public static List<Verdict> evaluate(SystemSettings settings, SystemMetrics metrics) {
        SystemSample c = metrics.models().get(1);
        List<Verdict> verdicts = new ArrayList<>();
        String errors = c.errorMessages().isEmpty() ? "no request failed"
                : c.errors() + " of " + (c.completed() + c.errors()) + " requests failed: " + c.errorMessages();
        verdicts.add(Verdict.judge("maxErrorRate", c.completed() + c.errors() == 0 ? Double.NaN : c.errorRate(),
                Comparison.AT_MOST, settings.maxErrorRate(), errors));
        verdicts.add(Verdict.judge("maxThroughputDrift", Math.abs(c.drift()), Comparison.AT_MOST,
                settings.maxThroughputDrift(), String.format(Locale.ROOT, "|slope of window throughput| x run length /"
                        + " mean over %d windows; signed drift %.3f, largest window deviation %.3f",
                        c.windows().size(), c.drift(), c.largestWindowDeviation())));
        if (settings.maxMemoryGrowthBytes() >= 0) {
            verdicts.add(Verdict.judge("maxMemoryGrowth", c.memoryGrowthBytes(), Comparison.AT_MOST,
                    settings.maxMemoryGrowthBytes(), String.format(Locale.ROOT, "bytes of resident memory gained from"
                            + " the first window to the last (%.1f%%)", 100 * c.memoryGrowthFraction())));
        } else {
            verdicts.add(Verdict.judge("maxMemoryGrowth", c.memoryGrowthFraction(), Comparison.AT_MOST,
                    settings.maxMemoryGrowthFraction(), String.format(Locale.ROOT, "resident memory gained from the"
                            + " first window to the last, over the first: %.1f MiB", c.memoryGrowthBytes() / 1048576.0)));
        }
        if (settings.maxP99LatencyMillis() != null) {
            verdicts.add(Verdict.judge("maxP99LatencyMillis", c.latency().p99Millis(), Comparison.AT_MOST,
                    settings.maxP99LatencyMillis(), "p99 over the whole run under " + c.load()));
        }
        RatioInterval r = metrics.throughputRatio();
        verdicts.add(Verdict.judge("minThroughputRatio", r.lower(), Comparison.AT_LEAST, settings.minThroughputRatio(),
                String.format(Locale.ROOT, "lower bound of the interval; candidate/baseline median window throughput"
                        + " %.3f, %.0f%% interval [%.3f, %.3f]", r.estimate(), 100 * r.confidence(), r.lower(),
                        r.upper())));
        return verdicts;
    }
}
