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
        String spread = String.format(Locale.ROOT, "least reduction 1 - max(candidate)/min(baseline) of %s over %d"
                + " repetitions; median estimate %.3f, most %.3f", settings.reductionMetric(), settings.repetitions(),
                r.estimate(), r.highest());
        if (r.lowest() < settings.minReduction() && settings.minReduction() <= r.highest()) {
            spread += ": uncertain, the spread over repetitions straddles the threshold, so it cannot pass; raise"
                    + " <memory><repetitions> or find the noise (other processes, allocator)";
        }
        verdicts.add(Verdict.judge("minReduction[" + settings.reductionMetric() + "]", r.lowest(),
                Comparison.AT_LEAST, settings.minReduction(), spread));
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
        if (r.estimate() > settings.maxReduction()) {
            return List.of(String.format(Locale.ROOT, "The candidate's %s is %.1f%% below the baseline's, more than"
                    + " maxReduction (%.0f%%): check that the whole model was exported and loaded.",
                    settings.reductionMetric(), 100 * r.estimate(), 100 * settings.maxReduction()));
        }
        return List.of();
    }
}
