package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.workload.ReferenceInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation over the three-part packages that src/test/models/generate_onnx_packages.py exported
 * from Hugging Face's own Qwen3-VL code, on Hugging Face's preprocessed inputs of the reference
 * conversations (no image, one image, three images of different sizes, a system message, several turns):
 * the tokens must equal Hugging Face's generate(do_sample=False), alone and as one left-padded batch.
 * The fixture script checked that each of the caller's usual mistakes (features not merged, one row of
 * positions, height and width swapped, decoding not continuing from the prompt's last position,
 * DeepStack dropped) changes the tokens of some conversation, so these tests would catch them.
 */
class PackageGenerationTest {

    static final Path PACKAGES = Path.of("src/test/models/onnx");

    /**
     * Two intra-op threads: the tests' time is the fixtures' logits; threads change only the rounding, far below the
     * fixtures' top-1 margins (0.05 at least, references.json).
     */
    static final OrtRuntime.Options SESSIONS = new OrtRuntime.Options(2, "all", true);

    static Stream<String> packages() {
        return Stream.of("qwen3vl-tiny-deepstack", "qwen3vl-tiny");
    }

    private static JsonNode references(String name) throws Exception {
        return new ObjectMapper().readTree(PACKAGES.resolve(name).resolve("references.json").toFile());
    }

