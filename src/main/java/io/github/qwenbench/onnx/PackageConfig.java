package io.github.qwenbench.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a package's own files say about the model: from {@code config.json} the model type, the
 * decoder's cache geometry and the special tokens, from {@code generation_config.json} the tokens that
 * end an answer, and where its tokenizer, chat template and preprocessor settings are. Qwen2-VL keeps
 * the text model's fields at the top of {@code config.json}; Qwen2.5-VL and Qwen3-VL keep them under
 * {@code text_config}: both are read.
 *
 * @param modelType {@code qwen2_vl}, {@code qwen2_5_vl} or {@code qwen3_vl}
 * @param layers decoder layers (pairs of past key and value inputs)
 * @param keyValueHeads key/value heads per layer
 * @param headDim values per head
 * @param vocabularySize logits per position
 * @param imageToken the id of an image token ({@code <|image_pad|>})
 * @param vision the vision tower's geometry, from {@code vision_config}
 * @param stopTokens the ids that end an answer ({@code eos_token_id}), empty when the package names none
 * @param tokenizer {@code tokenizer.json}, or null when absent
 * @param chatTemplate the chat template file ({@code chat_template.jinja} or {@code chat_template.json}), or
 *        null when the package has none of its own (it may sit in {@code tokenizer_config.json})
 * @param preprocessor {@code preprocessor_config.json}, or null when absent
 */
public record PackageConfig(String modelType, int layers, int keyValueHeads, int headDim, int vocabularySize,
        long imageToken, Vision vision, Set<Long> stopTokens,
        Path tokenizer, Path chatTemplate, Path preprocessor) {

    /**
     * What {@code vision_config} says of the vision tower, as far as the caller's part needs it.
     *
     * @param spatialMerge patches merged per side into one image token
     * @param patchSize pixels per patch side
     * @param positionGridSide the side of Qwen3-VL's square table of learned position embeddings (the root of
     *        {@code num_position_embeddings}), 0 when the tower has none (Qwen2-VL, Qwen2.5-VL)
     * @param windowSize Qwen2.5-VL's attention window in pixels, 0 when the tower has none
     * @param deepstackLayers the vision blocks whose features Qwen3-VL adds to the first decoder layers (empty
     *        for the others)
     */
    public record Vision(int spatialMerge, int patchSize, int positionGridSide, int windowSize,
            List<Integer> deepstackLayers) {
    }

    /** The model types whose layout and positions this plugin knows. */
    public static final List<String> MODEL_TYPES = List.of("qwen2_vl", "qwen2_5_vl", "qwen3_vl");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the package's configuration files in {@code root}. */
    public static PackageConfig read(Path root, String what) throws BenchmarkSetupException {
        JsonNode config = json(root.resolve("config.json"), what, true);
        String type = config.path("model_type").asText("");
        if (!MODEL_TYPES.contains(type)) {
            throw new BenchmarkSetupException(what + ": " + root.resolve("config.json") + " says model_type '" + type
                    + "'; the plugin runs three-part packages of " + String.join(", ", MODEL_TYPES) + ".");
        }
        JsonNode text = config.has("text_config") ? config.get("text_config") : config;
        JsonNode vision = config.path("vision_config");
        int layers = positive(text, "num_hidden_layers", root, what);
        int heads = positive(text, "num_attention_heads", root, what);
        int kvHeads = text.has("num_key_value_heads") ? positive(text, "num_key_value_heads", root, what) : heads;
        int headDim = text.has("head_dim") ? positive(text, "head_dim", root, what)
                : positive(text, "hidden_size", root, what) / heads;
        int vocabulary = positive(text.has("vocab_size") ? text : config, "vocab_size", root, what);
        long image = config.path("image_token_id").asLong(151655);
        int merge = vision.path("spatial_merge_size").asInt(2);
        List<Integer> deepstack = new ArrayList<>();
        vision.path("deepstack_visual_indexes").forEach(n -> deepstack.add(n.asInt()));
        int table = vision.path("num_position_embeddings").asInt(0);
        int side = (int) Math.round(Math.sqrt(table));
        Vision tower = new Vision(merge, vision.path("patch_size").asInt(type.equals("qwen3_vl") ? 16 : 14),
                side * side == table ? side : 0, vision.path("window_size").asInt(0), List.copyOf(deepstack));
        JsonNode generation = json(root.resolve("generation_config.json"), what, false);
        Set<Long> stops = new TreeSet<>();
        JsonNode eos = generation != null && !generation.path("eos_token_id").isMissingNode()
                ? generation.path("eos_token_id")
                : text.has("eos_token_id") ? text.path("eos_token_id") : config.path("eos_token_id");
        if (eos.isArray()) {
            eos.forEach(n -> stops.add(n.asLong()));
        } else if (eos.isNumber()) {
            stops.add(eos.asLong());
        }
        return new PackageConfig(type, layers, kvHeads, headDim, vocabulary, image, tower, Set.copyOf(stops), existing(root.resolve("tokenizer.json")),
                existing(root.resolve("chat_template.jinja"), root.resolve("chat_template.json")),
                existing(root.resolve("preprocessor_config.json")));
    }

    private static int positive(JsonNode node, String field, Path root, String what) throws BenchmarkSetupException {
        int value = node.path(field).asInt(0);
        if (value < 1) {
            throw new BenchmarkSetupException(what + ": " + root.resolve("config.json") + " has no positive " + field
                    + (node.has(field) ? " (it says " + node.get(field) + ")" : "") + "; the plugin needs it to"
                    + " shape the decoder's past key values.");
        }
        return value;
    }

    private static JsonNode json(Path file, String what, boolean required) throws BenchmarkSetupException {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new BenchmarkSetupException(what + ": " + file + " is missing. A package carries its"
                        + " config.json (the model's Hugging Face configuration) beside the onnx folder.");
            }
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BenchmarkSetupException(what + ": " + file + " is not valid JSON (" + e.getMessage() + ").",
                    e);
        }
    }

    private static Path existing(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
