package io.github.qwenbench.system;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.MemoryGrowth;
import io.github.qwenbench.stats.PairedDrift;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The system gates: errors, memory growth and the optional SLA on the candidate alone; its throughput
 * and drift against the baseline's, measured in the same turns. The stability gates are tests at
 * {@code stabilityAlpha} that fail only on evidence.
 */
public final class SystemGates {

    private SystemGates() {
    }

    /**
     * @param served whether the models are endpoints: the memory the worker measured is the client's, not the
     *     model's, so no memory gate
     */
    public static List<Verdict> evaluate(SystemSettings settings, SystemMetrics metrics, boolean served) {
        SystemSample b = metrics.models().get(0);
        SystemSample c = metrics.models().get(1);
        List<Verdict> verdicts = new ArrayList<>();
        String errors = c.errorMessages().isEmpty() ? "no request failed"
                : c.errors() + " of " + (c.completed() + c.errors()) + " requests failed: " + c.errorMessages();
        verdicts.add(Verdict.judge("maxErrorRate", c.completed() + c.errors() == 0 ? Double.NaN : c.errorRate(),
                Comparison.AT_MOST, settings.maxErrorRate(), errors));
        verdicts.add(throughputDrift(settings, b, c));
        if (settings.maxThroughputDrift() != null) {
            verdicts.add(Verdict.judge("maxThroughputDrift", Math.abs(c.drift()), Comparison.AT_MOST,
                    settings.maxThroughputDrift(), "absolute limit; |slope of turn throughput| x run length / mean"));
        }
        if (!served) {
            verdicts.add(memoryGrowth(settings, b, c));
        }
        if (settings.maxP99LatencyMillis() != null) {
            verdicts.add(Verdict.judge("maxP99LatencyMillis", c.latency().p99Millis(), Comparison.AT_MOST,
                    settings.maxP99LatencyMillis(), "p99 over the whole run under " + c.load()));
        }
        if (settings.throughputGated()) {
            RatioInterval r = metrics.throughputRatio();
            String stop = metrics.stop() == null ? "" : ", " + metrics.stop().stoppedBecause();
            String budget = metrics.stop() != null && metrics.stop().budgetSpent()
                    ? "; raise <system><maxDuration> or use a quieter machine" : "";
            verdicts.add(Verdict.decide("minThroughputRatio", r, metrics.stop(), Comparison.AT_LEAST,
                    settings.minThroughputRatio(), String.format(Locale.ROOT, "candidate/baseline throughput in %s, the"
                            + " median over %d pairs of turns with one-sided anytime-valid bounds (each side's error at"
                            + " most %.0f%%)%s%s", c.throughputUnit(), r.pairs(), 100 * (1 - r.confidence()), stop,
                            budget)));
        }
        return verdicts;
    }

    /**
     * The candidate's drift against the baseline: a rank test on the log ratio of the turns of each
     * pair ({@link PairedDrift}) at {@code stabilityAlpha}; the baseline's own drift does not widen
     * {@code driftFloor}. A FAIL needs evidence at that level; with too few pairs it cannot fail.
     */
    static Verdict throughputDrift(SystemSettings settings, SystemSample b, SystemSample c) {
        int pairs = Math.min(b.windows().size(), c.windows().size());
        double[] baseline = new double[pairs];
        double[] candidate = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            baseline[i] = b.windows().get(i).throughput();
            candidate[i] = c.windows().get(i).throughput();
        }
        PairedDrift test = PairedDrift.test(baseline, candidate, settings.driftFloor(), settings.stabilityAlpha());
        String detail = String.format(Locale.ROOT, "p-value of a permutation rank test, over %d pairs of turns,"
                + " that the relative change of candidate/baseline throughput over the run exceeds driftFloor %s"
                + " either way (the machine's drift cancels in the ratio); Theil-Sen change %+.3f; fails when"
                + " p < alpha %s; not widened by the baseline's own drift (%+.3f; candidate's %+.3f)", test.pairs(),
                Verdict.format(settings.driftFloor()), test.change(), Verdict.format(settings.stabilityAlpha()),
                b.drift(), c.drift());
        if (!test.canReject()) {
            detail += String.format(Locale.ROOT, "; with %d pairs the test cannot reach p < %s (it needs %d), so"
                    + " this gate cannot fail: it fails only on evidence", test.pairs(),
                    Verdict.format(settings.stabilityAlpha()), PairedDrift.MIN_PAIRS);
        }
        return Verdict.judge("stableAsBaseline[throughputDrift]", test.pValue(), Comparison.AT_LEAST,
                settings.stabilityAlpha(), detail);
    }

    /**
     * The candidate's own memory growth against {@code maxMemoryGrowth}: the one-sided
     * {@code stabilityAlpha} lower bound of its growth over the run ({@link MemoryGrowth}). The
     * baseline's growth is reported for context and never licenses the candidate's.
     */
    static Verdict memoryGrowth(SystemSettings settings, SystemSample b, SystemSample c) {
        double floor = settings.maxMemoryGrowthBytes() >= 0 ? settings.maxMemoryGrowthBytes()
                : settings.maxMemoryGrowthFraction() * c.startResidentBytes();
        MemoryGrowth candidate = growth(c, floor, settings.stabilityAlpha());
        MemoryGrowth baseline = growth(b, floor, settings.stabilityAlpha());
        double mib = 1048576.0;
        String detail = String.format(Locale.ROOT, "bytes of resident memory the candidate gained over the run"
                + " beyond doubt: the one-sided %.0f%% lower bound of its growth, %.1f MiB fitted (slope of resident"
                + " memory over %.0f requests in %d turns, autocorrelation-robust error; first to last turn %.1f"
                + " MiB); fails when it exceeds maxMemoryGrowth %.1f MiB, whatever the baseline's growth (%.1f MiB"
                + " fitted, %.1f MiB first to last)", 100 * (1 - settings.stabilityAlpha()), candidate.growth() / mib,
                candidate.requests(), candidate.turns(), c.memoryGrowthBytes() / mib, floor / mib,
                baseline.growth() / mib, b.memoryGrowthBytes() / mib);
        double evidenced = candidate.canReject() ? Math.rint(candidate.lower()) : 0;
        if (!candidate.canReject()) {
            detail += String.format(Locale.ROOT, "; with %d turns (it needs %d, serving requests) there is no bound,"
                    + " so this gate cannot fail: it fails only on evidence", candidate.turns(),
                    MemoryGrowth.MIN_TURNS);
        }
        return Verdict.judge("stableAsBaseline[memoryGrowth]", evidenced, Comparison.AT_MOST, floor, detail);
    }

    private static MemoryGrowth growth(SystemSample sample, double floor, double alpha) {
        int turns = sample.windows().size();
        double[] requests = new double[turns];
        double[] resident = new double[turns];
        double served = 0;
        for (int i = 0; i < turns; i++) {
            served += sample.windows().get(i).completed();
            requests[i] = served;
            resident[i] = sample.windows().get(i).residentBytes();
        }
        return MemoryGrowth.test(requests, resident, floor, alpha);
    }
}
