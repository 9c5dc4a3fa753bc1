package io.github.qwenbench.memory;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.GreedyDecoder;
import io.github.qwenbench.measure.ResidentMemory;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.GenerationSettings;
import java.util.Set;

/**
 * The memory worker's generation phase: greedy answers to the first samples, decoded as the generation
 * suite decodes them (over the model's key/value cache when it has a {@code decode} method, else by full
 * recompute), while resident memory's peak is tracked. Every answer is exactly maxNewTokens long, stop
 * tokens ignored, so that both models decode the same tokens and their caches end at the same length.
 */
final class GenerationPhase {

    private GenerationPhase() {
    }

    static GenerationMemorySample measure(LoadedModel model, InputFactory inputs, GenerationSettings settings,
            int answers, ResidentMemory memory, NDManager manager) throws BenchmarkSetupException {
        GreedyDecoder.Options options = new GreedyDecoder.Options(settings.tokenInput(), settings.logitsOutput(),
                settings.maxNewTokens(), Set.of());
        GreedyDecoder.Decoded longest = null;
        memory.resetPeak();
        for (int k = 0; k < answers; k++) {
            try (NDManager scratch = manager.newSubManager()) {
                NDList prompt = inputs.sample(scratch, k);
                GreedyDecoder.Decoded decoded = decode(model, prompt, inputs, options, scratch);
                if (longest == null || decoded.cachePositions() > longest.cachePositions()) {
                    longest = decoded;
                }
            }
        }
        long peak = memory.peak();
        return new GenerationMemorySample(answers, settings.maxNewTokens(), peak, longest.cacheBytes(),
                longest.cachePositions(), longest.decoding());
    }

    private static GreedyDecoder.Decoded decode(LoadedModel model, NDList prompt, InputFactory inputs,
            GreedyDecoder.Options options, NDManager scratch) throws BenchmarkSetupException {
        try {
            return GreedyDecoder.decode(model, prompt, inputs.inputs(), options, scratch);
        } catch (BenchmarkSetupException e) {
            throw new BenchmarkSetupException("The memory suite's generation phase could not decode with the "
                    + model.file().role() + " model " + model.file().path() + ": " + e.getMessage() + " It runs"
                    + " whenever an input is named by <generation><tokenInput>; set <memory><generationSamples>0"
                    + "</generationSamples> for a model that takes that input but does not generate.", e);
        }
    }
}
