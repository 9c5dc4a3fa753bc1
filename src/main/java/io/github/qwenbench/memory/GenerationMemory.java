package io.github.qwenbench.memory;

import io.github.qwenbench.decoding.DecodingMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory while each model decoded greedy answers ({@link GenerationPhase}), over its repetitions.
 *
 * @param answers samples answered per worker
 * @param tokensPerAnswer tokens decoded per answer, stop tokens ignored
 * @param models baseline then candidate
 */
public record GenerationMemory(int answers, int tokensPerAnswer, List<Model> models) {

    /**
     * One model, bytes.
     *
     * @param decoding how it decoded: {@link GenerationMetrics#KV_CACHE} or {@link GenerationMetrics#FULL_RECOMPUTE}
     * @param peak the highest resident memory while decoding
     * @param peakMinusLoad that minus after load: the generation's own footprint (activations, cache, and what
     *     the allocator kept from the inference phases before it)
     * @param kvCacheBytes the key/value cache at the end of the longest sequence; 0 under full recompute
     * @param cachePositions the positions that cache held
     */
    public record Model(String role, int repetitions, String decoding, MemoryMetrics.Spread peak,
            MemoryMetrics.Spread peakMinusLoad, MemoryMetrics.Spread kvCacheBytes, int cachePositions) {
    }

    /** The generation figures of {@code samples}; null when no worker decoded. */
    static GenerationMemory of(List<MemorySample> samples) {
        List<MemorySample> decoded = samples.stream().filter(s -> s.generation() != null).toList();
        if (decoded.isEmpty()) {
            return null;
        }
        List<Model> models = new ArrayList<>();
        for (String role : List.of("baseline", "candidate")) {
            List<MemorySample> mine = decoded.stream().filter(s -> s.role().equals(role)).toList();
            GenerationMemorySample first = mine.isEmpty() ? null : mine.get(0).generation();
            models.add(new Model(role, mine.size(), first == null ? null : first.decoding(),
                    MemoryMetrics.Spread.of(mine, s -> s.generation().peakBytes()),
                    MemoryMetrics.Spread.of(mine, MemorySample::generationPeakMinusLoadBytes),
                    MemoryMetrics.Spread.of(mine, s -> s.generation().kvCacheBytes()),
                    first == null ? 0 : first.cachePositions()));
        }
        GenerationMemorySample first = decoded.get(0).generation();
        return new GenerationMemory(first.answers(), first.tokensPerAnswer(), models);
    }

    /** What the results say of the phase: what ran, or why it did not. */
    static String status(GenerationMemory generation, String skipped) {
        if (generation == null) {
            return "not measured: " + (skipped != null ? skipped : "no worker decoded");
        }
        List<String> decodings = generation.models().stream().filter(m -> m.decoding() != null)
                .map(m -> m.role() + " " + DecodingMethod.label(m.decoding())).toList();
        return "greedy answers to " + generation.answers() + " samples of " + generation.tokensPerAnswer()
                + " tokens each (stop tokens ignored), decoded by " + String.join(", ", decodings);
    }
}
