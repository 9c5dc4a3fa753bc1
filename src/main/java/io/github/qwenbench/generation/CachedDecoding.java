package io.github.qwenbench.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import io.github.qwenbench.model.EngineMessages;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Key/value-cache decoding of a TorchScript model that follows the cached-generation contract (README,
 * "Cached generation"): {@code forward} is the prefill and returns {@code (logits, cache..., rope_deltas)};
 * an exported method {@code decode(input_ids [B, 1], attention_mask [B, S + 1], position_ids [B, 1],
 * cache...)} runs one step and returns {@code (logits, cache...)} one token longer. The positions carry
 * Qwen3-VL's rotary offset: a token at index {@code i} of the padded sequence sits at {@code i + rope_deltas}.
 * The engine runs {@code decode} through DJL's {@code IValueUtils.runMethod}.
 */
final class CachedDecoding {

    private final LoadedModel model;
    private final PtSymbolBlock block;

    private CachedDecoding(LoadedModel model, PtSymbolBlock block) {
        this.model = model;
        this.block = block;
    }

    /** The model's cached decoding, or null when it has no {@code decode} method (full recompute then). */
    static CachedDecoding of(LoadedModel model) {
        return model.hasDecodeMethod() ? new CachedDecoding(model, (PtSymbolBlock) model.zooModel().getBlock()) : null;
    }

    /** The state after the prefill: the next tokens' logits, the cache, the rotary offset and the mask. */
    final class State implements AutoCloseable {
        private NDArray logits;
        private List<NDArray> cache;
        private final long[] ropeDeltas;
        private long[] mask;
        private final int rows;
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
            List<IValue> args = new ArrayList<>();
            try (NDManager scratch = manager.newSubManager()) {
                args.add(IValue.from((PtNDArray) scratch.create(tokens, new Shape(rows, 1))));
                args.add(IValue.from((PtNDArray) scratch.create(grown, new Shape(rows, length + 1))));
                args.add(IValue.from((PtNDArray) scratch.create(positions, new Shape(rows, 1))));
                for (NDArray c : cache) {
                    args.add(IValue.from((PtNDArray) c));
                }
                IValue[] out;
                try (IValue result = IValueUtils.runMethod(block, LoadedModel.DECODE_METHOD, args.toArray(IValue[]::new))) {
                    if (!result.isTuple()) {
                        throw contract("decode returned one value, not the tuple (logits, cache...)");
                    }
                    out = result.toIValueTuple();
                } catch (RuntimeException e) {
                    throw new BenchmarkSetupException("The " + model.file().role() + " model " + model.file().path()
                            + " failed in its decode method at cache length " + length + ": "
                            + EngineMessages.rootCause(e) + ". Check that decode follows the cached-generation"
                            + " contract (README, \"Cached generation\") and that the sequence fits the model.", e);
                }
                try {
                    if (out.length != 1 + cache.size()) {
                        throw contract("decode returned " + out.length + " values, but it must return the logits and"
                                + " the " + cache.size() + " cache tensors the prefill returned");
                    }
                    NDArray nextLogits = out[0].toTensor((PtNDManager) manager);
                    List<NDArray> nextCache = new ArrayList<>();
                    for (int i = 1; i < out.length; i++) {
                        nextCache.add(out[i].toTensor((PtNDManager) manager));
                    }
                    requireLogits(nextLogits, rows, "decode");
                    requireOnePositionLonger(cacheBytes(), bytes(nextCache));
                    logits.close();
                    cache.forEach(NDArray::close);
                    logits = nextLogits;
                    cache = nextCache;
                } finally {
                    for (IValue value : out) {
                        value.close();
                    }
                }
            } finally {
                args.forEach(IValue::close);
            }
            mask = grown;
            length++;
        }

        @Override
        public void close() {
            logits.close();
            cache.forEach(NDArray::close);
        }
    }

    /**
     * Runs the prefill on {@code inputs} (which must include the attention mask at {@code maskIndex}).
     * The prefill's outputs become the state; the caller closes it.
     */
    State prefill(NDList inputs, List<InputSpec> specs, int tokenIndex, int maskIndex)
            throws BenchmarkSetupException {
        if (maskIndex < 0) {
            throw contract("the model has a decode method, but its forward takes no attention_mask, which cached"
                    + " decoding grows by one position per step");
        }
        NDArray ids = inputs.get(tokenIndex);
        int rows = (int) ids.getShape().get(0);
        int length = (int) ids.getShape().get(1);
        NDList outputs = model.predict(inputs, specs);
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

    private BenchmarkSetupException contract(String problem) {
        return new BenchmarkSetupException("The " + model.file().role() + " model " + model.file().path()
                + " does not follow the cached-generation contract: " + problem + ". See README, \"Cached"
                + " generation\", for the contract and an export example.");
    }
}
