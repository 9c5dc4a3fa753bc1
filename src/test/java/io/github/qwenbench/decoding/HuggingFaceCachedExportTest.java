package io.github.qwenbench.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.DataKind;
import io.github.qwenbench.plan.InputSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The text decoder of Hugging Face's own Qwen3-VL code (transformers 5.18, tiny random config) exported with
 * its DynamicCache by generate_hf_qwen3vl_cached.py: the plugin's cached decoding gives the tokens of Hugging
 * Face's {@code generate(do_sample=False)}, recorded in hf-qwen3vl-cached.json, for a single prompt and a
 * left-padded batch of three (traced at one batch size, prompt length and cache length, it runs others).
 */
class HuggingFaceCachedExportTest {

    private static final List<InputSpec> SPECS = List.of(InputSpec.fromWorkload("input_ids", DataKind.INT64),
            InputSpec.fromWorkload("attention_mask", DataKind.INT64));

    @Test
    void cachedDecodingGivesHuggingFacesGreedyTokens() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(TestModels.file("hf-qwen3vl-cached.json").toFile());
        int newTokens = expected.get("new_tokens").asInt();
        GreedyDecoder.Options options = new GreedyDecoder.Options("input_ids", 0, newTokens, Set.of());
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel model = LoadedModel.load(TestModels.model("candidate", "hf-qwen3vl-cached.pt"), false)) {
            assertTrue(model.hasDecodeMethod());
            // One prompt alone (batch 1; the export was traced with a batch of 2), then all of them left-padded
            // (batch 3): each decode step costs about 0.2 s (see CACHED_CONTRACT.md), so the other two prompts
            // are checked in the batch only.
            for (JsonNode prompt : List.of(expected.get("prompts").get(0))) {
                long[] ids = longs(prompt.get("input_ids"));
                long[] mask = new long[ids.length];
                java.util.Arrays.fill(mask, 1);
                NDList inputs = inputs(manager, new long[][] {ids}, new long[][] {mask});
                GreedyDecoder.Decoded decoded = GreedyDecoder.decode(model, inputs, SPECS, options, manager);
                String name = prompt.get("name").asText();
                assertTrue(decoded.cached(), name);
                assertArrayEquals(longs(prompt.get("tokens")), decoded.tokens()[0], name);
                assertEquals(ids.length + newTokens - 1, decoded.cachePositions(), name);
                // float32 [layers 2, key/value 2, batch 1, kv heads 2, positions, head dim 16]
                assertEquals(4L * 2 * 2 * 2 * 16 * decoded.cachePositions(), decoded.cacheBytes(), name);
                inputs.close();
            }
            JsonNode batch = expected.get("left_padded_batch");
            NDList inputs = inputs(manager, rows(batch.get("input_ids")), rows(batch.get("attention_mask")));
            GreedyDecoder.Decoded decoded = GreedyDecoder.decode(model, inputs, SPECS, options, manager);
            assertTrue(decoded.cached());
            long[][] tokens = rows(batch.get("tokens"));
            for (int row = 0; row < tokens.length; row++) {
                assertArrayEquals(tokens[row], decoded.tokens()[row], "left-padded batch, row " + row);
            }
        }
    }

    /**
     * Continuous batching over Hugging Face's own cache: the three prompts join a running batch at steps 0,
     * 2 and 5 (each left-padded to the batch, its positions kept through the padding) and leave it as
     * they end; each gets the tokens Hugging Face's generate gives it alone.
     */
    @Test
    void continuousBatchingGivesEachPromptHuggingFacesTokens() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(TestModels.file("hf-qwen3vl-cached.json").toFile());
        GreedyDecoder.Options options = new GreedyDecoder.Options("input_ids", 0, expected.get("new_tokens").asInt(),
                Set.of());
        JsonNode prompts = expected.get("prompts");
        java.util.Map<Long, long[]> answers = new java.util.HashMap<>();
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel model = LoadedModel.load(TestModels.model("candidate", "hf-qwen3vl-cached.pt"), false);
                ContinuousBatch batch = new ContinuousBatch(model, SPECS, options, manager)) {
            int[] joinAt = {0, 2, 5};
            for (int step = 0, next = 0; next < joinAt.length || batch.size() > 0; step++) {
                while (next < joinAt.length && joinAt[next] == step) {
                    long[] ids = longs(prompts.get(next).get("input_ids"));
                    long[] mask = new long[ids.length];
                    java.util.Arrays.fill(mask, 1);
                    assertEquals(null, batch.add(next, inputs(manager, new long[][] {ids}, new long[][] {mask})));
                    next++;
                }
                batch.step().forEach(done -> answers.put(done.id(), done.tokens()));
            }
        }
        for (int k = 0; k < prompts.size(); k++) {
            assertArrayEquals(longs(prompts.get(k).get("tokens")), answers.get((long) k), prompts.get(k).get("name")
                    .asText());
        }
    }

    private static NDList inputs(NDManager manager, long[][] ids, long[][] mask) {
        NDArray a = manager.create(flat(ids), new Shape(ids.length, ids[0].length));
        a.setName("input_ids");
        NDArray b = manager.create(flat(mask), new Shape(mask.length, mask[0].length));
        b.setName("attention_mask");
        return new NDList(a, b);
    }

    private static long[] flat(long[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToLong(java.util.Arrays::stream).toArray();
    }

    private static long[][] rows(JsonNode node) {
        long[][] rows = new long[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = longs(node.get(i));
        }
        return rows;
    }

    private static long[] longs(JsonNode node) {
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asLong();
        }
        return values;
    }
}
