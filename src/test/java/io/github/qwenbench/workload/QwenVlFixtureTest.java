package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
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
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.github.qwenbench.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The qwen-vl-* fixtures (src/test/models/generate_qwen_vl.py) on the Java preprocessor's real output: every
 * conversation of src/test/workload/conversations.jsonl and of the demo (src/test/workload/demo), through DJL's
 * PyTorch engine, by name in the order of forward's arguments: input_ids, attention_mask, pixel_values,
 * image_grid_thw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QwenVlFixtureTest {

    static final Path TOKENIZER = Qwen3VlReferenceTest.TOKENIZER;
    static final Path WORKLOAD = Qwen3VlReferenceTest.WORKLOAD;
    static final long VOCAB = 151936;
    /** The highest id the Qwen3 tokenizer defines ({@code </think>}). */
    static final long LAST_QWEN_ID = 151668;
    static final long IM_END = 151645;

    private final Map<String, ModelInputs> conversations = new LinkedHashMap<>();
    private long padId;
    private ZooModel<NDList, NDList> base;
    private ZooModel<NDList, NDList> int8;
    private ZooModel<NDList, NDList> cached;
    private ZooModel<NDList, NDList> cachedInt8Kv;

    @BeforeAll
    void setUp() throws Exception {
        try (Qwen3VlPreprocessor p = Qwen3VlPreprocessor.open(TOKENIZER, ChatTemplate.qwen3Vl(),
                VisionSettings.qwen3Vl())) {
            padId = p.padTokenId();
            for (Path file : List.of(WORKLOAD.resolve("conversations.jsonl"),
                    WORKLOAD.resolve("demo/conversations.jsonl"))) {
                for (Conversation c : ConversationsFile.read(file)) {
                    conversations.put(WORKLOAD.relativize(file) + ":" + c.line(), p.process(c));
                }
            }
        }
        base = load("qwen-vl-base.pt");
        int8 = load("qwen-vl-int8.pt");
        cached = load("qwen-vl-cached.pt");
        cachedInt8Kv = load("qwen-vl-cached-int8kv.pt");
        System.out.printf(Locale.ROOT, "QwenVlFixtureTest: %d conversations, engine threads %d (interop %d),"
                + " graph optimizer %s%n", conversations.size(), JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), System.getProperty("ai.djl.pytorch.graph_optimizer", "default (on)"));
    }

    @AfterAll
    void tearDown() {
        for (ZooModel<NDList, NDList> m : Arrays.asList(base, int8, cached, cachedInt8Kv)) {
            if (m != null) {
                m.close();
            }
        }
    }

    private static ZooModel<NDList, NDList> load(String name) throws Exception {
        return Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(TestModels.file(name))
                .optEngine("PyTorch").optDevice(Device.cpu()).optTranslator(new NoopTranslator()).build().loadModel();
    }

    // ------------------------------------------------------------------ inputs

    /** A batch as forward takes it; {@code ids} and {@code mask} are [batch][length]. */
    record Batch(long[][] ids, long[][] mask, float[] pixels, long[][] grid) {

        static Batch of(ModelInputs one) {
            return new Batch(new long[][] {one.inputIds()}, new long[][] {one.attentionMask()}, one.pixelValues(),
                    one.imageGridThw());
        }

        static Batch of(LeftPadding padded) {
            return new Batch(padded.inputIds(), padded.attentionMask(), padded.pixelValues(), padded.imageGridThw());
        }

        int size() {
            return ids.length;
        }

        int length() {
            return ids[0].length;
        }

        /** The same batch with one more token per sequence (mask 1). */
        Batch append(long[] tokens) {
            long[][] i = new long[size()][];
            long[][] m = new long[size()][];
            for (int b = 0; b < size(); b++) {
                i[b] = Arrays.copyOf(ids[b], length() + 1);
                i[b][length()] = tokens[b];
                m[b] = Arrays.copyOf(mask[b], length() + 1);
                m[b][length()] = 1;
            }
            return new Batch(i, m, pixels, grid);
        }

        NDList toNDList(NDManager manager) {
            NDArray inputIds = manager.create(flat(ids), new Shape(size(), length()));
            inputIds.setName("input_ids");
            NDArray attentionMask = manager.create(flat(mask), new Shape(size(), length()));
            attentionMask.setName("attention_mask");
            NDArray pixelValues = manager.create(pixels, new Shape(pixels.length / 1536, 1536));
            pixelValues.setName("pixel_values");
            NDArray imageGridThw = manager.create(flat(grid), new Shape(grid.length, 3));
            imageGridThw.setName("image_grid_thw");
            return new NDList(inputIds, attentionMask, pixelValues, imageGridThw);
        }
    }

    static long[] flat(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
    }

    // ------------------------------------------------------------------ running

    /** The last position's logits, [batch][VOCAB], checked for shape and finiteness. */
    static float[][] lastLogits(ZooModel<NDList, NDList> model, Batch batch) throws Exception {
        try (NDManager manager = model.getNDManager().newSubManager();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDList out = predictor.predict(batch.toNDList(manager));
            try {
                return logits(out.get(0), batch.size());
            } finally {
                out.close();
            }
        }
    }

    static float[][] logits(NDArray array, int batch) {
        assertArrayEquals(new long[] {batch, 1, VOCAB}, array.getShape().getShape(), "logits shape");
        assertEquals(DataType.FLOAT32, array.getDataType());
        float[] all = array.toFloatArray();
        float[][] rows = new float[batch][];
        for (int b = 0; b < batch; b++) {
            rows[b] = Arrays.copyOfRange(all, (int) (b * VOCAB), (int) ((b + 1) * VOCAB));
            for (float v : rows[b]) {
                assertTrue(Float.isFinite(v), "a logit is not finite");
            }
        }
        return rows;
    }

    static long argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    static double maxDifference(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Greedy decoding by full recompute: tokens [batch][steps] and each step's logits. */
    record Greedy(long[][] tokens, List<float[][]> logits) {
    }

    static Greedy recompute(ZooModel<NDList, NDList> model, Batch batch, int steps) throws Exception {
        long[][] tokens = new long[batch.size()][steps];
        List<float[][]> seen = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            float[][] rows = lastLogits(model, batch);
            seen.add(rows);
            long[] next = new long[batch.size()];
            for (int b = 0; b < batch.size(); b++) {
                next[b] = argmax(rows[b]);
                tokens[b][s] = next[b];
            }
            batch = batch.append(next);
        }
        return new Greedy(tokens, seen);
    }

    /**
     * Greedy decoding with the KV cache: the prefill through a predictor (forward returns logits, the cache
     * tensors, rope_deltas), then {@code decode} through {@link IValueUtils#runMethod}.
     */
    static Greedy cachedDecode(ZooModel<NDList, NDList> model, Batch batch, int steps) throws Exception {
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        int n = batch.size();
        long[][] tokens = new long[n][steps];
        List<float[][]> seen = new ArrayList<>();
        try (PtNDManager manager = (PtNDManager) model.getNDManager().newSubManager();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDList prefill = predictor.predict(batch.toNDList(manager));
            prefill.attach(manager);
            float[][] rows = logits(prefill.get(0), n);
            List<NDArray> cache = new ArrayList<>(prefill.subList(1, prefill.size() - 1));
            long[] deltas = prefill.get(prefill.size() - 1).toLongArray();
            assertEquals(n, deltas.length, "rope_deltas [batch, 1]");
            long[][] mask = Arrays.stream(batch.mask()).map(long[]::clone).toArray(long[][]::new);
            for (int s = 0; s < steps; s++) {
                seen.add(rows);
                long[] next = new long[n];
                long[] position = new long[n];
                for (int b = 0; b < n; b++) {
                    next[b] = argmax(rows[b]);
                    tokens[b][s] = next[b];
                    position[b] = mask[b].length + deltas[b];
                    mask[b] = Arrays.copyOf(mask[b], mask[b].length + 1);
                    mask[b][mask[b].length - 1] = 1;
                }
                List<IValue> args = new ArrayList<>();
                args.add(IValue.from((PtNDArray) manager.create(next, new Shape(n, 1))));
                args.add(IValue.from((PtNDArray) manager.create(flat(mask), new Shape(n, mask[0].length))));
                args.add(IValue.from((PtNDArray) manager.create(position, new Shape(n, 1))));
                for (NDArray c : cache) {
                    args.add(IValue.from((PtNDArray) c));
                }
                NDList out;
                try (IValue result = IValueUtils.runMethod(block, "decode", args.toArray(IValue[]::new))) {
                    assertTrue(result.isTuple(), "decode returns a tuple");
                    out = result.toNDList(manager);
                } finally {
                    args.forEach(IValue::close);
                }
                assertEquals(1 + cache.size(), out.size(), "decode returns the logits and the cache");
                rows = logits(out.get(0), n);
                for (int i = 0; i < cache.size(); i++) {
                    long[] before = cache.get(i).getShape().getShape();
                    long[] after = out.get(1 + i).getShape().getShape();
                    before[4]++;
                    assertArrayEquals(before, after, "the cache grows by one token");
                    assertEquals(cache.get(i).getDataType(), out.get(1 + i).getDataType());
                    cache.get(i).close();
                    cache.set(i, out.get(1 + i));
                }
                out.get(0).close();
            }
        }
        return new Greedy(tokens, seen);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyConversationRunsThroughBaseAndInt8() throws Exception {
        int agree = 0;
        for (Map.Entry<String, ModelInputs> e : conversations.entrySet()) {
            ModelInputs in = e.getValue();
            float[][] b = lastLogits(base, Batch.of(in));
            float[][] q = lastLogits(int8, Batch.of(in));
            agree += argmax(b[0]) == argmax(q[0]) ? 1 : 0;
            System.out.printf(Locale.ROOT, "  %-36s %4d tokens, %d images %-28s base argmax %6d, int8 %6d, max |diff|"
                    + " %.3g%n", e.getKey(), in.inputIds().length, in.imageGridThw().length, grids(in),
                    argmax(b[0]), argmax(q[0]), maxDifference(b[0], q[0]));
        }
        System.out.printf(Locale.ROOT, "first-token agreement int8 vs base: %d/%d%n", agree, conversations.size());
        assertTrue(conversations.values().stream().anyMatch(c -> c.imageGridThw().length == 0), "a text-only one");
        assertTrue(conversations.values().stream().anyMatch(c -> c.imageGridThw().length > 1), "several images");
        assertTrue(agree * 2 > conversations.size(), "int8 mostly agrees on the first token");
    }

    private static String grids(ModelInputs in) {
        return Arrays.stream(in.imageGridThw()).map(g -> g[1] + "x" + g[2]).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void greedyDecodingEmitsQwenIdsAndSomeConversationsEnd() throws Exception {
        int steps = 16;
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, ModelInputs> e : conversations.entrySet()) {
            long[] tokens = recompute(base, Batch.of(e.getValue()), steps).tokens()[0];
            int end = -1;
            for (int i = 0; i < steps; i++) {
                assertTrue(tokens[i] >= 0 && tokens[i] <= LAST_QWEN_ID, e.getKey() + ": token " + tokens[i]);
                if (end < 0 && tokens[i] == IM_END) {
                    end = i + 1;
                }
            }
            if (end > 0) {
                ended.add(e.getKey() + " after " + end);
            }
            System.out.printf(Locale.ROOT, "  %-36s %s%s%n", e.getKey(), Arrays.toString(tokens),
                    end > 0 ? "  <|im_end|> after " + end + " tokens" : "");
        }
        System.out.println("ending in <|im_end|> within " + steps + " tokens: " + ended);
        assertTrue(!ended.isEmpty(), "no conversation ends in <|im_end|> within " + steps + " tokens");
    }

    @Test
    void leftPaddedBatchMatchesEachConversationAlone() throws Exception {
        List<ModelInputs> chosen = new ArrayList<>(conversations.values()).subList(0, 3);
        float[][] rows = lastLogits(base, Batch.of(LeftPadding.pad(chosen, padId)));
        double worst = 0;
        for (int b = 0; b < chosen.size(); b++) {
            worst = Math.max(worst, maxDifference(rows[b], lastLogits(base, Batch.of(chosen.get(b)))[0]));
        }
        System.out.printf(Locale.ROOT, "left-padded batch of 3 vs each alone: max |logit diff| %.3g%n", worst);
        assertTrue(worst < 1e-4, "left padding changes the logits by " + worst);
    }

    @Test
    void cachedDecodeFromJavaMatchesFullRecompute() throws Exception {
        PtSymbolBlock block = (PtSymbolBlock) cached.getBlock();
        List<String> methods = Arrays.asList(JniUtils.getMethodNames(block));
        System.out.println("qwen-vl-cached.pt methods: " + methods);
        assertTrue(methods.contains("decode") && methods.contains("forward"), methods.toString());
        assertTrue(Arrays.asList(JniUtils.getMethodNames((PtSymbolBlock) cachedInt8Kv.getBlock())).contains("decode"));
        int steps = 8;
        List<ModelInputs> all = new ArrayList<>(conversations.values());
        Map<String, Batch> cases = new LinkedHashMap<>();
        for (String key : conversations.keySet()) {
            cases.put(key, Batch.of(conversations.get(key)));
        }
        cases.put("left-padded batch of 4", Batch.of(LeftPadding.pad(List.of(all.get(0), all.get(1), all.get(5),
                all.get(all.size() - 1)), padId)));
        double worst = 0;
        int int8KvAgree = 0;
        int total = 0;
        for (Map.Entry<String, Batch> e : cases.entrySet()) {
            long t0 = System.nanoTime();
            Greedy full = recompute(base, e.getValue(), steps);
            long t1 = System.nanoTime();
            Greedy fast = cachedDecode(cached, e.getValue(), steps);
            long t2 = System.nanoTime();
            Greedy kv8 = cachedDecode(cachedInt8Kv, e.getValue(), steps);
            double diff = 0;
            for (int s = 0; s < steps; s++) {
                for (int b = 0; b < e.getValue().size(); b++) {
                    diff = Math.max(diff, maxDifference(full.logits().get(s)[b], fast.logits().get(s)[b]));
                }
            }
            worst = Math.max(worst, diff);
            for (int b = 0; b < e.getValue().size(); b++) {
                assertArrayEquals(full.tokens()[b], fast.tokens()[b], e.getKey() + " row " + b);
                for (int s = 0; s < steps; s++) {
                    int8KvAgree += full.tokens()[b][s] == kv8.tokens()[b][s] ? 1 : 0;
                    total++;
                }
            }
            System.out.printf(Locale.ROOT, "  %-36s cached == recompute for %d tokens, max |logit diff| %.3g;"
                    + " %d steps: recompute %.1f ms, prefill + decode %.1f ms%n", e.getKey(), steps, diff, steps,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        System.out.printf(Locale.ROOT, "cached decode vs full recompute: max |logit diff| %.3g; int8 KV cache agrees"
                + " on %d/%d tokens%n", worst, int8KvAgree, total);
        assertTrue(worst < 1e-4, "cached logits differ from recompute by " + worst);
        assertTrue(int8KvAgree * 2 > total, "the int8 KV cache mostly agrees");
    }
}
