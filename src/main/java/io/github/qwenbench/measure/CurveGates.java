package io.github.qwenbench.measure;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scalability gates, at every point of every curve; each names its point. */
public final class CurveGates {

    private CurveGates() {
    }

    /**
     * A point whose threads exceeded the cores other processes left free gets no ratio gate: its
     * pairs follow the scheduler (an A/A run here failed one at threads=2 with one core busy), so
     * the confidence sequence's independence assumption does not hold there. Its ratio is still
     * reported, and {@link #warnings} says why it was not judged.
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
                String point = curve.point(i);
                RatioInterval r = curve.throughputRatio().get(i);
                String stop = curve.stops() == null ? "" : ", " + curve.stops().get(i).stoppedBecause();
                String budget = curve.stops() != null && !curve.stops().get(i).decided()
                        ? "; raise <scalability><maxIterations> or <maxDuration>, or measure fewer points" : "";
                if (!curve.contended(i)) {
                    verdicts.add(Verdict.decide("minThroughputRatio[" + point + "]", r, Comparison.AT_LEAST,
                            settings.minThroughputRatio(), String.format(Locale.ROOT, "candidate/baseline throughput,"
                                    + " %.0f%% anytime-valid interval from %d interleaved block pairs%s%s",
                                    100 * r.confidence(), r.pairs(), stop, budget)));
                }
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
            }
        }
        return verdicts;
    }

    /** The points that were measured but not gated, and why. */
    public static List<String> warnings(CurveMetrics metrics) {
        List<String> warnings = new ArrayList<>();
        for (CurveMetrics.Curve curve : metrics.curves()) {
            for (int i = 0; i < curve.sizes().size(); i++) {
                if (curve.contended(i)) {
                    warnings.add(curve.point(i) + ": its threads exceeded the cores other processes left free, so its"
                            + " throughput ratio (" + Verdict.format(curve.throughputRatio().get(i).estimate())
                            + ") measures the scheduler and is reported without a gate; run on a quieter machine to"
                            + " judge it");
                }
            }
        }
        return warnings;
    }
}
