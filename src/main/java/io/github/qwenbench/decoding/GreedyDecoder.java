package io.github.qwenbench.decoding;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.model.GeneratedTokens;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Greedy decoding: every new token is the arg-max of the last position's logits, computed by the
 * engine. A model with a {@code decode} method (the cached-generation contract, {@link CachedDecoding})
 * keeps its key/value cache: the prefill, then one short step per token. Any other model recomputes
 * the whole sequence per token: the token ids grow by one per step, an {@code attention_mask} by a 1 and
 * {@code mm_token_type_ids} by a 0 (a text token); every other input stays as it was. Each step is
 * timed: the first (prefill, vision included) is the time to the first token.
 */
public final class GreedyDecoder {

    /** Inputs that grow with the sequence, besides the token ids, and the value each new position gets. */
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPES = "mm_token_type_ids";

    /**
     * @param tokenInput the input holding token ids, shaped [batch, sequence]
     * @param logitsOutput the output holding logits, shaped [batch, positions, vocabulary]
     * @param maxNewTokens tokens to generate at most
     * @param stopTokens ids that end a row's answer (the stop token is not part of it); empty to decode
     *        exactly {@code maxNewTokens} whatever the model says, so that two models do equal work
     */
    public record Options(String tokenInput, int logitsOutput, int maxNewTokens, Set<Long> stopTokens) {
    }

    /**
     * @param tokens each row's generated tokens, cut before its stop token
     * @param stopped whether each row met a stop token
     * @param forwardNanos the time of every forward pass (or decode step): the first is the prefill
     * @param decoding how: {@link DecodingMethod#KV_CACHE}, {@link DecodingMethod#PACKAGE_CACHE} or
     *        {@link DecodingMethod#FULL_RECOMPUTE}
     * @param cacheBytes bytes of the cache tensors after the last step (0 without a cache)
     * @param cachePositions positions the cache held then, per row (prompt with padding, and the tokens fed)
     */
    public record Decoded(long[][] tokens, boolean[] stopped, long[] forwardNanos, String decoding, long cacheBytes,
            int cachePositions) {

        /** Whether a key/value cache was used, else full recompute. */
        public boolean cached() {
            return !DecodingMethod.FULL_RECOMPUTE.equals(decoding);
        }

        /** Time to the first token: the prefill forward, vision included. */
        public long firstTokenNanos() {
            return forwardNanos[0];
        }

        /** All forwards. */
        public long totalNanos() {
            return Arrays.stream(forwardNanos).sum();
        }

        /** Forward passes after the first, each producing one more token. */
        public int decodeSteps() {
            return forwardNanos.length - 1;
        }
    }

    private GreedyDecoder() {
    }

    /** Decodes greedily from {@code prompt} (the model's inputs in the order of {@code specs}). */
    public static Decoded decode(LoadedModel model, NDList prompt, List<InputSpec> specs, Options options,
            NDManager manager) throws BenchmarkSetupException {
        return decode(model, null, prompt, specs, options, manager);
    }

    /**
     * Decodes greedily through {@code predictor} (one per thread when several threads decode at once), or
     * through the model's own when it is null.
     */
    public static Decoded decode(LoadedModel model, Predictor<NDList, NDList> predictor, NDList prompt,
            List<InputSpec> specs, Options options, NDManager manager) throws BenchmarkSetupException {
        int tokenIndex = indexOf(specs, options.tokenInput());
        NDArray ids = prompt.get(tokenIndex);
        if (ids.getShape().dimension() != 2) {
            throw new BenchmarkSetupException("The token input '" + options.tokenInput() + "' has shape "
                    + ids.getShape() + ": greedy decoding needs token ids shaped [batch, sequence].");
        }
        int rows = (int) ids.getShape().get(0);
        if (model.isPackage()) {
            GeneratedTokens g = model.generate(prompt, options.maxNewTokens(), options.stopTokens());
            return new Decoded(g.tokens(), g.stopped(), g.stepNanos(), DecodingMethod.PACKAGE_CACHE, g.cacheBytes(),
                    g.cachePositions());
        }
        CachedDecoding cached = CachedDecoding.of(model);
        if (cached != null) {
            return decodeCached(cached, predictor, prompt, specs, tokenIndex, options, manager, rows);
        }
        NDList inputs = new NDList(prompt);
        List<long[]> generated = new ArrayList<>();
        boolean[] stopped = new boolean[rows];
        int[] lengths = new int[rows];
        Arrays.fill(lengths, -1);
        long[] forwardNanos = new long[options.maxNewTokens()];
        int steps = 0;
        try (NDManager scratch = manager.newSubManager()) {
            while (steps < options.maxNewTokens()) {
                long start = System.nanoTime();
                long[] next;
                try (NDList outputs = model.predict(predictor, inputs, specs)) {
                    next = lastPositionArgmax(model, outputs, options.logitsOutput(), rows);
                }
                forwardNanos[steps] = System.nanoTime() - start;
                generated.add(next);
                boolean allStopped = record(next, steps, options, stopped, lengths);
                steps++;
                if (allStopped || steps == options.maxNewTokens()) {
                    break;
                }
                inputs = grown(inputs, specs, tokenIndex, next, scratch);
            }
        }
        return new Decoded(answers(generated, lengths, steps, rows), stopped, Arrays.copyOf(forwardNanos, steps),
                DecodingMethod.FULL_RECOMPUTE,
                0, 0);
    }

