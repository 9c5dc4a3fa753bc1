package io.github.qwenbench.measure;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.ScalabilitySettings;
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
                String budget = stop != null && !stop.decided() ? ". " + settings.pairs().raise() : "";
                verdicts.add(Verdict.decide("minThroughputRatio[" + point + "]", r, stop, Comparison.AT_LEAST,
                        settings.minThroughputRatio(), String.format(Locale.ROOT, "candidate/baseline throughput, the"
                                + " median over %d interleaved block pairs with one-sided anytime-valid bounds (each"
                                + " side's error at most %.0f%%)%s%s", r.pairs(), 100 * (1 - r.confidence()), ended,
                                budget)));
                double baselineCv = baseline.blockThroughputCoefficientOfVariation().get(i);
                double candidateCv = candidate.blockThroughputCoefficientOfVariation().get(i);
                int blocks = r.pairs();
                verdicts.add(Verdict.judge("stableAsBaseline[" + point + "]", candidateCv, Comparison.AT_MOST,
                        settings.stability().limitForEstimates(baselineCv, blocks), String.format(Locale.ROOT,
                                "candidate's block throughput stddev/mean against the baseline's, measured"
                                        + " interleaved: limit %s", settings.stability().describeEstimates(baselineCv,
                                        blocks))));
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
}
