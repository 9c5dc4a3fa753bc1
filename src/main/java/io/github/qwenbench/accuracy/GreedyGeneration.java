package io.github.qwenbench.accuracy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.OutputTensor;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy decoding with both models from the same prompts: each model runs a full forward pass per
 * step, appends the arg-max token of the last position, and continues from its own tokens. The
 * generated sequences are then compared position by position.
 */
final class GreedyGeneration {

    private GreedyGeneration() {
    }

    static AccuracyMetrics.Generation compare(LoadedModel baseline, LoadedModel candidate, InputFactory inputs,
            AccuracySettings settings) throws BenchmarkSetupException {
        List<InputSpec> specs = inputs.inputs();
        int tokenIndex = indexOf(specs, settings.generationInput());
        long agree = 0;
        long total = 0;
        int exact = 0;
        int sequences = 0;
        List<Long> firstBaseline = null;
        List<Long> firstCandidate = null;
        for (int s = 0; s < settings.samples(); s++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDList prompt = inputs.sample(manager, s);
                long[][] b = decode(baseline, prompt, tokenIndex, settings, specs, manager);
                long[][] c = decode(candidate, prompt, tokenIndex, settings, specs, manager);
                for (int row = 0; row < b.length; row++) {
                    boolean same = true;
                    for (int t = 0; t < b[row].length; t++) {
                        if (b[row][t] == c[row][t]) {
                            agree++;
                        } else {
                            same = false;
                        }
                        total++;
                    }
                    exact += same ? 1 : 0;
                    sequences++;
                    if (firstBaseline == null) {
                        firstBaseline = boxed(b[row]);
                        firstCandidate = boxed(c[row]);
                    }
                }
            }
        }
        return new AccuracyMetrics.Generation(settings.generationInput(), settings.generationSteps(), sequences,
                total == 0 ? Double.NaN : (double) agree / total,
                sequences == 0 ? Double.NaN : (double) exact / sequences, firstBaseline, firstCandidate);
    }

    /** The tokens one model generates for each row of the prompt, [rows][steps]. */
    private static long[][] decode(LoadedModel model, NDList prompt, int tokenIndex, AccuracySettings settings,
            List<InputSpec> specs, NDManager manager) throws BenchmarkSetupException {
        NDArray ids = prompt.get(tokenIndex);
        if (ids.getShape().dimension() != 2) {
            throw new BenchmarkSetupException("accuracy/generation/input '" + settings.generationInput()
                    + "' has shape " + ids.getShape() + ": greedy decoding needs token ids shaped [batch, sequence].");
        }
        int rows = (int) ids.getShape().get(0);
        int length = (int) ids.getShape().get(1);
        long[] current = ids.toType(DataType.INT64, false).toLongArray();
        long[][] generated = new long[rows][settings.generationSteps()];
        for (int step = 0; step < settings.generationSteps(); step++) {
            NDList inputs = new NDList(prompt);
            NDArray grown = manager.create(current, new Shape(rows, length)).toType(ids.getDataType(), false);
            grown.setName(ids.getName());
            inputs.set(tokenIndex, grown);
            List<OutputTensor> outputs = model.run(inputs, specs);
            if (settings.generationOutput() >= outputs.size()) {
                throw new BenchmarkSetupException("accuracy/generation/output is " + settings.generationOutput()
                        + ", but the " + model.file().role() + " model returns " + outputs.size() + " outputs.");
            }
            OutputTensor logits = outputs.get(settings.generationOutput());
            if (logits.shape().length != 3 || logits.shape()[0] != rows) {
                throw new BenchmarkSetupException("Output " + settings.generationOutput() + " of the "
                        + model.file().role() + " model has shape " + logits.describeShape()
                        + ": greedy decoding needs logits shaped [batch, sequence, vocabulary].");
            }
            int positions = (int) logits.shape()[1];
            int vocabulary = (int) logits.shape()[2];
            long[] next = new long[rows * (length + 1)];
            for (int row = 0; row < rows; row++) {
                int lastRow = (row * positions + positions - 1) * vocabulary;
                long token = TensorComparison.argmax(logits.values(), lastRow, vocabulary);
                generated[row][step] = token;
                System.arraycopy(current, row * length, next, row * (length + 1), length);
                next[row * (length + 1) + length] = token;
            }
            current = next;
            length++;
        }
        return generated;
    }

    private static int indexOf(List<InputSpec> specs, String name) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("generation input " + name + " was validated against the inputs");
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}
