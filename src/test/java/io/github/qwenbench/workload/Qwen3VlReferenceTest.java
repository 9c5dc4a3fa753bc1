package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.model.NumpyArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java preprocessing against Hugging Face's Qwen3VLProcessor on the cases that
 * src/test/workload/make_references.py recorded (transformers 5.18, Pillow).
 */
class Qwen3VlReferenceTest {

    static final Path WORKLOAD = Path.of("src/test/workload");
    static final Path TOKENIZER = Path.of("src/test/resources/qwen3/tokenizer.json");
    /** Two 8-bit levels after rescaling by 1/255 and normalising with std 0.5. */
    static final double TWO_LEVELS = 2 / 255.0 / 0.5 + 1e-6;
    static final double CLOSE = 1e-6;
    static final double MOST_FAR = 0.005;

    static Stream<JsonNode> cases() throws Exception {
        JsonNode root = new ObjectMapper().readTree(WORKLOAD.resolve("references/cases.json").toFile());
        List<JsonNode> cases = new ArrayList<>();
        root.get("cases").forEach(cases::add);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesHuggingFace(JsonNode c) throws Exception {
        String name = c.get("case").asText();
        VisionSettings settings = VisionSettings.qwen3Vl().withPixels(c.get("minPixels").asLong(),
                c.get("maxPixels").asLong());
        Conversation conversation = ConversationsFile.read(WORKLOAD.resolve("conversations.jsonl")).stream()
                .filter(x -> x.line() == c.get("line").asInt()).findFirst().orElseThrow();
        ModelInputs inputs;
        try (Qwen3VlPreprocessor p = Qwen3VlPreprocessor.open(TOKENIZER, ChatTemplate.qwen3Vl(), settings)) {
            inputs = p.process(conversation);
        }
        Path npz = WORKLOAD.resolve("references/" + name + ".npz");
        assertEquals(Files.readString(WORKLOAD.resolve("references/" + name + ".txt"), StandardCharsets.UTF_8),
                inputs.prompt(), "rendered prompt");
        assertArrayEquals(ReferenceInputs.longs(NumpyArray.read(npz, "input_ids")), inputs.inputIds(), "input_ids");
        long[] grid = ReferenceInputs.longs(NumpyArray.read(npz, "image_grid_thw"));
        assertArrayEquals(grid, Stream.of(inputs.imageGridThw()).flatMapToLong(java.util.Arrays::stream).toArray(),
                "image_grid_thw");
        for (int i = 0; i < inputs.inputIds().length; i++) {
            assertEquals(inputs.inputIds()[i] == 151655 ? 1 : 0, inputs.mmTokenTypeIds()[i], "mm_token_type_ids");
            assertEquals(1, inputs.attentionMask()[i]);
        }
        if (grid.length == 0) {
            assertEquals(0, inputs.pixelValues().length);
            System.out.printf(Locale.ROOT, "%s: no image; prompt, %d input_ids identical%n", name,
                    inputs.inputIds().length);
            return;
        }
        float[] expected = ReferenceInputs.pixelValues(NumpyArray.read(npz, "pixel_levels"), settings);
        assertEquals(expected.length, inputs.pixelValues().length, "pixel_values size");
        assertArrayEquals(new long[] {expected.length / 1536, 1536}, inputs.pixelValuesShape());
        double largest = 0;
        long far = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - inputs.pixelValues()[i]);
            largest = Math.max(largest, d);
            far += d > CLOSE ? 1 : 0;
        }
        boolean exact = exactExpected(conversation, settings);
        System.out.printf(Locale.ROOT, "%s: %d input_ids and grid identical; pixel_values largest difference %.3g"
                + " (%.2f 8-bit levels), %d of %d values (%.4f%%) differ by more than 1e-6; judged %s%n", name,
                inputs.inputIds().length, largest, largest * 0.5 * 255, far, expected.length,
                100.0 * far / expected.length, exact ? "exactly (PNG, no resize)" : "within tolerance");
        if (exact) {
            assertTrue(largest <= CLOSE, name + ": largest difference " + largest);
        } else {
            assertTrue(largest <= TWO_LEVELS, name + ": largest difference " + largest);
            assertTrue(far <= MOST_FAR * expected.length, name + ": " + far + " values differ by more than 1e-6");
        }
    }

    /** Every image is a PNG whose size smart_resize keeps. */
    private static boolean exactExpected(Conversation conversation, VisionSettings settings) throws Exception {
        for (ContentPart.Image image : conversation.images()) {
            RgbImage rgb = ImageDecoder.read(image.path());
            int[] size = settings.smartResize(rgb.height(), rgb.width());
            if (!image.path().toString().endsWith(".png") || size[0] != rgb.height() || size[1] != rgb.width()) {
                return false;
            }
        }
        return true;
    }
}