    private static long[] tokens(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** The cases' inputs as one left-padded batch (a batch of one: the case alone). */
    static PackageGeneration.Prompt prompt(List<String> cases) throws Exception {
        List<long[]> rows = new ArrayList<>();
        List<long[]> grids = new ArrayList<>();
        List<float[]> pixels = new ArrayList<>();
        int width = 0;
        for (String c : cases) {
            long[] ids = ReferenceInputs.inputIds(c);
            rows.add(ids);
            width = Math.max(width, ids.length);
            grids.addAll(ReferenceInputs.grids(c));
            pixels.add(ReferenceInputs.pixelValues(c));
        }
        long[][] ids = new long[rows.size()][width];
        long[][] mask = new long[rows.size()][width];
        for (int b = 0; b < rows.size(); b++) {
            int pad = width - rows.get(b).length;
            java.util.Arrays.fill(ids[b], 0, pad, 151643);
            System.arraycopy(rows.get(b), 0, ids[b], pad, rows.get(b).length);
            java.util.Arrays.fill(mask[b], pad, width, 1);
        }
        int total = pixels.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[total];
        int at = 0;
        for (float[] p : pixels) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return new PackageGeneration.Prompt(ids, mask, all, 1536, grids);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void everyConversationGivesHuggingFacesTokens(String name) throws Exception {
        JsonNode references = references(name);
        int newTokens = references.get("new_tokens").asInt();
        OnnxPackage pkg = OnnxPackage.open(PACKAGES.resolve(name), "fp32", Map.of(), name);
        try (PackageGraphs graphs = PackageGraphs.open(pkg, SESSIONS, name)) {
            assertEquals(references.get("deepstack").asBoolean(), graphs.deepstack());
            PackageGeneration generation = new PackageGeneration(graphs, pkg.config());
            List<String> cases = new ArrayList<>();
            references.get("cases").fieldNames().forEachRemaining(cases::add);
            for (String c : cases) {
                PackageGeneration.Generated g = generation.generate(prompt(List.of(c)), newTokens, Set.of());
                assertArrayEquals(tokens(references.get("cases").get(c).get("tokens")), g.tokens()[0], name + ": " + c);
                assertEquals(newTokens, g.stepNanos().length);
                assertTrue(g.cacheBytes() > 0);
            }
            List<String> batch = new ArrayList<>();
            references.get("left_padded_batch").get("cases").forEach(n -> batch.add(n.asText()));
            PackageGeneration.Generated g = generation.generate(prompt(batch), newTokens, Set.of());
            JsonNode expected = references.get("left_padded_batch").get("tokens");
            for (int b = 0; b < batch.size(); b++) {
                assertArrayEquals(tokens(expected.get(b)), g.tokens()[b], name + ": left-padded batch row " + b);
            }
        }
    }

    /**
     * The accuracy suite's decode-step logits: fed Hugging Face's own greedy tokens one step at a time, each
     * step's logits have the next reference token as their arg-max, through the cache, the positions' decode
     * offset and the image features (one image), on both packages.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void forcedStepsGiveTheNextReferenceTokenAtEveryStep(String name) throws Exception {
        JsonNode references = references(name);
        long[] expected = tokens(references.get("cases").get("one_image").get("tokens"));
        OnnxPackage pkg = OnnxPackage.open(PACKAGES.resolve(name), "fp32", Map.of(), name);
        try (PackageGraphs graphs = PackageGraphs.open(pkg, SESSIONS, name)) {
            int steps = expected.length - 1;
            List<PackageGeneration.Logits> logits = new PackageGeneration(graphs, pkg.config())
                    .forced(prompt(List.of("one_image")), new long[][] {java.util.Arrays.copyOf(expected, steps)});
            assertEquals(steps + 1, logits.size());
            for (int k = 0; k <= steps; k++) {
                float[] values = logits.get(k).values();
                int arg = 0;
                for (int v = 1; v < values.length; v++) {
                    if (values[v] > values[arg]) {
                        arg = v;
                    }
                }
                assertEquals(expected[k], arg, name + ": step " + k);
            }
        }
    }

    /**
     * The tensor suites' forward pass of a package is the prefill with each row's next-token logits: their
     * arg-max is the first token Hugging Face generates. Two rows of the shortest conversation (a batch whose
     * second row's logits sit one row further in ONNX Runtime's output): the long prompts' prefill is what
     * {@link #everyConversationGivesHuggingFacesTokens} already pays for.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void thePrefillGivesEachRowsNextTokenLogits(String name) throws Exception {
        JsonNode references = references(name);
        OnnxPackage pkg = OnnxPackage.open(PACKAGES.resolve(name), "fp32", Map.of(), name);
        try (PackageGraphs graphs = PackageGraphs.open(pkg, SESSIONS, name)) {
            PackageGeneration.Logits logits = new PackageGeneration(graphs, pkg.config())
                    .prefill(prompt(List.of("text_only", "text_only")));
            int vocabulary = graphs.vocabulary();
            assertArrayEquals(new long[] {2, 1, vocabulary}, logits.shape());
            long expected = references.get("cases").get("text_only").get("tokens").get(0).asLong();
            for (int b = 0; b < 2; b++) {
                int arg = 0;
                for (int v = 1; v < vocabulary; v++) {
                    arg = logits.values()[b * vocabulary + v] > logits.values()[b * vocabulary + arg] ? v : arg;
                }
                assertEquals(expected, arg, name + ": row " + b);
            }
        }
    }

    /**
     * The independent runtime that reads this layout: transformers.js 4.x (src/test/models/transformersjs_check.mjs,
     * run when the fixtures were made) loaded the package without DeepStack and, fed Hugging Face's inputs,
     * gave Hugging Face's tokens on every conversation with images. On the text-only one its rotary offset
     * for decode steps is wrong (a known bug of 4.3.1), so only its first token is compared there.
     */
    @org.junit.jupiter.api.Test
    void transformersJsGivesHuggingFacesTokensOnImages() throws Exception {
        Path pkg = PACKAGES.resolve("qwen3vl-tiny");
        JsonNode references = references("qwen3vl-tiny");
        JsonNode tfjs = new ObjectMapper().readTree(pkg.resolve("transformersjs.json").toFile());
        assertTrue(tfjs.get("transformersjs").asText().startsWith("4."), tfjs.get("transformersjs").asText());
        int images = 0;
        for (var c = references.get("cases").fields(); c.hasNext(); ) {
            var entry = c.next();
            long[] expected = tokens(entry.getValue().get("tokens"));
            JsonNode theirs = tfjs.get("cases").get(entry.getKey());
            long[] actual = tokens(theirs.get("tokens"));
            if (theirs.get("images").asInt() > 0) {
                assertArrayEquals(expected, actual, entry.getKey());
                images++;
            } else {
                assertEquals(expected[0], actual[0], entry.getKey() + ": the first token");
            }
        }
        assertTrue(images >= 3, images + " image conversations compared");
    }

    /**
     * The fixtures can catch the caller's usual mistakes: the fixture script ran its own loop with each
     * mistake made on purpose (image features not merged, one row of positions for all three, height and
     * width swapped, decode positions taken from the cache length instead of the prompt's last position,
     * DeepStack dropped) and recorded which conversations' tokens then differ from Hugging Face's. Each
     * must change some, so that {@link #everyConversationGivesHuggingFacesTokens} fails if the plugin makes it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void everyCallerMistakeChangesSomeAnswer(String name) throws Exception {
        JsonNode references = references(name);
        List<String> mistakes = new ArrayList<>(List.of("not_merged", "one_row", "swapped_hw", "no_decode_offset"));
        if (references.get("deepstack").asBoolean()) {
            mistakes.add("no_deepstack");
        }
        for (String mistake : mistakes) {
            JsonNode caught = references.get("mistakes_caught_by").get(mistake);
            assertTrue(caught != null && caught.size() > 0, name + ": the mistake " + mistake + " changes no answer");
        }
    }
}
