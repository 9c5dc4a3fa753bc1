package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.model.NumpyArray;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.InputSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload's samples as the preparation writes them and the suites read them: the tensors Hugging
 * Face's processor makes, by forward argument, and batches padded or of equal lengths.
 */
class WorkloadSamplesTest {

    @TempDir
    Path dir;

    private BenchmarkPlan plan() throws Exception {
        return TestWorkloads.plan(dir, TestWorkloads.config(TestWorkloads.CONVERSATIONS), "optimized.pt", null);
    }

    @Test
    void eachSampleHoldsTheTensorsAndPromptOfHuggingFacesProcessor() throws Exception {
        BenchmarkPlan plan = plan();
        Path inputs = dir.resolve("inputs");
        Files.createDirectories(inputs);
        List<Path> stale = List.of(inputs.resolve("sample-7.npz"), inputs.resolve("sample-7.txt"),
                inputs.resolve(".sample-1.npz.k3j2.tmp"), inputs.resolve(SampleFiles.MANIFEST));
        for (Path file : stale) {
            Files.writeString(file, "from an earlier run");
        }
        Path unrelated = Files.writeString(inputs.resolve("notes.txt"), "the user's");
        List<String> progress = new ArrayList<>();

        PreparedWorkload prepared = WorkloadPreparation.prepare(plan, progress::add);

        stale.forEach(file -> assertFalse(Files.exists(file), file + " is removed"));
        assertTrue(Files.exists(unrelated), "only the samples' files are removed");
        assertEquals(5, prepared.samples().size());
        JsonNode cases = new ObjectMapper().readTree(TestWorkloads.REFERENCES.resolve("cases.json").toFile());
        int compared = 0;
        for (JsonNode c : cases.get("cases")) {
            if (c.get("maxPixels").asLong() != 16777216) {
                continue;
            }
            int k = c.get("line").asInt() - 1;
            Path npz = inputs.resolve("sample-" + k + ".npz");
            Path reference = TestWorkloads.REFERENCES.resolve(c.get("case").asText() + ".npz");
            try (ZipFile zip = new ZipFile(npz.toFile())) {
                assertEquals(List.of("input_ids.npy", "pixel_values.npy", "image_grid_thw.npy"),
                        zip.stream().map(e -> e.getName()).toList(), "one array per forward argument, in its order");
            }
            NumpyArray ids = NumpyArray.read(npz, "input_ids");
            long[] expected = NumpyArray.read(reference, "input_ids").longs();
            assertArrayEquals(new long[] {1, expected.length}, ids.shape());
            assertArrayEquals(expected, ids.longs(), "input_ids of " + c.get("case"));
            NumpyArray grid = NumpyArray.read(npz, "image_grid_thw");
            assertArrayEquals(NumpyArray.read(reference, "image_grid_thw").longs(), grid.longs());
            long[] g = grid.longs();
            long patches = 0;
            for (int i = 0; i < g.length; i += 3) {
                patches += g[i] * g[i + 1] * g[i + 2];
            }
            assertArrayEquals(new long[] {patches, 1536}, NumpyArray.read(npz, "pixel_values").shape());
            assertEquals(patches, prepared.samples().get(k).patches());
            assertEquals(Files.readString(TestWorkloads.REFERENCES.resolve(c.get("case").asText() + ".txt"),
                    StandardCharsets.UTF_8), Files.readString(inputs.resolve("sample-" + k + ".txt"),
                            StandardCharsets.UTF_8));
            assertEquals(expected.length, prepared.samples().get(k).tokens());
            compared++;
        }
        assertEquals(5, compared);
        String described = prepared.samples().get(2).describe();
        assertTrue(described.startsWith("sample 2 (line 3): 324 tokens, 3 images (grids [1, 32, 20], [1, 14, 20],"
                + " [1, 14, 20]), 1200 patches of 1536 values; preprocessing "), described);
        assertTrue(described.endsWith("model gets input_ids [1, 324], pixel_values [1200, 1536], image_grid_thw"
                + " [3, 3]"), described);
        assertTrue(prepared.summary().startsWith("5 samples of 20 to 338 tokens with 6 images"), prepared.summary());
    }

    @Test
    void theSuitesGetEachConversationsTensorsByName() throws Exception {
        BenchmarkPlan plan = Json.mapper().readValue(Json.mapper().writeValueAsBytes(plan()), BenchmarkPlan.class);
        WorkloadPreparation.prepare(plan, line -> { });
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList sample = inputs.sample(manager, 6);
            assertEquals(List.of("input_ids", "pixel_values", "image_grid_thw"),
                    sample.stream().map(a -> a.getName()).toList());
            assertArrayEquals(new long[] {1, 94}, sample.get(0).getShape().getShape(), "sample 6 wraps to 1");
            assertArrayEquals(new long[] {320, 1536}, sample.get(1).getShape().getShape());
            assertArrayEquals(new long[] {1, 16, 20}, sample.get(2).toLongArray());
            NDList textOnly = inputs.sample(manager, 0);
            assertArrayEquals(new long[] {0, 1536}, textOnly.get(1).getShape().getShape(), "no image: no patches");
            assertTrue(inputs.describe(3).startsWith("sample 3 of the workload (" + TestWorkloads.CONVERSATIONS
                    + " line 4)"));

            inputs.batch(manager, 0, 1, 0);
            assertNull(inputs.batching(), "a batch of one is a plain sample");
            NDList batch = inputs.batch(manager, 0, 3, 0);
            assertArrayEquals(new long[] {3, 20}, batch.get(0).getShape().getShape(),
                    "without attention_mask only the one conversation of 20 tokens fills the batch");
            assertArrayEquals(new long[] {0, 1536}, batch.get(1).getShape().getShape());
            assertTrue(inputs.batching().startsWith("the model takes no attention_mask, so a batch holds conversations"
                    + " of one length only, repeated where fewer share it: batch of 3: samples [0, 0, 0] (20 tokens)"),
                    inputs.batching());
        }
    }

    @Test
    void withAnAttentionMaskABatchIsLeftPadded() throws Exception {
        BenchmarkPlan plain = plan();
        List<InputSpec> withMask = new ArrayList<>(plain.inputs());
        withMask.add(1, InputSpec.fromWorkload(ModelInputs.ATTENTION_MASK, ModelInputs.dtype(ModelInputs.ATTENTION_MASK)));
        BenchmarkPlan plan = plain.withInputs(withMask);
        WorkloadPreparation.prepare(plan, line -> { });
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList batch = inputs.batch(manager, 0, 2, 0);
            assertArrayEquals(new long[] {2, 94}, batch.get(0).getShape().getShape());
            long[] ids = batch.get(0).toLongArray();
            long[] mask = batch.get(1).toLongArray();
            assertEquals(151643, ids[0], "padded with <|endoftext|>");
            assertEquals(0, mask[73]);
            assertEquals(1, mask[74], "20 tokens at the end of 94");
            assertArrayEquals(inputs.sample(manager, 0).get(0).toLongArray(), Arrays.copyOfRange(ids, 74, 94));
            assertArrayEquals(new long[] {320, 1536}, batch.get(2).getShape().getShape(), "sample 1's patches");
            assertArrayEquals(new long[] {1, 3}, batch.get(3).getShape().getShape());
            assertTrue(inputs.batching().startsWith("conversations of different lengths are left-padded to the longest"
                    + " with token 151643 and attention_mask 0, as Hugging Face pads for generation: batch of 2: samples"
                    + " [0, 1]"), inputs.batching());
        }
    }
}
