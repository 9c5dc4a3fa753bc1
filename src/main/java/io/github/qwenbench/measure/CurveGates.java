package io.github.qwenbench.measure;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.RelativeLimit;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.stats.PairedDispersion;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scalability gates, at every point of every curve; each names its point. */
public final class CurveGates {

    private CurveGates() {
    }

    /**
     * Every point gets its gates. A point whose declared threads needed more cores than other
     * processes left free while it was measured has all its gates INCONCLUSIVE because the machine was
     * busy: its pairs follow the scheduler (an A/A run here failed one at threads=2 with one core busy),
     * so they are reported, not judged, and the build says so instead of passing them over.
     */
    public static List<Verdict> evaluate(ScalabilitySettings settings, CurveMetrics metrics) {
        List<Verdict> verdicts = new ArrayList<>();
        if (metrics.curves().isEmpty()) {
            verdicts.add(Verdict.judge("minThroughputRatio", Double.NaN, Comparison.AT_LEAST,
                    settings.minThroughputRatio(), "no curve was configured: set batchSizes, concurrency or sweeps"));
        }
        for (CurveMetrics.Curve curve : metrics.curves()) {
            CurveMetrics.ModelCurve baseline = curve.models().get(0);
            CurveMetrics.ModelCurve candidate = curve.models().get(1);
            for (int i = 0; i < curve.sizes().size(); i++) {
                int first = verdicts.size();
                String point = curve.point(i);
                RatioInterval r = curve.throughputRatio().get(i);
                SequentialComparison.Stop stop = curve.stops() == null ? null : curve.stops().get(i);
                String ended = stop == null ? "" : ", " + stop.stoppedBecause();
                String budget = stop != null && stop.budgetSpent() ? ". " + settings.pairs().raise() : "";
                verdicts.add(Verdict.decide("minThroughputRatio[" + point + "]", r, stop, Comparison.AT_LEAST,
                        settings.minThroughputRatio(), String.format(Locale.ROOT, "candidate/baseline throughput, the"
                                + " median over %d pairs of four interleaved blocks with one-sided anytime-valid bounds (each"
                                + " side's error at most %.0f%%)%s%s", r.pairs(), 100 * (1 - r.confidence()), ended,
                                budget)));
                double baselineCv = baseline.blockThroughputCoefficientOfVariation().get(i);
                double candidateCv = candidate.blockThroughputCoefficientOfVariation().get(i);
                verdicts.add(stableAsBaseline(point, settings.stability(), baseline, candidate, i));
                if (settings.maxCoefficientOfVariation() != null) {
                    verdicts.add(Verdict.judge("maxCoefficientOfVariation[" + point + "]",
                            Math.max(baselineCv, candidateCv), Comparison.AT_MOST,
                            settings.maxCoefficientOfVariation(), String.format(Locale.ROOT, "block throughput"
                                    + " stddev/mean, the larger of baseline %.3f and candidate %.3f", baselineCv,
                                    candidateCv)));
                }
                if (settings.minScalingEfficiency() != null && i > 0 && !"input-size".equals(curve.kind())) {
                    verdicts.add(Verdict.judge("minScalingEfficiency[" + point + "]",
                            candidate.scalingEfficiency().get(i), Comparison.AT_LEAST, settings.minScalingEfficiency(),
                            "candidate throughput gain over " + curve.point(0) + " per size factor"));
                }
                if (curve.busy(i)) {
                    String why = curve.conditions().get(i).busyReason();
                    for (int v = first; v < verdicts.size(); v++) {
                        verdicts.set(v, verdicts.get(v).undecidedBecause(Undecided.BUSY, why));
                    }
                }
            }
        }
        return verdicts;
    }

    /**
     * The candidate's spread of block throughput against the baseline's, from the same interleaved
     * pairs: a paired permutation test ({@link PairedDispersion}) at the limit's alpha. A FAIL needs
     * evidence at that level; with too few pairs for any outcome to reach it, or blocks not kept (results
     * written before they were), the gate cannot fail and its detail says so.
     */
    static Verdict stableAsBaseline(String point, RelativeLimit limit, CurveMetrics.ModelCurve baseline,
            CurveMetrics.ModelCurve candidate, int index) {
        String name = "stableAsBaseline[" + point + "]";
        if (baseline.blockThroughput() == null || candidate.blockThroughput() == null) {
            return Verdict.judge(name, 1, Comparison.AT_LEAST, limit.alpha(), "the blocks' throughputs were not"
                    + " kept, so the paired test could not run; a stability gate fails only on evidence");
        }
        double[] b = baseline.blockThroughput().get(index).stream().mapToDouble(Double::doubleValue).toArray();
        double[] c = candidate.blockThroughput().get(index).stream().mapToDouble(Double::doubleValue).toArray();
        PairedDispersion test = PairedDispersion.test(b, c, limit.factor(), limit.floor(), limit.alpha());
        String detail = String.format(Locale.ROOT, "p-value of a paired rank test (ranks of the absolute"
                + " deviations of log block throughput, swapped within %d interleaved block pairs) that the"
                + " candidate's robust CV (MAD of log throughput / 0.6745) %.4f exceeds %s x the baseline's %.4f"
                + " + cvFloor %s = %.4f; fails when p < alpha %s (exact level given these ranks %.4f)",
                test.pairs(), test.candidateSpread(), Verdict.format(limit.factor()), test.baselineSpread(),
                Verdict.format(limit.floor()), test.allowedSpread(), Verdict.format(limit.alpha()), test.level());
        if (!test.canReject()) {
            detail += String.format(Locale.ROOT, "; with %d pairs no outcome can reach p < %s (the least p-value"
                    + " is 2^-%d), so this gate cannot fail: it fails only on evidence", test.pairs(),
                    Verdict.format(limit.alpha()), test.pairs());
        }
        return Verdict.judge(name, test.pValue(), Comparison.AT_LEAST, limit.alpha(), detail);
    }
}
