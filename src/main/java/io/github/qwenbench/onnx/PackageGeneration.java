package io.github.qwenbench.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy generation over a three-part package, doing the caller's part as Hugging Face does: the vision
 * encoder turns the patches into image features (and DeepStack features); the embedding turns the
 * token ids into embeddings, into which the image features are copied at the image tokens, in order;
 * the three-row rotary positions come from {@link RopePositions}; the decoder's prefill starts from
 * empty past key values, and each decode step feeds the previous step's {@code present.*} tensors back
 * as {@code past_key_values.*} without copying them (the join of past and new positions happens inside
 * the decoder graph). Rows are left-padded to one length; a row that met its stop token keeps being fed
 * its last token (rows do not attend to each other), as Hugging Face's {@code generate} feeds padding, until
 * every row stopped.
 */
public final class PackageGeneration {

    /**
     * One batch of prompts, preprocessed.
     *
     * @param inputIds token ids, {@code [batch][sequence]}, left-padded
     * @param attentionMask 1 for a token, 0 for padding
     * @param pixelValues every image's flattened patches, one after the other ({@code patches x patchLength})
     * @param patchLength values per patch
     * @param grids each image's {@code (t, h, w)} patch grid, in the order of the images in the batch
     */
    public record Prompt(long[][] inputIds, long[][] attentionMask, float[] pixelValues, int patchLength,
            List<long[]> grids) {
    }

    /**
     * @param tokens each row's generated tokens, up to and without its stop token
     * @param stopped whether each row met a stop token
     * @param stepNanos the time of every step: the first is the prefill (vision, embedding, merge, positions,
     *        decoder, arg-max), the others one decode step each
     * @param cacheBytes bytes of the present key values after the last step
     * @param cachePositions positions the cache held then (padded prompt and generated tokens)
     */
    public record Generated(long[][] tokens, boolean[] stopped, long[] stepNanos, long cacheBytes, int cachePositions) {
    }

    private final PackageGraphs graphs;
    private final PackageConfig config;
    private final OrtEnvironment env = OrtRuntime.environment();
    private final Set<String> presentNames;
    /** Each thread's logits buffer, grown as needed (several users may generate at once). */
    private final ThreadLocal<ByteBuffer> logitsBuffers = new ThreadLocal<>();

    public PackageGeneration(PackageGraphs graphs, PackageConfig config) {
        this.graphs = graphs;
        this.config = config;
        this.presentNames = Set.copyOf(PackageGraphs.presentNames(config.layers()));
    }

