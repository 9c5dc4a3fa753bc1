package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout's files, variants and configuration, on folders made here (the graphs are read by other tests). */
class OnnxPackageTest {

    private static final String CONFIG = """
            {"model_type": "qwen3_vl", "image_token_id": 151655,
             "text_config": {"num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                             "head_dim": 16, "hidden_size": 64, "vocab_size": 151936},
             "vision_config": {"spatial_merge_size": 2, "deepstack_visual_indexes": [0]}}
            """;

    private static Path layout(Path root, String... files) throws IOException {
        Files.createDirectories(root.resolve("onnx"));
        for (String f : files) {
            Files.writeString(root.resolve(f), "x");
        }
        Files.writeString(root.resolve("config.json"), CONFIG);
        return root;
    }

    @Test
    void eachPartTakesTheVariantAskedForAndItsExternalDataCounts(@TempDir Path dir) throws Exception {
        Path root = layout(dir, "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx",
                "onnx/decoder_model_merged_q4.onnx", "onnx/decoder_model_merged_q4.onnx_data",
                "onnx/vision_encoder_quantized.onnx", "onnx/embed_tokens_q4.onnx", "onnx/vision_encoder_q4.onnx");
        OnnxPackage q4 = OnnxPackage.open(root, "q4", Map.of(), "<candidate><package>");
        assertEquals(root.resolve("onnx/decoder_model_merged_q4.onnx"), q4.files().get(OnnxPackage.Part.DECODER));
        assertEquals("q4", q4.describeVariants());
        assertEquals(2, q4.bytes(OnnxPackage.Part.DECODER), "the graph and its external data");

        OnnxPackage mixed = OnnxPackage.open(root, "q4", Map.of(OnnxPackage.Part.VISION_ENCODER, "fp32"), "x");
        assertEquals(root.resolve("onnx/vision_encoder.onnx"), mixed.files().get(OnnxPackage.Part.VISION_ENCODER));
        assertEquals("vision_encoder=fp32, embed_tokens=q4, decoder_model_merged=q4", mixed.describeVariants());
        OnnxPackage.Variants again = OnnxPackage.Variants.parse(mixed.describeVariants(), "recorded");
        assertEquals(mixed.files(), OnnxPackage.open(root, again.all(), again.parts(), "x").files(),
                "a recorded variant opens the same files (the worker reopens the package from it)");
        assertTrue(OnnxPackage.isPackage(root));
        assertFalse(OnnxPackage.isPackage(dir.resolve("onnx")));
    }

    @Test
    void aMissingVariantListsTheOnesThere(@TempDir Path dir) throws Exception {
        Path root = layout(dir, "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx",
                "onnx/decoder_model_merged_quantized.onnx", "onnx/decoder_model_merged_fp16.onnx");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> OnnxPackage.open(root, "q4", Map.of(), "<candidate><package>"));
        assertTrue(e.getMessage().startsWith("<candidate><package> " + root + " has no onnx/vision_encoder_q4.onnx (the"
                + " vision_encoder part in variant q4). Variants of that part there: fp32."), e.getMessage());
        assertEquals(List.of("fp16", "fp32", "quantized"), OnnxPackage.available(root.resolve("onnx"),
                OnnxPackage.Part.DECODER));
        BenchmarkSetupException suffix = assertThrows(BenchmarkSetupException.class,
                () -> OnnxPackage.open(root, "q4/../x", Map.of(), "<candidate><package>"));
        assertTrue(suffix.getMessage().contains("is not a file suffix"), suffix.getMessage());
    }

    @Test
    void theConfigurationGivesTheCacheAndTheTokens(@TempDir Path dir) throws Exception {
        Path root = layout(dir, "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx");
        Files.writeString(root.resolve("generation_config.json"), "{\"eos_token_id\": [151645, 151643]}");
        PackageConfig config = OnnxPackage.open(root, null, Map.of(), "x").config();
        assertEquals("qwen3_vl", config.modelType());
        assertEquals(2, config.layers());
        assertEquals(2, config.keyValueHeads());
        assertEquals(16, config.headDim());
        assertEquals(151655, config.imageToken());
        assertEquals(List.of(0), config.vision().deepstackLayers());
        assertEquals(Set.of(151645L, 151643L), config.stopTokens());
        assertEquals(null, config.tokenizer(), "no tokenizer.json in this package");
    }

    @Test
    void aPackageOfAnotherModelOrWithoutConfigIsRefused(@TempDir Path dir) throws Exception {
        Path root = layout(dir, "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx");
        Files.writeString(root.resolve("config.json"), "{\"model_type\": \"llava\"}");
        BenchmarkSetupException other = assertThrows(BenchmarkSetupException.class,
                () -> OnnxPackage.open(root, null, Map.of(), "x"));
        assertTrue(other.getMessage().contains("model_type 'llava'; the plugin runs three-part packages of qwen2_vl,"
                + " qwen2_5_vl, qwen3_vl"), other.getMessage());
        Files.delete(root.resolve("config.json"));
        BenchmarkSetupException none = assertThrows(BenchmarkSetupException.class,
                () -> OnnxPackage.open(root, null, Map.of(), "x"));
        assertTrue(none.getMessage().contains("config.json is missing"), none.getMessage());
    }
}