    /** The prefill, then one {@code decode} step per further token, the cache carried between them. */
    private static Decoded decodeCached(CachedDecoding cached, Predictor<NDList, NDList> predictor, NDList prompt,
            List<InputSpec> specs, int tokenIndex, Options options, NDManager manager, int rows)
            throws BenchmarkSetupException {
        int maskIndex = maskIndex(specs);
        List<long[]> generated = new ArrayList<>();
        boolean[] stopped = new boolean[rows];
        int[] lengths = new int[rows];
        Arrays.fill(lengths, -1);
        long[] stepNanos = new long[options.maxNewTokens()];
        int steps = 0;
        try (NDManager scratch = manager.newSubManager()) {
            long start = System.nanoTime();
            try (CachedDecoding.State state = cached.prefill(predictor, prompt, specs, tokenIndex, maskIndex)) {
                while (true) {
                    long[] next = argmaxLast(state.logits());
                    stepNanos[steps] = System.nanoTime() - start;
                    generated.add(next);
                    boolean allStopped = record(next, steps, options, stopped, lengths);
                    steps++;
                    if (allStopped || steps == options.maxNewTokens()) {
                        return new Decoded(answers(generated, lengths, steps, rows), stopped,
                                Arrays.copyOf(stepNanos, steps), DecodingMethod.KV_CACHE, state.cacheBytes(),
                                state.length());
                    }
                    start = System.nanoTime();
                    state.step(next, scratch);
                }
            }
        }
    }

    /** Notes each row that meets a stop token at {@code step}; returns whether every row has stopped. */
    private static boolean record(long[] next, int step, Options options, boolean[] stopped, int[] lengths) {
        boolean all = !options.stopTokens().isEmpty();
        for (int row = 0; row < next.length; row++) {
            if (!stopped[row] && options.stopTokens().contains(next[row])) {
                stopped[row] = true;
                lengths[row] = step;
            }
            all &= stopped[row];
        }
        return all;
    }

    private static long[][] answers(List<long[]> generated, int[] lengths, int steps, int rows) {
        long[][] tokens = new long[rows][];
        for (int row = 0; row < rows; row++) {
            int length = lengths[row] >= 0 ? lengths[row] : steps;
            tokens[row] = new long[length];
            for (int t = 0; t < length; t++) {
                tokens[row][t] = generated.get(t)[row];
            }
        }
        return tokens;
    }

    /** The arg-max of each row's last position, computed by the engine. */
    static long[] argmaxLast(NDArray logits) {
        try (NDArray last = logits.get(":, -1, :"); NDArray argmax = last.argMax(-1)) {
            return argmax.toType(DataType.INT64, false).toLongArray();
        }
    }

    /** The arg-max of the last position of the logits output, per row, computed by the engine. */
    private static long[] lastPositionArgmax(LoadedModel model, NDList outputs, int logitsOutput, int rows)
            throws BenchmarkSetupException {
        if (logitsOutput >= outputs.size()) {
            throw new BenchmarkSetupException("The logits output is number " + logitsOutput + ", but the "
                    + model.file().role() + " model " + model.file().path() + " returns " + outputs.size()
                    + " outputs.");
        }
        NDArray logits = outputs.get(logitsOutput);
        Shape shape = logits.getShape();
        if (shape.dimension() != 3 || shape.get(0) != rows) {
            throw new BenchmarkSetupException("Output " + logitsOutput + " of the " + model.file().role() + " model "
                    + model.file().path() + " has shape " + shape + ": greedy decoding needs logits shaped [batch "
                    + rows + ", positions, vocabulary] (the last position predicts the next token).");
        }
        return argmaxLast(logits);
    }

    /** The inputs of the next step: the token ids with {@code next} appended, and the mask and types grown. */
    private static NDList grown(NDList inputs, List<InputSpec> specs, int tokenIndex, long[] next, NDManager scratch) {
        NDList out = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            NDArray array = inputs.get(i);
            String name = specs.get(i).name();
            NDArray column;
            if (i == tokenIndex) {
                column = scratch.create(next, new Shape(next.length, 1));
            } else if (ATTENTION_MASK.equals(name)) {
                column = scratch.ones(new Shape(next.length, 1), DataType.INT64);
            } else if (TOKEN_TYPES.equals(name)) {
                column = scratch.zeros(new Shape(next.length, 1), DataType.INT64);
            } else {
                out.add(array);
                continue;
            }
            NDArray longer = array.concat(column.toType(array.getDataType(), false), 1);
            longer.setName(array.getName());
            out.add(longer);
        }
        return out;
    }

    /** The index of the attention mask among the inputs, or -1. */
    static int maskIndex(List<InputSpec> specs) {
        int maskIndex = -1;
        for (int i = 0; i < specs.size(); i++) {
            maskIndex = ATTENTION_MASK.equals(specs.get(i).name()) ? i : maskIndex;
        }
        return maskIndex;
    }

    static int indexOf(List<InputSpec> specs, String name) throws BenchmarkSetupException {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new BenchmarkSetupException("No input is named '" + name + "': greedy generation needs the token-id"
                + " input (inputs: " + specs.stream().map(InputSpec::name).toList() + "). Name it in"
                + " <generation><tokenInput>, or leave generation out of <suites> for a model that does not generate.");
    }
}
