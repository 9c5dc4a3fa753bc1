package io.github.qwenbench.memory;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.stats.GuardedMean;
import io.github.qwenbench.plan.MemorySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The memory gates: reduction of the chosen figure, and the candidate's growth per inference. */
public final class MemoryGates {

    private MemoryGates() {
    }

    public static List<Verdict> evaluate(MemorySettings settings, MemoryMetrics metrics) {
        List<Verdict> verdicts = new ArrayList<>();
        MemoryMetrics.Reduction r = metrics.reduction(settings.reductionMetric());
        String name = "minReduction[" + settings.reductionMetric() + "]";
        String detail = String.format(Locale.ROOT, "1 - candidate/baseline of %s, %.0f%% anytime-valid interval from"
                + " %d pairs of fresh workers", settings.reductionMetric(), 100 * r.ratio().confidence(),
                r.ratio().pairs());
        double ratioThreshold = 1 - settings.minReduction();
        GuardedMean rule = metrics.samples() == null || metrics.samples().isEmpty() ? null
                : MemoryMetrics.guarded(metrics.samples(), MemoryMetrics.figure(settings.reductionMetric()));
        String skew = rule == null ? null : rule.skew(ratioThreshold);
        if (!r.ratio().hasInterval()) {
            detail += ": too few pairs with a positive figure; the model's memory must stand out from the process's"
                    + " (see the demo's memory execution), or raise <memory><repetitions>";
        } else if (skew != null) {
            verdicts.add(Verdict.undecided(name, r.asInterval(), Comparison.AT_LEAST, settings.minReduction(),
                    Undecided.SKEW, detail + "; " + skew + "; raise <memory><repetitions> and <memory><maxRepetitions>"
                            + " (or find the noise: other processes, the allocator)" + rules(rule, r, ratioThreshold)));
        } else if (!r.asInterval().decides(settings.minReduction())) {
            detail += "; raise <memory><maxRepetitions> or find the noise (other processes, allocator)";
        }
        if (skew == null || !r.ratio().hasInterval()) {
            verdicts.add(Verdict.decide(name, r.asInterval(), Comparison.AT_LEAST, settings.minReduction(),
                    detail + (rule == null || !r.ratio().hasInterval() ? "" : rules(rule, r, ratioThreshold))));
        }
        Capacity candidateCapacity = metrics.capacity() == null || metrics.capacity().size() < 2 ? null
                : metrics.capacity().get(1);
        String unreadable = candidateCapacity == null ? "the models' files were not read"
                : candidateCapacity.unavailable() != null ? candidateCapacity.unavailable()
                : Double.isNaN(candidateCapacity.sparsity()) ? "zeros are counted in TorchScript files only, and the"
                        + " candidate is an ONNX model: remove <memory><minSparsity> for it" : null;
        if (settings.minSparsity() != null) {
            verdicts.add(Verdict.judge("minSparsity[candidate]", unreadable == null ? candidateCapacity.sparsity()
                    : Double.NaN, Comparison.AT_LEAST, settings.minSparsity(), unreadable != null ? unreadable
                            : "share of zeros over all the candidate's tensors, read from its TorchScript file"
                                    + " (a quantized value equal to its zero point counts as zero)"));
        }
        if (settings.maxParameterRatio() != null) {
            verdicts.add(Verdict.judge("maxParameterRatio", metrics.parameterRatio(), Comparison.AT_MOST,
                    settings.maxParameterRatio(), "candidate tensor bytes over the baseline's, packed quantized"
                            + " weights included, read from the model files (TorchScript tensors, ONNX initializers)"));
        }
        MemoryMetrics.ModelMemory candidate = metrics.models().get(1);
        verdicts.add(Verdict.judge("maxLeakBytesPerInference[candidate]", candidate.leakBytesPerInference().median(),
                Comparison.AT_MOST, settings.maxLeakBytesPerInference(), String.format(Locale.ROOT,
                        "median slope of resident memory over %d steady inferences, range %.0f to %.0f bytes",
                        settings.leakInferences(), candidate.leakBytesPerInference().min(),
                        candidate.leakBytesPerInference().max())));
        return verdicts;
    }

    /**
     * Which rules the interval comes from and their state: the mean's and the median's intervals (as
     * reductions), the count of pairs against the mean, and each side's error.
     */
    private static String rules(GuardedMean rule, MemoryMetrics.Reduction r, double ratioThreshold) {
        double alpha = 1 - r.ratio().confidence();
        int n = r.ratio().pairs();
        return String.format(Locale.ROOT, "; decided only where both rules clear the threshold: geometric mean (Lai"
                + " mixture t, assumes roughly normal log ratios) [%s, %s], median (exact sign rule, any distribution)"
                + " [%s, %s]; skew check: %d of %d pairs against the mean, the sign rule allows %d; each side's error"
                + " at most %s", reduction(rule.mean().upper()), reduction(rule.mean().lower()),
                reduction(rule.median().upper()), reduction(rule.median().lower()),
                rule.pairsAgainstMean(ratioThreshold), n, Math.max(0, GuardedMean.signRank(n, alpha) - 1),
                Verdict.format(alpha));
    }

    private static String reduction(double ratio) {
        return Verdict.format(1 - ratio);
    }

    /** A reduction above maxReduction passes, but can mean part of the model was not loaded. */
    public static List<String> warnings(MemorySettings settings, MemoryMetrics metrics) {
        MemoryMetrics.Reduction r = metrics.reduction(settings.reductionMetric());
        if (settings.maxReduction() != null && r.estimate() > settings.maxReduction()) {
            return List.of(String.format(Locale.ROOT, "The candidate's %s is %.1f%% below the baseline's, more than"
                    + " maxReduction (%.0f%%): check that the whole model was exported and loaded.",
                    settings.reductionMetric(), 100 * r.estimate(), 100 * settings.maxReduction()));
        }
        return List.of();
    }
}
