package io.github.qwenbench.accuracy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.util.List;
import java.util.Set;

/**
 * The logits of every decode step of two packages, compared as one more output: for each sample the baseline
 * decodes its greedy tokens over its cache, then both packages are fed those same tokens step by step
 * (teacher forcing), and each step's next-token logits are compared, so that a difference is measured at the
 * same positions even after the two models' answers part. The prefill's logits are the forward pass's output,
 * compared already.
 */
final class StepLogits {

    /** The name the decode steps' logits are compared and gated under. */
    static final String OUTPUT = "decode-step logits";

    private StepLogits() {
    }

    static OutputAccuracy compare(LoadedModel baseline, LoadedModel candidate, InputFactory inputs,
            AccuracySettings settings) throws BenchmarkSetupException {
        OutputAccuracy.Accumulator steps = null;
        for (int s = 0; s < settings.samples(); s++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList prompt = inputs.sample(manager, s);
                long[][] tokens = baseline.generate(prompt, settings.generationSteps(), Set.of()).tokens();
                List<float[]> expected = baseline.forcedLogits(prompt, tokens);
                List<float[]> actual = candidate.forcedLogits(prompt, tokens);
                int rows = tokens.length;
                int vocabulary = expected.get(0).length / rows;
                if (actual.get(0).length != expected.get(0).length) {
                    throw new BenchmarkSetupException("The candidate " + candidate.file().path() + " has "
                            + actual.get(0).length / rows + " logits per token but the baseline " + baseline.file().path()
                            + " has " + vocabulary + ": their vocabularies differ, so their steps cannot be compared.");
                }
                if (steps == null) {
                    steps = new OutputAccuracy.Accumulator(OUTPUT, new long[] {rows, 1, vocabulary});
                }
                for (int k = 1; k < expected.size(); k++) {
                    steps.add(TensorComparison.of(expected.get(k), actual.get(k), vocabulary));
                }
            }
        }
        return steps.result();
    }
}
