package io.github.qwenbench.decoding;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.model.EngineMessages;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Key/value-cache decoding of a TorchScript model that follows the cached-generation contract (README,
 * "Cached generation"): {@code forward} is the prefill and returns {@code (logits, cache..., rope_deltas)};
 * an exported method {@code decode(input_ids [B, 1], attention_mask [B, S + 1], position_ids [B, 1],
 * cache...)} runs one step and returns {@code (logits, cache...)} one token longer. The positions carry
 * Qwen3-VL's rotary offset: a token at index {@code i} of the padded sequence sits at {@code i + rope_deltas}.
 * The model runs {@code decode} through its engine ({@link LoadedModel#decode}).
 */
final class CachedDecoding {

    private final LoadedModel model;

    private CachedDecoding(LoadedModel model) {
        this.model = model;
    }

    /** The model's cached decoding, or null when it has no {@code decode} method (full recompute then). */
    static CachedDecoding of(LoadedModel model) {
        return model.hasDecodeMethod() ? new CachedDecoding(model) : null;
    }

    /** The state after the prefill: the next tokens' logits, the cache, the rotary offset and the mask. */
    final class State implements AutoCloseable {
        private NDArray logits;
        private List<NDArray> cache;
        private long[] ropeDeltas;
        private long[] mask;
        private int rows;
        private int length;

        private State(NDArray logits, List<NDArray> cache, long[] ropeDeltas, long[] mask, int rows, int length) {
            this.logits = logits;
            this.cache = cache;
            this.ropeDeltas = ropeDeltas;
            this.mask = mask;
            this.rows = rows;
            this.length = length;
        }

        NDArray logits() {
            return logits;
        }

        /**
         * Each row's next token, the arg-max of its logits, which are then released: continuous batching
         * needs only the tokens, and joining and splitting the batch need not copy a vocabulary per row.
         */
        long[] takeNextTokens() {
            long[] tokens = GreedyDecoder.argmaxLast(logits);
            logits.close();
            logits = null;
            return tokens;
        }

        /** Bytes of every cache tensor, from their shapes and dtypes. */
        long cacheBytes() {
            return bytes(cache);
        }

        /**
         * A step adds one position: the cache may grow by at most its bytes per position (and a
         * little for rounding). More is a cache that grows without bound, which would exhaust memory
         * long before the answer ends.
         */
        private void requireOnePositionLonger(long before, long after) throws BenchmarkSetupException {
            long allowed = before + (long) Math.ceil((double) before / length) + 64;
            if (after > allowed) {
                throw contract(String.format(java.util.Locale.ROOT, "at cache length %d its decode returned a cache"
                        + " of %d bytes after %d: a step adds one position (about %d bytes here), so the cache grows"
                        + " without bound", length, after, before, before / length));
            }
        }

        /** Positions held by the cache: the prompt (padding included) and the tokens decoded so far. */
        int length() {
            return length;
        }

        /** One step: feeds {@code tokens} (one per row) and replaces the logits and the cache. */
        void step(long[] tokens, NDManager manager) throws BenchmarkSetupException {
            long[] grown = new long[rows * (length + 1)];
            long[] positions = new long[rows];
            for (int row = 0; row < rows; row++) {
                System.arraycopy(mask, row * length, grown, row * (length + 1), length);
                grown[row * (length + 1) + length] = 1;
                positions[row] = length + ropeDeltas[row];
            }
            try (NDManager scratch = manager.newSubManager()) {
                List<NDArray> args = new ArrayList<>();
                args.add(scratch.create(tokens, new Shape(rows, 1)));
                args.add(scratch.create(grown, new Shape(rows, length + 1)));
                args.add(scratch.create(positions, new Shape(rows, 1)));
                args.addAll(cache);
                List<NDArray> out;
                try {
                    out = model.decode(args, manager);
                } catch (RuntimeException e) {
                    throw new BenchmarkSetupException("The " + model.file().role() + " model " + model.file().path()
                            + " failed in its decode method at cache length " + length + ": "
                            + EngineMessages.rootCause(e) + ". Check that decode follows the cached-generation"
                            + " contract (README, \"Cached generation\") and that the sequence fits the model.", e);
                }
                if (out == null) {
                    throw contract("decode returned one value, not the tuple (logits, cache...)");
                }
                boolean kept = false;
                try {
                    if (out.size() != 1 + cache.size()) {
                        throw contract("decode returned " + out.size() + " values, but it must return the logits and"
                                + " the " + cache.size() + " cache tensors the prefill returned");
                    }
                    NDArray nextLogits = out.get(0);
                    List<NDArray> nextCache = new ArrayList<>(out.subList(1, out.size()));
                    requireLogits(nextLogits, rows, "decode");
                    requireOnePositionLonger(cacheBytes(), bytes(nextCache));
                    if (logits != null) {
                        logits.close();
                    }
                    cache.forEach(NDArray::close);
                    logits = nextLogits;
                    cache = nextCache;
                    kept = true;
                } finally {
                    if (!kept) {
                        out.forEach(NDArray::close);
                    }
                }
            }
            mask = grown;
            length++;
        }

        /** The cache tensors' shapes, for {@link Layout#learn}. */
        List<Shape> cacheShapes() {
            return cache.stream().map(NDArray::getShape).toList();
        }

        /** An independent copy in {@code into}: stepping it leaves this state as it is. */
        State copy(NDManager into) {
            List<NDArray> copied = new ArrayList<>();
            for (NDArray c : cache) {
                NDArray d = c.duplicate();
                d.attach(into);
                copied.add(d);
            }
            NDArray l = logits == null ? null : logits.duplicate();
            if (l != null) {
                l.attach(into);
            }
            return new State(l, copied, ropeDeltas.clone(), mask.clone(), rows, length);
        }

        /** Rows (sequences) in this state. */
        int rows() {
            return rows;
        }

        /**
         * This state and {@code other} as one batch: this one's rows first. The shorter is padded on the
         * left (cache zeros, mask 0), so every row keeps its positions: its rotary offset shrinks by the
         * padding. Both states are used up; close the returned one.
         */
        State join(State other, Layout layout) throws BenchmarkSetupException {
            int joined = Math.max(length, other.length);
            List<NDArray> merged = new ArrayList<>();
            for (int i = 0; i < cache.size(); i++) {
                int sequenceAxis = layout.sequenceAxes()[i];
                NDArray a = padded(cache.get(i), sequenceAxis, joined - length);
                NDArray b = padded(other.cache.get(i), sequenceAxis, joined - other.length);
                boolean fits = sameExceptBatch(a.getShape(), b.getShape(), layout.batchAxes()[i]);
                Shape left = a.getShape();
                Shape right = b.getShape();
                if (fits) {
                    merged.add(a.concat(b, layout.batchAxes()[i]));
                }
                closeIfPadded(a, cache.get(i));
                closeIfPadded(b, other.cache.get(i));
                if (!fits) {
                    merged.forEach(NDArray::close);
                    throw contract("cache tensor " + i + " of two sequences cannot be joined into one batch along axis "
                            + layout.batchAxes()[i] + ": " + left + " and " + right + " (continuous batching takes the"
                            + " batch axis as the first axis of size 1 in a one-sequence prefill)");
                }
            }
            NDArray mergedLogits = logits == null || other.logits == null ? null : logits.concat(other.logits, 0);
            long[] mergedMask = new long[(rows + other.rows) * joined];
            long[] mergedDeltas = new long[rows + other.rows];
            copyRows(this, joined, mergedMask, mergedDeltas, 0);
            copyRows(other, joined, mergedMask, mergedDeltas, rows);
            close();
            other.close();
            return new State(mergedLogits, merged, mergedDeltas, mergedMask, rows + other.rows, joined);
        }

        /**
         * Keeps the rows marked in {@code keep}, in order, and drops the leading positions that every
         * kept row masks (padding left behind by longer sequences that ended). At least one row must stay.
         */
        void keep(boolean[] keep, Layout layout) {
            int[] kept = java.util.stream.IntStream.range(0, rows).filter(r -> keep[r]).toArray();
            int trim = length;
            for (int row : kept) {
                int lead = 0;
                while (lead < length && mask[row * length + lead] == 0) {
                    lead++;
                }
                trim = Math.min(trim, lead);
            }
            int newLength = length - trim;
            long[] newMask = new long[kept.length * newLength];
            long[] newDeltas = new long[kept.length];
            for (int k = 0; k < kept.length; k++) {
                System.arraycopy(mask, kept[k] * length + trim, newMask, k * newLength, newLength);
                newDeltas[k] = ropeDeltas[kept[k]] + trim;
            }
            try (NDManager scratch = cache.get(0).getManager().newSubManager()) {
                NDArray rowIndex = scratch.create(Arrays.stream(kept).asLongStream().toArray());
                List<NDArray> keptCache = new ArrayList<>();
                for (int i = 0; i < cache.size(); i++) {
                    NDArray c = cache.get(i);
                    NDArray rowsKept = c.get(index(layout.batchAxes()[i], rowIndex));
                    NDArray trimmed = trim == 0 ? rowsKept
                            : rowsKept.get(new NDIndex().addAllDim(layout.sequenceAxes()[i])
                                    .addSliceDim(trim, length));
                    if (trimmed != rowsKept) {
                        rowsKept.close();
                    }
                    trimmed.attach(c.getManager());
                    keptCache.add(trimmed);
                }
                NDArray keptLogits = null;
                if (logits != null) {
                    keptLogits = logits.get(index(0, rowIndex));
                    keptLogits.attach(logits.getManager());
                }
                close();
                logits = keptLogits;
                cache = keptCache;
            }
            ropeDeltas = newDeltas;
            mask = newMask;
            rows = kept.length;
            length = newLength;
        }

        @Override
        public void close() {
            if (logits != null) {
                logits.close();
            }
            cache.forEach(NDArray::close);
        }
    }

    /**
     * Where each cache tensor keeps its sequences and its positions, which continuous batching needs to
     * join and split sequences: learned from a one-sequence prefill and one step, as the axis that grew
     * by one position (sequence) and the first other axis of size 1 (batch).
     */
    record Layout(int[] batchAxes, int[] sequenceAxes) {

        static Layout learn(List<Shape> prefill, List<Shape> afterStep, CachedDecoding decoding)
                throws BenchmarkSetupException {
            int[] batch = new int[prefill.size()];
            int[] sequence = new int[prefill.size()];
            for (int i = 0; i < prefill.size(); i++) {
                long[] before = prefill.get(i).getShape();
                long[] after = afterStep.get(i).getShape();
                sequence[i] = -1;
                batch[i] = -1;
                for (int axis = 0; axis < before.length && before.length == after.length; axis++) {
                    sequence[i] = after[axis] == before[axis] + 1 && sequence[i] < 0 ? axis : sequence[i];
                }
                for (int axis = 0; axis < before.length; axis++) {
                    batch[i] = before[axis] == 1 && axis != sequence[i] && batch[i] < 0 ? axis : batch[i];
                }
                if (sequence[i] < 0 || batch[i] < 0) {
                    throw decoding.contract("continuous batching needs every cache tensor to keep the sequences on an"
                            + " axis of size 1 for one sequence and the positions on an axis that grows by one per"
                            + " step, but cache tensor " + i + " is " + prefill.get(i) + " after the prefill and "
                            + afterStep.get(i) + " after one step");
                }
            }
            return new Layout(batch, sequence);
        }
    }

    private static void copyRows(State from, int joined, long[] mask, long[] deltas, int firstRow) {
        int pad = joined - from.length;
        for (int row = 0; row < from.rows; row++) {
            System.arraycopy(from.mask, row * from.length, mask, (firstRow + row) * joined + pad, from.length);
            deltas[firstRow + row] = from.ropeDeltas[row] - pad;
        }
    }

    /** {@code tensor} with {@code count} zero positions before its own along {@code axis}; the same tensor when 0. */
    private static NDArray padded(NDArray tensor, int axis, int count) {
        if (count == 0) {
            return tensor;
        }
        long[] shape = tensor.getShape().getShape();
        shape[axis] = count;
        try (NDArray zeros = tensor.getManager().zeros(new Shape(shape), tensor.getDataType())) {
            return zeros.concat(tensor, axis);
        }
    }

    private static void closeIfPadded(NDArray padded, NDArray original) {
        if (padded != original) {
            padded.close();
        }
    }

    private static boolean sameExceptBatch(Shape a, Shape b, int batchAxis) {
        if (a.dimension() != b.dimension()) {
            return false;
        }
        for (int axis = 0; axis < a.dimension(); axis++) {
            if (axis != batchAxis && a.get(axis) != b.get(axis)) {
                return false;
            }
        }
        return true;
    }

    /** Selects the rows {@code rows} along {@code axis}. */
    private static NDIndex index(int axis, NDArray rows) {
        return new NDIndex().addAllDim(axis).addIndices("{}", rows);
    }

    /**
     * Runs the prefill on {@code inputs} (which must include the attention mask at {@code maskIndex}).
     * The prefill's outputs become the state; the caller closes it. It runs through {@code predictor} (one
     * per thread when several threads serve), or the model's own when null.
     */
    State prefill(Predictor<NDList, NDList> predictor, NDList inputs, List<InputSpec> specs, int tokenIndex,
            int maskIndex) throws BenchmarkSetupException {
        if (maskIndex < 0) {
            throw contract("the model has a decode method, but its forward takes no attention_mask, which cached"
                    + " decoding grows by one position per step");
        }
        NDArray ids = inputs.get(tokenIndex);
        int rows = (int) ids.getShape().get(0);
        int length = (int) ids.getShape().get(1);
        NDList outputs = model.predict(predictor, inputs, specs);
        if (outputs.size() < 3) {
            outputs.close();
            throw contract("its forward (the prefill) returned " + outputs.size() + " outputs, but a model with a"
                    + " decode method must return (logits, cache..., rope_deltas)");
        }
        NDArray logits = outputs.get(0);
        NDArray deltas = outputs.get(outputs.size() - 1);
        if (!deltas.getShape().equals(new Shape(rows, 1)) || !deltas.getDataType().isInteger()) {
            Shape shape = deltas.getShape();
            outputs.close();
            throw contract("the prefill's last output must be rope_deltas, int64 [" + rows + ", 1], but it is "
                    + shape);
        }
        requireLogits(logits, rows, "forward");
        long[] ropeDeltas = deltas.toType(DataType.INT64, false).toLongArray();
        deltas.close();
        List<NDArray> cache = new ArrayList<>(outputs.subList(1, outputs.size() - 1));
        long[] mask = inputs.get(maskIndex).toType(DataType.INT64, false).toLongArray();
        return new State(logits, cache, ropeDeltas, mask, rows, length);
    }

    private static long bytes(List<NDArray> tensors) {
        long bytes = 0;
        for (NDArray t : tensors) {
            bytes += t.getShape().size() * t.getDataType().getNumOfBytes();
        }
        return bytes;
    }

    private void requireLogits(NDArray logits, int rows, String method) throws BenchmarkSetupException {
        if (logits.getShape().dimension() != 3 || logits.getShape().get(0) != rows) {
            throw contract(method + "'s first output must be the logits [" + rows + ", positions, vocabulary], but it"
                    + " is " + logits.getShape());
        }
    }

    BenchmarkSetupException contract(String problem) {
        return new BenchmarkSetupException("The " + model.file().role() + " model " + model.file().path()
                + " does not follow the cached-generation contract: " + problem + ". See README, \"Cached"
                + " generation\", for the contract and an export example.");
    }
}
