package io.github.qwenbench.accuracy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.GreedyDecoder;
import io.github.qwenbench.decoding.TokenAgreement;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Greedy decoding with both models from the same prompts ({@link GreedyDecoder}): each continues from
 * its own tokens, and the generated sequences are compared position by position.
 */
final class GreedyGeneration {

    private GreedyGeneration() {
    }

    static AccuracyMetrics.Generation compare(LoadedModel baseline, LoadedModel candidate, InputFactory inputs,
            AccuracySettings settings) throws BenchmarkSetupException {
        List<InputSpec> specs = inputs.inputs();
        TokenAgreement agreement = new TokenAgreement();
        List<Long> firstBaseline = null;
        List<Long> firstCandidate = null;
        for (int s = 0; s < settings.samples(); s++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList prompt = inputs.sample(manager, s);
                long[][] b = decode(baseline, prompt, settings, specs, manager);
                long[][] c = decode(candidate, prompt, settings, specs, manager);
                for (int row = 0; row < b.length; row++) {
                    agreement.add(b[row], c[row]);
                    if (firstBaseline == null) {
                        firstBaseline = boxed(b[row]);
                        firstCandidate = boxed(c[row]);
                    }
                }
            }
        }
        return new AccuracyMetrics.Generation(settings.generationInput(), settings.generationSteps(),
                agreement.pairs(), agreement.agreement(), agreement.exactMatchRate(), firstBaseline, firstCandidate);
    }

    /** The tokens one model generates for each row of the prompt, [rows][steps]: a forced number, no stop token. */
    private static long[][] decode(LoadedModel model, NDList prompt, AccuracySettings settings, List<InputSpec> specs,
            NDManager manager) throws BenchmarkSetupException {
        return GreedyDecoder.decode(model, prompt, specs, new GreedyDecoder.Options(settings.generationInput(),
                settings.generationOutput(), settings.generationSteps(), Set.of()), manager).tokens();
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}
