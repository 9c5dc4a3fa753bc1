package io.github.qwenbench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequences decoding together over one cache of a package's decoder, for continuous batching: a sequence
 * joins after its own prefill and leaves when its answer ends, and each {@link #step} decodes one token for
 * all of them in one decoder run. The cache tensors ({@code present.<i>.key/value}, {@code [batch, kv heads,
 * positions, head dim]}) keep the rows left-padded to one length, the padding masked out in
 * {@code attention_mask}; each row keeps its own rotary positions (the prompt's last plus one per step, as
 * alone), so a sequence decoded in a batch gets the tokens it gets alone. Joining and leaving run inside
 * ONNX Runtime ({@link CacheOps}: ONNX Runtime's Java API has no tensor operations, and Java buffers are capped
 * far below a real model's cache); between them each step feeds the previous step's present tensors back
 * without copying, as greedy generation does. When rows leave, the leading positions every remaining row masks
 * are trimmed.
 */
public final class PackageBatch implements AutoCloseable {

    private final PackageGeneration generation;
    private final List<String> presentNames;
    private PackageGeneration.Past cache;
    /** Each row's attention mask over the cache's positions, {@code [rows][length]}. */
    private long[][] mask;
    /** The rotary position each row's next fed token takes, {@code [3][rows]}. */
    private long[][] positions;
    /** Each row's next token, the arg-max of the last run's logits. */
    private long[] next;

    private PackageBatch(PackageGeneration generation, List<String> presentNames, PackageGeneration.Past cache,
            long[][] mask, long[][] positions, long[] next) {
        this.generation = generation;
        this.presentNames = presentNames;
        this.cache = cache;
        this.mask = mask;
        this.positions = positions;
        this.next = next;
    }

    /** Prefills {@code prompt}'s rows; each row's first token is then {@link #nextTokens() known}. */
    static PackageBatch prefill(PackageGeneration generation, PackageGeneration.Prompt prompt, int layers)
            throws BenchmarkSetupException {
        int rows = prompt.inputIds().length;
        int length = prompt.inputIds()[0].length;
        try {
            PackageGeneration.Prefill p = generation.prepare(prompt);
            PackageGeneration.Step step = generation.prefillSteps(p, prompt.attentionMask(), rows, length);
            long[] first = nextTokens(step, rows);
            long[][] at = new long[3][rows];
            for (int r = 0; r < 3; r++) {
                for (int b = 0; b < rows; b++) {
                    at[r][b] = p.last()[r][b] + 1;
                }
            }
            long[][] mask = new long[rows][];
            for (int b = 0; b < rows; b++) {
                mask[b] = prompt.attentionMask()[b].clone();
            }
            return new PackageBatch(generation, PackageGraphs.presentNames(layers), step, mask, at, first);
        } catch (OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime refused the prefill of a sequence joining the batch: "
                    + e.getMessage() + ". The inputs were " + rows + " prompts of " + length + " tokens with "
                    + prompt.grids().size() + " images.", e);
        }
    }

    /** Each row's arg-max of {@code step}'s logits; the step is closed if that fails. */
    private static long[] nextTokens(PackageGeneration.Step step, int rows) {
        try {
            return PackageGeneration.lastArgMax(step, rows);
        } catch (RuntimeException e) {
            step.close();
            throw e;
        }
    }

    /** Sequences in the batch. */
    public int size() {
        return mask.length;
    }

    /** Positions the cache holds (padding included). */
    public int length() {
        return mask[0].length;
    }

    /** Each row's next token: after the prefill its first, after a step the one that step chose. */
    public long[] nextTokens() {
        return next.clone();
    }

    /** One decoder run: feeds each row's {@code tokens} entry at its next position; the next tokens follow. */
    public void step(long[] tokens) throws BenchmarkSetupException {
        int rows = size();
        if (tokens.length != rows) {
            throw new IllegalArgumentException(tokens.length + " tokens for " + rows + " sequences");
        }
        long[][][] at = new long[3][rows][1];
        for (int b = 0; b < rows; b++) {
            for (int r = 0; r < 3; r++) {
                at[r][b][0] = positions[r][b];
            }
        }
        long[][] grown = PackageGeneration.appendOne(mask);
        try {
            PackageGeneration.Step step = generation.decodeStep(tokens, grown, at, cache);
            long[] chosen = nextTokens(step, rows);
            cache.close();
            cache = step;
            next = chosen;
        } catch (OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime refused a decode step of " + rows + " sequences over a cache"
                    + " of " + length() + " positions: " + e.getMessage(), e);
        }
        mask = grown;
        for (int r = 0; r < 3; r++) {
            for (int b = 0; b < rows; b++) {
                positions[r][b]++;
            }
        }
    }

    /**
     * This batch's rows, then {@code other}'s, in one batch: the shorter cache left-padded (masked) to the
     * longer's length. Both are consumed.
     */
    public PackageBatch join(PackageBatch other) throws BenchmarkSetupException {
        int length = Math.max(length(), other.length());
        int rows = size() + other.size();
        long[][] joinedMask = new long[rows][];
        long[][] joinedPositions = new long[3][rows];
        long[] joinedNext = new long[rows];
        int row = 0;
        for (PackageBatch part : List.of(this, other)) {
            for (int b = 0; b < part.size(); b++, row++) {
                joinedMask[row] = new long[length];
                System.arraycopy(part.mask[b], 0, joinedMask[row], length - part.length(), part.length());
                for (int r = 0; r < 3; r++) {
                    joinedPositions[r][row] = part.positions[r][b];
                }
                joinedNext[row] = part.next[b];
            }
        }
        Results joined = new Results();
        try {
            for (String name : presentNames) {
                OnnxTensor a = cache.tensor(name);
                OnnxTensor b = other.cache.tensor(name);
                long[] shape = a.getInfo().getShape();
                long[] otherShape = b.getInfo().getShape();
                if (shape[1] != otherShape[1] || shape[3] != otherShape[3]) {
                    throw new BenchmarkSetupException("the decoder's " + name + " of two sequences cannot be joined: "
                            + Arrays.toString(shape) + " and " + Arrays.toString(otherShape));
                }
                joined.put(name, CacheOps.join(a, length - length(), b, length - other.length()));
            }
        } catch (OrtException e) {
            joined.close();
            throw new BenchmarkSetupException("ONNX Runtime could not join the caches of " + rows + " sequences: "
                    + e.getMessage(), e);
        } catch (BenchmarkSetupException | RuntimeException e) {
            joined.close();
            throw e;
        }
        close();
        other.close();
        return new PackageBatch(generation, presentNames, joined, joinedMask, joinedPositions, joinedNext);
    }

    /**
     * Keeps the rows marked in {@code keep}, in order, and drops the leading positions that every kept row
     * masks (padding left by longer sequences that ended). At least one row must stay.
     */
    public void keep(boolean[] keep) throws BenchmarkSetupException {
        int[] kept = java.util.stream.IntStream.range(0, size()).filter(r -> keep[r]).toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException("at least one sequence stays in a batch");
        }
        int trim = length();
        for (int b : kept) {
            int lead = 0;
            while (lead < length() && mask[b][lead] == 0) {
                lead++;
            }
            trim = Math.min(trim, lead);
        }
        int length = length() - trim;
        long[] rowsKept = Arrays.stream(kept).asLongStream().toArray();
        Results smaller = new Results();
        try {
            for (String name : presentNames) {
                smaller.put(name, CacheOps.keep(cache.tensor(name), rowsKept, trim));
            }
        } catch (OrtException e) {
            smaller.close();
            throw new BenchmarkSetupException("ONNX Runtime could not keep the cache of the " + kept.length
                    + " sequences that stay: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            smaller.close();
            throw e;
        }
        long[][] keptMask = new long[kept.length][];
        long[][] keptPositions = new long[3][kept.length];
        long[] keptNext = new long[kept.length];
        for (int k = 0; k < kept.length; k++) {
            keptMask[k] = Arrays.copyOfRange(mask[kept[k]], trim, trim + length);
            for (int r = 0; r < 3; r++) {
                keptPositions[r][k] = positions[r][kept[k]];
            }
            keptNext[k] = next[kept[k]];
        }
        cache.close();
        cache = smaller;
        mask = keptMask;
        positions = keptPositions;
        next = keptNext;
    }

    /** Cache tensors made by {@link CacheOps} (after a join or a leave), closed with the batch or the next step. */
    private static final class Results implements PackageGeneration.Past {
        private final Map<String, OrtSession.Result> byName = new LinkedHashMap<>();

        void put(String name, OrtSession.Result result) {
            byName.put(name, result);
        }

        @Override
        public OnnxTensor tensor(String presentName) {
            return (OnnxTensor) byName.get(presentName).get(0);
        }

        @Override
        public void close() {
            new ArrayList<>(byName.values()).forEach(OrtSession.Result::close);
            byName.clear();
        }
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
