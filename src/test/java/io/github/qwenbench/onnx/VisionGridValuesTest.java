package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vision encoders that take, in place of the grid, the values Hugging Face computes from it in Python: the
 * plugin's values equal Hugging Face's own (transformers 5.18's vision_utils, recorded by
 * src/test/models/generate_onnx_grid_inputs.py for grids of several images, video frames, a non-square
 * table and Qwen2.5-VL's windows), and a package whose vision encoder is qwen3vl-tiny's exported that way
 * gives Hugging Face's tokens. The fixture script checked that rows and columns swapped, one attention
 * segment for several images, or the interpolation of the transposed grid change that encoder's features.
 */
class VisionGridValuesTest {

    private static final Path FIXTURE = PackageGenerationTest.PACKAGES.resolve("qwen3vl-tiny-grid-inputs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode helpers() throws Exception {
        return JSON.readTree(FIXTURE.resolve("hf-vision-helpers.json").toFile());
    }

    private static List<long[]> grids(JsonNode node) {
        List<long[]> grids = new ArrayList<>();
        node.forEach(g -> grids.add(new long[] {g.get(0).asLong(), g.get(1).asLong(), g.get(2).asLong()}));
        return grids;
    }

    private static long[] longs(JsonNode node) {
        List<Long> values = new ArrayList<>();
        collect(node, values);
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static void collect(JsonNode node, List<Long> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        } else {
            into.add(node.asLong());
        }
    }

    @Test
    void qwen3VlValuesEqualHuggingFaces() throws Exception {
        int compared = 0;
        for (JsonNode c : helpers().get("qwen3_vl")) {
            List<long[]> grids = grids(c.get("grids"));
            int merge = c.get("spatial_merge_size").asInt();
            int side = c.get("num_grid_per_side").asInt();
            String what = "grids " + c.get("grids") + ", side " + side;
            assertArrayEquals(longs(c.get("position_ids")), VisionGridValues.positionIds(grids, merge), what);
            assertArrayEquals(longs(c.get("cu_seqlens")),
                    java.util.Arrays.stream(VisionGridValues.cuSeqlens(grids)).asLongStream().toArray(), what);
            VisionGridValues.Interpolation ours = VisionGridValues.interpolation(grids, side, merge);
            assertArrayEquals(longs(c.get("interp_indices")), ours.indices(), what);
            List<Float> weights = new ArrayList<>();
            c.get("interp_weights").forEach(row -> row.forEach(w -> weights.add((float) w.asDouble())));
            assertEquals(weights.size(), ours.weights().length, what);
            for (int i = 0; i < weights.size(); i++) {
                assertEquals(weights.get(i), ours.weights()[i], 0f, what + ": weight " + i); // float32 as Hugging Face's
            }
            compared++;
        }
        assertEquals(3, compared);
    }

    @Test
    void qwen25VlWindowsEqualHuggingFaces() throws Exception {
        int compared = 0;
        for (JsonNode c : helpers().get("qwen2_5_vl_windows")) {
            compared++;
            VisionGridValues.Windows ours = VisionGridValues.windows(grids(c.get("grids")),
                    c.get("spatial_merge_size").asInt(), c.get("window_size").asInt(), c.get("patch_size").asInt());
            String what = "grids " + c.get("grids");
            assertArrayEquals(longs(c.get("window_index")), ours.index(), what);
            assertArrayEquals(longs(c.get("cu_window_seqlens")),
                    java.util.Arrays.stream(ours.cuWindowSeqlens()).asLongStream().toArray(), what);
        }
        assertEquals(3, compared);
    }

    /** qwen3vl-tiny with the vision encoder that takes the grid's values instead of the grid. */
    private static Path assemble(Path dir) throws Exception {
        Path source = PackageGenerationTest.PACKAGES.resolve("qwen3vl-tiny");
        Files.createDirectories(dir.resolve("onnx"));
        for (String file : List.of("config.json", "generation_config.json", "preprocessor_config.json",
                "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx")) {
            Files.copy(source.resolve(file), dir.resolve(file));
        }
        Files.copy(FIXTURE.resolve("vision_encoder.onnx"), dir.resolve("onnx/vision_encoder.onnx"));
        return dir;
    }

    @Test
    void aVisionEncoderTakingTheGridsValuesGivesHuggingFacesTokens(@TempDir Path dir) throws Exception {
        Path root = assemble(dir);
        JsonNode references = JSON.readTree(PackageGenerationTest.PACKAGES.resolve("qwen3vl-tiny/references.json")
                .toFile());
        OnnxPackage pkg = OnnxPackage.open(root, "fp32", Map.of(), "grid-values package");
        try (PackageGraphs graphs = PackageGraphs.open(pkg, PackageGenerationTest.SESSIONS, "grid-values package")) {
            assertEquals(null, graphs.gridInput());
            assertEquals(Set.of("position_ids", "cu_seqlens", "interp_indices", "interp_weights"),
                    graphs.gridValues().keySet());
            PackageGeneration generation = new PackageGeneration(graphs, pkg.config());
            int images = 0;
            for (String c : List.of("one_image", "several_images", "system_and_camera", "multi_turn")) {
                PackageGeneration.Prompt prompt = PackageGenerationTest.prompt(List.of(c));
                assertTrue(!prompt.grids().isEmpty(), c);
                PackageGeneration.Generated g = generation.generate(prompt, references.get("new_tokens").asInt(),
                        Set.of());
                long[] expected = longs(references.get("cases").get(c).get("tokens"));
                assertArrayEquals(expected, g.tokens()[0], c);
                images += prompt.grids().size();
            }
            assertTrue(images >= 5, images + " images");
        }
    }

    @Test
    void interpolationInputsWithoutATableInConfigAreRefusedByName(@TempDir Path dir) throws Exception {
        Path root = assemble(dir);
        ObjectNode config = (ObjectNode) JSON.readTree(root.resolve("config.json").toFile());
        ((ObjectNode) config.get("vision_config")).remove("num_position_embeddings");
        JSON.writeValue(root.resolve("config.json").toFile(), config);
        OnnxPackage pkg = OnnxPackage.open(root, "fp32", Map.of(), "grid-values package");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> PackageGraphs.open(pkg, PackageGenerationTest.SESSIONS, "grid-values package"));
        assertTrue(e.getMessage().contains("interp_indices") && e.getMessage().contains("num_position_embeddings")
                && e.getMessage().contains(root.resolve("config.json").toString()), e.getMessage());
    }
}
