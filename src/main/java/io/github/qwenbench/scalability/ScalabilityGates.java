package io.github.qwenbench.scalability;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scalability gates, at every point of every curve; each names its point. */
public final class ScalabilityGates {

    private ScalabilityGates() {
    }

    public static List<Verdict> evaluate(ScalabilitySettings settings, ScalabilityMetrics metrics) {
        List<Verdict> verdicts = new ArrayList<>();
        if (metrics.curves().isEmpty()) {
            verdicts.add(Verdict.judge("minThroughputRatio", Double.NaN, Comparison.AT_LEAST,
                    settings.minThroughputRatio(), "no curve was configured: set batchSizes, concurrency or sweeps"));
        }
        for (ScalabilityMetrics.Curve curve : metrics.curves()) {
            ScalabilityMetrics.ModelCurve baseline = curve.models().get(0);
            ScalabilityMetrics.ModelCurve candidate = curve.models().get(1);
            for (int i = 0; i < curve.sizes().size(); i++) {
                String point = curve.point(i);
                RatioInterval r = curve.throughputRatio().get(i);
                verdicts.add(Verdict.judge("minThroughputRatio[" + point + "]", r.lower(), Comparison.AT_LEAST,
                        settings.minThroughputRatio(), String.format(Locale.ROOT, "lower bound of the interval;"
                                + " candidate/baseline throughput %.3f, %.0f%% interval [%.3f, %.3f] from %d block pairs",
                                r.estimate(), 100 * r.confidence(), r.lower(), r.upper(), r.pairs())));
                double cv = Math.max(baseline.blockThroughputCoefficientOfVariation().get(i),
                        candidate.blockThroughputCoefficientOfVariation().get(i));
                verdicts.add(Verdict.judge("maxCoefficientOfVariation[" + point + "]", cv, Comparison.AT_MOST,
                        settings.maxCoefficientOfVariation(), String.format(Locale.ROOT, "block throughput stddev/mean,"
                                + " the larger of baseline %.3f and candidate %.3f",
                                baseline.blockThroughputCoefficientOfVariation().get(i),
                                candidate.blockThroughputCoefficientOfVariation().get(i))));
                if (settings.minScalingEfficiency() != null && i > 0 && !"input-size".equals(curve.kind())) {
                    verdicts.add(Verdict.judge("minScalingEfficiency[" + point + "]",
                            candidate.scalingEfficiency().get(i), Comparison.AT_LEAST, settings.minScalingEfficiency(),
                            "candidate throughput gain over " + curve.point(0) + " per size factor"));
                }
            }
        }
        return verdicts;
    }
}
