package io.github.qwenbench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model's folder (a three-part ONNX package, as Hugging Face's exports save it) gives the workload
 * when the pom does not: its {@code tokenizer.json}, its chat template ({@code chat_template.jinja}, or the
 * {@code chat_template} of {@code chat_template.json} or {@code tokenizer_config.json}) and the image
 * processor's settings of its {@code preprocessor_config.json}. Each is null where the folder has none.
 *
 * @param tokenizer the tokenizer file
 * @param chatTemplate the file that holds the chat template
 * @param vision the image settings, with Qwen3-VL's for the fields the file leaves out
 * @param preprocessorConfig the file they came from
 */
public record PackageFiles(Path tokenizer, Path chatTemplate, VisionSettings vision, Path preprocessorConfig) {

    /** The files of {@code folder}; a file that is there but unreadable is a set-up error naming it. */
    public static PackageFiles read(Path folder) throws BenchmarkSetupException {
        Path tokenizer = folder.resolve("tokenizer.json");
        Path preprocessor = folder.resolve("preprocessor_config.json");
        return new PackageFiles(Files.isRegularFile(tokenizer) ? tokenizer : null, chatTemplate(folder),
                Files.isRegularFile(preprocessor) ? vision(preprocessor) : null,
                Files.isRegularFile(preprocessor) ? preprocessor : null);
    }

    /** The file holding the chat template: the .jinja first, as transformers 5 saves it, then the JSON forms. */
    static Path chatTemplate(Path folder) throws BenchmarkSetupException {
        Path jinja = folder.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            return jinja;
        }
        for (String name : new String[] {"chat_template.json", "tokenizer_config.json"}) {
            Path json = folder.resolve(name);
            if (Files.isRegularFile(json) && ChatTemplate.jsonTemplate(json) != null) {
                return json;
            }
        }
        return null;
    }

    /**
     * The image processor's settings: {@code patch_size}, {@code temporal_patch_size}, {@code merge_size},
     * {@code size.shortest_edge} / {@code size.longest_edge} (or the older {@code min_pixels} /
     * {@code max_pixels}), {@code image_mean} and {@code image_std}. A processor that does not rescale by
     * 1/255 and normalise, as Qwen's does, is refused: the plugin's preprocessing is Qwen's.
     */
    static VisionSettings vision(Path file) throws BenchmarkSetupException {
        JsonNode config;
        try {
            config = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read " + file + " as JSON: " + e.getMessage() + ". Fix the"
                    + " package's preprocessor_config.json, or set the workload's patch and pixel settings and delete"
                    + " it.", e);
        }
        VisionSettings qwen = VisionSettings.qwen3Vl();
        if (!config.path("do_rescale").asBoolean(true) || !config.path("do_normalize").asBoolean(true)
                || Math.abs(config.path("rescale_factor").asDouble(1 / 255.0) - 1 / 255.0) > 1e-12) {
            throw new BenchmarkSetupException(file + " sets do_rescale " + config.path("do_rescale") + ", do_normalize "
                    + config.path("do_normalize") + " and rescale_factor " + config.path("rescale_factor") + ", but the"
                    + " plugin preprocesses images as Qwen's image processor does by default (rescale by 1/255, then"
                    + " normalise): use a package whose processor does, or give the workload its own settings.");
        }
        JsonNode size = config.path("size");
        long minPixels = size.has("shortest_edge") ? size.get("shortest_edge").asLong()
                : config.path("min_pixels").asLong(qwen.minPixels());
        long maxPixels = size.has("longest_edge") ? size.get("longest_edge").asLong()
                : config.path("max_pixels").asLong(qwen.maxPixels());
        VisionSettings vision = new VisionSettings(config.path("patch_size").asInt(qwen.patchSize()),
                config.path("temporal_patch_size").asInt(qwen.temporalPatchSize()),
                config.path("merge_size").asInt(qwen.mergeSize()), minPixels, maxPixels,
                channels(config.path("image_mean"), qwen.mean()), channels(config.path("image_std"), qwen.std()));
        try {
            return vision.validate();
        } catch (BenchmarkSetupException e) {
            throw new BenchmarkSetupException(file + ": " + e.getMessage(), e);
        }
    }

    private static float[] channels(JsonNode values, float[] fallback) {
        if (!values.isArray()) {
            return fallback;
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }
}
