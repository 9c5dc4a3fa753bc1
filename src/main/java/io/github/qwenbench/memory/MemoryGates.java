package io.github.qwenbench.memory;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
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
        String detail = String.format(Locale.ROOT, "1 - candidate/baseline of %s, %.0f%% anytime-valid interval from"
                + " %d pairs of fresh workers", settings.reductionMetric(), 100 * r.ratio().confidence(),
                r.ratio().pairs());
        if (!r.ratio().hasInterval()) {
            detail += ": too few pairs with a positive figure; the model's memory must stand out from the process's"
                    + " (see the demo's memory execution), or raise <memory><repetitions>";
        } else if (!r.asInterval().decides(settings.minReduction())) {
            detail += "; raise <memory><maxRepetitions> or find the noise (other processes, allocator)";
        }
        verdicts.add(Verdict.decide("minReduction[" + settings.reductionMetric() + "]", r.asInterval(),
                Comparison.AT_LEAST, settings.minReduction(), detail));
        Capacity candidateCapacity = metrics.capacity() == null || metrics.capacity().size() < 2 ? null
                : metrics.capacity().get(1);
        String unreadable = candidateCapacity == null ? "the models' files were not read"
                : candidateCapacity.unavailable();
        if (settings.minSparsity() != null) {
            verdicts.add(Verdict.judge("minSparsity[candidate]", unreadable == null ? candidateCapacity.sparsity()
                    : Double.NaN, Comparison.AT_LEAST, settings.minSparsity(), unreadable != null ? unreadable
                            : "share of zeros over all the candidate's tensors, read from its TorchScript file"
                                    + " (a quantized value equal to its zero point counts as zero)"));
        }
        if (settings.maxParameterRatio() != null) {
            verdicts.add(Verdict.judge("maxParameterRatio", metrics.parameterRatio(), Comparison.AT_MOST,
                    settings.maxParameterRatio(), "candidate tensor bytes over the baseline's, packed quantized"
                            + " weights included, read from the TorchScript files"));
        }
        MemoryMetrics.ModelMemory candidate = metrics.models().get(1);
        verdicts.add(Verdict.judge("maxLeakBytesPerInference[candidate]", candidate.leakBytesPerInference().median(),
                Comparison.AT_MOST, settings.maxLeakBytesPerInference(), String.format(Locale.ROOT,
                        "median slope of resident memory over %d steady inferences, range %.0f to %.0f bytes",
                        settings.leakInferences(), candidate.leakBytesPerInference().min(),
                        candidate.leakBytesPerInference().max())));
        return verdicts;
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