    /** A direct buffer of {@code floats} floats, this thread's, reused from run to run. */
    private FloatBuffer logitsBuffer(int floats) {
        ByteBuffer buffer = logitsBuffers.get();
        if (buffer == null || buffer.capacity() < 4 * floats) {
            buffer = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder());
            logitsBuffers.set(buffer);
        }
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        view.clear().limit(4 * floats);
        return view.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Generates at most {@code maxNewTokens} per row, stopping a row at any of {@code stops}. */
    public Generated generate(Prompt prompt, int maxNewTokens, Set<Long> stops) throws BenchmarkSetupException {
        int batch = prompt.inputIds().length;
        int length = prompt.inputIds()[0].length;
        List<long[]> tokens = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            tokens.add(new long[maxNewTokens]);
        }
        int[] produced = new int[batch];
        boolean[] stopped = new boolean[batch];
        long[] stepNanos = new long[maxNewTokens];
        int steps = 0;
        Step previous = null;
        long cacheBytes = 0;
        int cached = 0;
        try {
            long start = System.nanoTime();
            Prefill prefill = prepare(prompt);
            long[][] last = prefill.last;
            long[][] mask = prompt.attentionMask();
            Step result = prefillSteps(prefill, mask, batch, length);
            cached = length;
            while (true) {
                long[] next = lastArgMax(result, batch);
                for (int b = 0; b < batch; b++) {
                    if (stopped[b]) {
                        next[b] = tokens.get(b)[Math.max(0, produced[b] - 1)];
                        continue;
                    }
                    if (stops.contains(next[b])) {
                        stopped[b] = true;
                    } else {
                        tokens.get(b)[produced[b]++] = next[b];
                    }
                }
                stepNanos[steps++] = System.nanoTime() - start;
                if (previous != null) {
                    previous.close();
                }
                previous = result;
                if (steps == maxNewTokens || all(stopped)) {
                    break;
                }
                start = System.nanoTime();
                mask = appendOne(mask);
                result = decodeStep(next, mask, RopePositions.decodeStep(last, steps - 1), previous);
                cached++;
            }
            cacheBytes = presentBytes(previous.presents());
        } catch (OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime refused a step of greedy generation: " + e.getMessage()
                    + ". The inputs were " + batch + " prompts of " + length + " tokens with " + prompt.grids().size()
                    + " images.", e);
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
        long[][] out = new long[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = Arrays.copyOf(tokens.get(b), produced[b]);
        }
        return new Generated(out, stopped, Arrays.copyOf(stepNanos, steps), cacheBytes, cached);
    }

    /** Prefills {@code prompt}'s rows as a batch that others may join and leave ({@link PackageBatch}). */
    public PackageBatch prefillBatch(Prompt prompt) throws BenchmarkSetupException {
        return PackageBatch.prefill(this, prompt, config.layers());
    }

    /**
     * The logits of a prefill, {@code [batch, sequence, vocabulary]}: the package's forward pass, as the
     * tensor suites measure and compare it.
     *
     * @param values the logits, row-major
     * @param shape their shape
     */
    public record Logits(float[] values, long[] shape) {
    }

    /**
     * Runs the prefill of {@code prompt} alone (vision, embedding, merge, positions, decoder) and copies each
     * row's next-token logits, those of its last position, {@code [batch, 1, vocabulary]}: what generation
     * reads. The logits of the other positions are not copied out (a batch of long prompts would hold
     * gigabytes of them, and copying them would be timed as the model's work).
     */
    public Logits prefill(Prompt prompt) throws BenchmarkSetupException {
        int batch = prompt.inputIds().length;
        int length = prompt.inputIds()[0].length;
        try {
            Prefill p = prepare(prompt);
            try (Step last = prefillSteps(p, prompt.attentionMask(), batch, length)) {
                return nextTokenLogits(last, batch);
            }
        } catch (OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime refused the prefill: " + e.getMessage() + ". The inputs were "
                    + batch + " prompts of " + length + " tokens with " + prompt.grids().size() + " images.", e);
        }
    }

    /**
     * The next-token logits after the prefill and after each of the given tokens, fed in turn as decode steps
     * (teacher forcing: both models of a comparison take the same tokens, so that their logits are compared
     * at the same positions): {@code forced[b].length + 1} logits of {@code [batch, 1, vocabulary]}.
     *
     * @param forced each row's tokens, {@code [batch][steps]}
     */
    public List<Logits> forced(Prompt prompt, long[][] forced) throws BenchmarkSetupException {
        int batch = prompt.inputIds().length;
        int length = prompt.inputIds()[0].length;
        int steps = forced[0].length;
        List<Logits> out = new ArrayList<>();
        Step previous = null;
        try {
            Prefill prefill = prepare(prompt);
            long[][] mask = prompt.attentionMask();
            Step result = prefillSteps(prefill, mask, batch, length);
            for (int s = 0; ; s++) {
                out.add(nextTokenLogits(result, batch));
                if (previous != null) {
                    previous.close();
                }
                previous = result;
                if (s == steps) {
                    break;
                }
                long[] next = new long[batch];
                for (int b = 0; b < batch; b++) {
                    next[b] = forced[b][s];
                }
                mask = appendOne(mask);
                result = decodeStep(next, mask, RopePositions.decodeStep(prefill.last, s), previous);
            }
        } catch (OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime refused a step of the forced decoding: " + e.getMessage()
                    + ". The inputs were " + batch + " prompts of " + length + " tokens with " + prompt.grids().size()
                    + " images.", e);
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
        return out;
    }

    /**
     * One decode step: each row's {@code next} token embedded, at the step's {@code positions} ({@code [3][batch][1]}),
     * over {@code past}'s present key values, with {@code mask} (already one position longer).
     */
    Step decodeStep(long[] next, long[][] mask, long[][][] positions, Past past) throws OrtException {
        int batch = next.length;
        long[][] ids = new long[batch][1];
        for (int b = 0; b < batch; b++) {
            ids[b][0] = next[b];
        }
        float[] embeds = embed(ids);
        return decode(embeds, new long[] {batch, 1, embeds.length / batch}, mask, positions, past, null, batch);
    }

    /** Each row's logits at the step's last position, {@code [batch, 1, vocabulary]}, copied out. */
    private static Logits nextTokenLogits(Step step, int batch) {
        int vocabulary = step.vocabulary();
        float[] next = new float[batch * vocabulary];
        FloatBuffer logits = step.logits().duplicate();
        for (int b = 0; b < batch; b++) {
            logits.position((b * step.positions() + step.positions() - 1) * vocabulary);
            logits.get(next, b * vocabulary, vocabulary);
        }
        return new Logits(next, new long[] {batch, 1, vocabulary});
    }

    /**
     * The bytes of logits one decoder run may write: 256 MiB, or an eighth of the JVM's direct memory when
     * that is less (a system worker's is small).
     */
    static final long LOGITS_BYTES = Math.min(256L << 20, maxDirectMemory() / 8);

    /**
     * Runs the prefill through the decoder in slices of positions whose logits fit {@link #LOGITS_BYTES},
     * each slice's present key values the next one's past (as chunked prefill does: the same attention, the
     * cache grown slice by slice); returns the last slice's step, whose logits end at the prompt's last
     * position. A prompt short enough runs in one slice.
     */
    Step prefillSteps(Prefill p, long[][] mask, int batch, int length) throws OrtException {
        int vocabulary = graphs.vocabulary();
        int slice = (int) Math.max(1, Math.min(length, LOGITS_BYTES / (4L * batch * vocabulary)));
        int levels = p.deepstack == null ? 0 : p.deepstack.length / (batch * length * p.hidden);
        Step past = null;
        try {
            for (int from = 0; from < length; from += slice) {
                int to = Math.min(length, from + slice);
                int n = to - from;
                float[] embeds = new float[batch * n * p.hidden];
                long[][] prefix = new long[batch][];
                long[][][] positions = new long[3][batch][];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(p.embeds, (b * length + from) * p.hidden, embeds, b * n * p.hidden, n * p.hidden);
                    prefix[b] = Arrays.copyOf(mask[b], to);
                    for (int r = 0; r < 3; r++) {
                        positions[r][b] = Arrays.copyOfRange(p.positions[r][b], from, to);
                    }
                }
                float[] deepstack = null;
                if (p.deepstack != null) {
                    deepstack = new float[levels * batch * n * p.hidden];
                    for (int k = 0; k < levels; k++) {
                        for (int b = 0; b < batch; b++) {
                            System.arraycopy(p.deepstack, ((k * batch + b) * length + from) * p.hidden, deepstack,
                                    ((k * batch + b) * n) * p.hidden, n * p.hidden);
                        }
                    }
                }
                Step step = decode(embeds, new long[] {batch, n, p.hidden}, prefix, positions, past, deepstack, batch);
                if (past != null) {
                    past.close();
                }
                past = step;
            }
            return past;
        } catch (OrtException | RuntimeException e) {
            if (past != null) {
                past.close();
            }
            throw e;
        }
    }

    /** The JVM's limit on direct buffers: {@code -XX:MaxDirectMemorySize}, else the heap's maximum (its default). */
    static long maxDirectMemory() {
        for (String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-XX:MaxDirectMemorySize=")) {
                String v = argument.substring("-XX:MaxDirectMemorySize=".length()).trim().toLowerCase(java.util.Locale.ROOT);
                long unit = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : v.endsWith("g") ? 1L << 30 : 1;
                try {
                    return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The prefill's inputs: merged embeddings, positions and each row's last, DeepStack embeddings where taken. */
    record Prefill(float[] embeds, int hidden, long[][][] positions, long[][] last, float[] deepstack) {
    }

    Prefill prepare(Prompt prompt) throws OrtException, BenchmarkSetupException {
        long[][] ids = prompt.inputIds();
        int batch = ids.length;
        int length = ids[0].length;
        float[] embeds = embed(ids);
        int hidden = embeds.length / (batch * length);
        float[] deepstack = null;
        if (!prompt.grids().isEmpty()) {
            Vision vision = vision(prompt);
            int row = 0;
            int imageTokens = vision.features.length / hidden;
            int levels = vision.deepstack == null ? 0 : vision.deepstack.length / vision.features.length;
            if (graphs.deepstack()) {
                deepstack = new float[levels * batch * length * hidden];
            }
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < length; s++) {
                    if (ids[b][s] != config.imageToken() || prompt.attentionMask()[b][s] == 0) {
                        continue;
                    }
                    if (row >= imageTokens) {
                        throw new BenchmarkSetupException("the vision encoder gave " + imageTokens + " image features"
                                + " for more image tokens in the prompts: the grids and the prompts disagree.");
                    }
                    int at = (b * length + s) * hidden;
                    System.arraycopy(vision.features, row * hidden, embeds, at, hidden);
                    for (int k = 0; deepstack != null && k < levels; k++) {
                        System.arraycopy(vision.deepstack, (k * imageTokens + row) * hidden, deepstack,
                                k * batch * length * hidden + at, hidden);
                    }
                    row++;
                }
            }
            if (row != imageTokens) {
                throw new BenchmarkSetupException("the vision encoder gave " + imageTokens + " image features, but the"
                        + " prompts hold " + row + " image tokens: the grids and the prompts disagree.");
            }
        } else if (graphs.deepstack()) {
            deepstack = new float[Math.max(1, config.vision().deepstackLayers().size()) * batch * length * hidden];
        }
        RopePositions.Positions positions = RopePositions.prefill(ids, prompt.attentionMask(), prompt.grids(),
                config.vision().spatialMerge(), config.imageToken());
        return new Prefill(embeds, hidden, positions.rows(), positions.last(), deepstack);
    }

    private record Vision(float[] features, float[] deepstack) {
    }

    private Vision vision(Prompt prompt) throws OrtException {
        long patches = prompt.pixelValues().length / prompt.patchLength();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put(PackageGraphs.PIXEL_VALUES, OnnxTensor.createTensor(env, FloatBuffer.wrap(prompt.pixelValues()),
                    new long[] {patches, prompt.patchLength()}));
            if (graphs.gridInput() != null) {
                long[] grids = new long[prompt.grids().size() * 3];
                for (int i = 0; i < prompt.grids().size(); i++) {
                    System.arraycopy(prompt.grids().get(i), 0, grids, 3 * i, 3);
                }
                feed.put(graphs.gridInput(), OnnxTensor.createTensor(env, LongBuffer.wrap(grids),
                        new long[] {prompt.grids().size(), 3}));
            }
            VisionGridValues.addTensors(feed, env, graphs.gridValues(), prompt.grids(), graphs.tower());
            try (OrtSession.Result r = run(graphs, feed, prompt.grids(), patches)) {
                float[] features = floats(r.get(graphs.featuresOutput()).orElseThrow());
                float[] deepstack = graphs.deepstack() ? floats(r.get(PackageGraphs.DEEPSTACK_FEATURES).orElseThrow())
                        : null;
                return new Vision(features, deepstack);
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Runs the vision encoder; a refusal names the grids, the usual cause being an export traced for one layout. */
    private static OrtSession.Result run(PackageGraphs graphs, Map<String, OnnxTensor> feed, List<long[]> grids,
            long patches) throws OrtException {
        try {
            return graphs.vision().session().run(feed);
        } catch (OrtException e) {
            throw new OrtException(e.getCode(), "the vision encoder " + graphs.vision().file() + " refused "
                    + grids.size() + " images of grids " + grids.stream().map(Arrays::toString).toList() + " ("
                    + patches + " patches): " + e.getMessage() + ". An export traced for one image layout accepts no"
                    + " other; export the grid as a free input (docs/onnx-packages.md, \"Exporting a model to this"
                    + " layout\")");
        }
    }

    private float[] embed(long[][] ids) throws OrtException {
        int batch = ids.length;
        int length = ids[0].length;
        long[] flat = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ids[b], 0, flat, b * length, length);
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {batch, length});
                OrtSession.Result r = graphs.embed().session().run(Map.of(PackageGraphs.INPUT_IDS, input))) {
            return floats(r.get(graphs.embedsOutput()).orElseThrow());
        }
    }

    /**
     * One decoder run's outputs: the present key values (close the result once the next run has used them)
     * and the logits, {@code [batch, positions, vocabulary]}, in this thread's buffer until its next run.
     */
    record Step(OrtSession.Result presents, FloatBuffer logits, int positions, int vocabulary) implements Past {
        @Override
        public OnnxTensor tensor(String presentName) {
            return (OnnxTensor) presents.get(presentName).orElseThrow();
        }

        @Override
        public void close() {
            presents.close();
        }
    }

    /** The past key values of the next decoder run, by the present output's name ({@code present.<i>.key}). */
    interface Past extends AutoCloseable {
        OnnxTensor tensor(String presentName);

        @Override
        void close();
    }

    /**
     * One decoder run; {@code past} is the previous run's (null for the first slice of the prefill: empty
     * past). The logits are written by ONNX Runtime straight into a direct buffer this thread reuses (a
     * pinned output), so reading the last position copies nothing else.
     */
    private Step decode(float[] embeds, long[] embedsShape, long[][] mask, long[][][] positions, Past past,
            float[] deepstack, int batch) throws OrtException {
        List<OnnxTensor> made = new ArrayList<>();
        try {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put(PackageGraphs.INPUTS_EMBEDS, keep(made, OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds),
                    embedsShape)));
            inputs.put(PackageGraphs.ATTENTION_MASK, keep(made, longs(mask)));
            inputs.put(PackageGraphs.POSITION_IDS, keep(made, longs(positions)));
            long steps = embedsShape[1];
            if (graphs.deepstack()) {
                int levels = Math.max(1, config.vision().deepstackLayers().size());
                float[] values = deepstack != null ? deepstack : new float[(int) (levels * batch * steps * embedsShape[2])];
                inputs.put(PackageGraphs.DEEPSTACK_EMBEDS, keep(made, OnnxTensor.createTensor(env, FloatBuffer.wrap(values),
                        new long[] {levels, batch, steps, embedsShape[2]})));
            }
            if (graphs.cacheBranch()) {
                inputs.put(PackageGraphs.USE_CACHE_BRANCH, keep(made, OnnxTensor.createTensor(env,
                        new boolean[] {past != null})));
            }
            for (int i = 0; i < config.layers(); i++) {
                if (past == null) {
                    long[] empty = {batch, config.keyValueHeads(), 0, config.headDim()};
                    inputs.put(PackageGraphs.pastKey(i), keep(made, emptyFloats(empty)));
                    inputs.put(PackageGraphs.pastValue(i), keep(made, emptyFloats(empty)));
                } else {
                    inputs.put(PackageGraphs.pastKey(i), past.tensor("present." + i + ".key"));
                    inputs.put(PackageGraphs.pastValue(i), past.tensor("present." + i + ".value"));
                }
            }
            int vocabulary = graphs.vocabulary();
            long floats = batch * steps * vocabulary;
            if (4 * floats > Integer.MAX_VALUE) {
                throw new IllegalStateException(batch + " rows of " + steps + " positions of " + vocabulary
                        + " logits exceed one buffer: the prefill is sliced, and a batch this large cannot decode");
            }
            FloatBuffer logits = logitsBuffer((int) floats);
            OnnxTensor pinned = keep(made, OnnxTensor.createTensor(env, logits, new long[] {batch, steps, vocabulary}));
            OrtSession.Result presents = graphs.decoder().session().run(inputs, presentNames,
                    Map.of(PackageGraphs.LOGITS, pinned));
            return new Step(presents, logits, (int) steps, vocabulary);
        } finally {
            for (OnnxTensor t : made) {
                t.close();
            }
        }
    }

    private static OnnxTensor keep(List<OnnxTensor> made, OnnxTensor tensor) {
        made.add(tensor);
        return tensor;
    }

    private OnnxTensor emptyFloats(long[] shape) throws OrtException {
        return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()), shape,
                OnnxJavaType.FLOAT);
    }

    private OnnxTensor longs(long[][] values) throws OrtException {
        int rows = values.length;
        int cols = values[0].length;
        long[] flat = new long[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values[r], 0, flat, r * cols, cols);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {rows, cols});
    }

    private OnnxTensor longs(long[][][] values) throws OrtException {
        int a = values.length;
        int b = values[0].length;
        int c = values[0][0].length;
        long[] flat = new long[a * b * c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(values[i][j], 0, flat, (i * b + j) * c, c);
            }
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {a, b, c});
    }

    private static float[] floats(OnnxValue value) {
        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** Each row's arg-max over the logits of its last position ({@code logits [batch, positions, vocabulary]}). */
    static long[] lastArgMax(Step step, int batch) {
        FloatBuffer all = step.logits();
        int positions = step.positions();
        int vocabulary = step.vocabulary();
        long[] best = new long[batch];
        for (int b = 0; b < batch; b++) {
            int base = (b * positions + positions - 1) * vocabulary;
            int arg = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < vocabulary; v++) {
                float x = all.get(base + v);
                if (x > max) { // the first of equal maxima, as torch.argmax
                    max = x;
                    arg = v;
                }
            }
            best[b] = arg;
        }
        return best;
    }

    private static long presentBytes(OrtSession.Result result) {
        long bytes = 0;
        for (Map.Entry<String, OnnxValue> e : result) {
            if (e.getKey().startsWith("present.")) {
                bytes += 4L * ((OnnxTensor) e.getValue()).getInfo().getNumElements();
            }
        }
        return bytes;
    }

    static long[][] appendOne(long[][] mask) {
        long[][] grown = new long[mask.length][];
        for (int b = 0; b < mask.length; b++) {
            grown[b] = Arrays.copyOf(mask[b], mask[b].length + 1);
            grown[b][mask[b].length] = 1;
        }
        return grown;
    }

    private static boolean all(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }
}
