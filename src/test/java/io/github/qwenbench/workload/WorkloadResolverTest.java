package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.plan.WorkloadSettings;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code <workload>} configuration, validated on the Maven side: every error names its setting and what to do. */
class WorkloadResolverTest {

    @TempDir
    Path dir;

    private final List<String> resolved = new ArrayList<>();

    private WorkloadSettings resolve(WorkloadConfig config) throws BenchmarkSetupException {
        return new WorkloadResolver((coordinates, setting) -> {
            resolved.add(coordinates + " for " + setting);
            String[] parts = coordinates.split(":");
            Path file = dir.resolve("repo").resolve(parts[1] + "-" + parts[2] + "." + parts[3]);
            if (!Files.isRegularFile(file)) {
                throw new BenchmarkSetupException(setting + " " + coordinates + " cannot be resolved.");
            }
            return file;
        }, dir.resolve("unpacked")).resolve(config, dir.resolve("inputs"), List.of());
    }

    private String fails(WorkloadConfig config) {
        return assertThrows(BenchmarkSetupException.class, () -> resolve(config)).getMessage();
    }

    private WorkloadConfig conversations(String lines) throws Exception {
        return TestWorkloads.config(Files.writeString(dir.resolve("conversations.jsonl"), lines));
    }

    @Test
    void theDefaultsAreQwen3VlsAndEveryConversation() throws Exception {
        WorkloadSettings settings = resolve(TestWorkloads.config(TestWorkloads.CONVERSATIONS));
        assertEquals(TestWorkloads.CONVERSATIONS.toString(), settings.conversations());
        assertEquals(ModelResolver.sha256(TestWorkloads.CONVERSATIONS), settings.conversationsSha256());
        assertEquals(5, settings.samples());
        assertNull(settings.chatTemplate());
        assertEquals("Qwen3-VL chat template (bundled)", settings.template());
        assertEquals(List.of(65536L, 16777216L, 16L, 2L, 2L), List.of(settings.minPixels(), settings.maxPixels(),
                (long) settings.patchSize(), (long) settings.mergeSize(), (long) settings.temporalPatchSize()));
        assertTrue(settings.tokenizerSource().startsWith("workload/tokenizer "), settings.tokenizerSource());
    }

    @Test
    void aMissingConversationsFileIsNamedWithItsAbsolutePath() {
        WorkloadConfig config = TestWorkloads.config(Path.of("no-such-dir/conversations.jsonl"));
        String message = fails(config);
        assertTrue(message.startsWith("workload/conversations: Conversations file "
                + Path.of("no-such-dir/conversations.jsonl").toAbsolutePath() + " does not exist"), message);
        assertTrue(message.contains("or fix its path"), message);
        config.setConversations(null);
        assertTrue(fails(config).startsWith("workload/conversations is not set: give the JSON-lines file"));
    }

    @Test
    void malformedJsonIsNamedWithItsLine() throws Exception {
        String message = fails(conversations("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}\n"));
        assertTrue(message.startsWith("workload/conversations: " + dir.resolve("conversations.jsonl")
                + " line 2 is not valid JSON"), message);
    }

    @Test
    void anUnknownContentTypeIsNamed() throws Exception {
        String message = fails(conversations("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\":"
                + " \"image_url\", \"image_url\": \"http://x/a.png\"}]}]}\n"));
        assertTrue(message.contains("line 1, message 1, part 1 has content type 'image_url', which is not"
                + " supported: use \"text\" or \"image\""), message);
    }

    @Test
    void aMissingImageIsNamedWithItsConversationsLine() throws Exception {
        String message = fails(conversations("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"image\":"
                + " \"cat.png\"}]}]}\n"));
        assertTrue(message.contains("conversations.jsonl line 2, message 1, part 1 names image cat.png, but "
                + dir.resolve("cat.png") + " does not exist"), message);
    }

    @Test
    void samplesMustBeWithinTheConversations() {
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setSamples(6);
        assertTrue(fails(config).startsWith("workload/samples is 6, but " + TestWorkloads.CONVERSATIONS
                + " holds 5 conversations: give a number from 1 to 5"));
        config.setSamples(0);
        assertTrue(fails(config).startsWith("workload/samples is 0"));
    }

    @Test
    void aTokenizerWithoutQwenSpecialTokensIsRejectedBeforeAnyWorker() throws Exception {
        Path json = Files.writeString(dir.resolve("tokenizer.json"), """
                {"version": "1.0", "added_tokens": [{"id": 0, "content": "<|im_start|>", "special": true},
                 {"id": 1, "content": "<|im_end|>", "special": true}],
                 "model": {"type": "WordLevel", "vocab": {"hello": 2}, "unk_token": "[UNK]"}}
                """);
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setTokenizer(json.toFile());
        String message = fails(config);
        assertTrue(message.startsWith("workload/tokenizer: Tokenizer " + json + " does not define Qwen3-VL's special"
                + " tokens <|vision_start|>, <|vision_end|>, <|image_pad|>, <|endoftext|> in its added_tokens: use the"
                + " tokenizer.json of a Qwen3-VL model"), message);
        Files.writeString(json, "[1, 2]");
        assertTrue(fails(config).contains("is not a Hugging Face tokenizer.json"));
    }

    @Test
    void theTokenizerIsAFileOrAnArtifactNotBoth() {
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setTokenizerArtifact("org.example:qwen3-tokenizer:1.0");
        assertEquals("workload has both <tokenizer> and <tokenizerArtifact>: keep one.", fails(config));
        config.setTokenizer(null);
        config.setTokenizerArtifact(null);
        assertTrue(fails(config).startsWith("workload/tokenizer is not set: give the model's tokenizer.json with"
                + " <tokenizer>path/to/tokenizer.json</tokenizer>, or its Maven coordinates with <tokenizerArtifact>"));
        config.setTokenizer(new File("absent/tokenizer.json"));
        assertTrue(fails(config).startsWith("workload/tokenizer " + Path.of("absent/tokenizer.json").toAbsolutePath()
                + " does not exist"));
    }

    @Test
    void aTokenizerArtifactIsAJsonFileByDefaultOrAnArchiveHoldingOne() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        Files.copy(TestWorkloads.TOKENIZER, dir.resolve("repo/qwen3-tokenizer-1.0.json"));
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setTokenizer(null);
        config.setTokenizerArtifact("org.example:qwen3-tokenizer:1.0");
        WorkloadSettings settings = resolve(config);
        assertEquals(List.of("org.example:qwen3-tokenizer:1.0:json for workload/tokenizerArtifact"), resolved);
        assertEquals(151643, settings.padTokenId());
        assertEquals("workload/tokenizerArtifact org.example:qwen3-tokenizer:1.0", settings.tokenizerSource());

        try (OutputStream out = Files.newOutputStream(dir.resolve("repo/qwen3-vl-2.0.zip"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("Qwen3-VL/config.json"));
            zip.write("{}".getBytes());
            zip.putNextEntry(new ZipEntry("Qwen3-VL/tokenizer.json"));
            zip.write(Files.readAllBytes(TestWorkloads.TOKENIZER));
        }
        config.setTokenizerArtifact("org.example:qwen3-vl:2.0:zip");
        settings = resolve(config);
        assertEquals(dir.resolve("unpacked/tokenizer/tokenizer.json").toString(), settings.tokenizer());
        assertEquals(ModelResolver.sha256(TestWorkloads.TOKENIZER), settings.tokenizerSha256());

        config.setTokenizerArtifact("org.example:qwen3-vl");
        assertTrue(fails(config).startsWith("workload/tokenizerArtifact is 'org.example:qwen3-vl', which is not"
                + " groupId:artifactId:version[:type]"));
    }

    @Test
    void aMissingChatTemplateSaysTheBundledOneIsTheDefault() {
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setChatTemplate(new File("templates/chat.jinja"));
        String message = fails(config);
        assertTrue(message.startsWith("workload/chatTemplate " + Path.of("templates/chat.jinja").toAbsolutePath()
                + " does not exist"), message);
        assertTrue(message.contains("leave <chatTemplate> out to use Qwen3-VL's template"), message);
    }

    @Test
    void visionSettingsAreChecked() {
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setMinPixels(4096L);
        config.setMaxPixels(1024L);
        assertTrue(fails(config).startsWith("workload/maxPixels is 1024, below workload/minPixels (4096)"));
        config.setMaxPixels(null);
        config.setPatchSize(0);
        assertTrue(fails(config).startsWith("workload/patchSize is 0, but it must be at least 1"));
    }

    /**
     * A package's folder stands in for what the pom leaves out: its tokenizer.json, its chat template (here the
     * chat_template of a chat_template.json) and its preprocessor_config.json's patch, merge, pixel and
     * normalisation settings; what the pom gives wins.
     */
    @Test
    void aPackageGivesWhatThePomLeavesOut() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.copy(TestWorkloads.TOKENIZER, pkg.resolve("tokenizer.json"));
        String template = new String(ChatTemplate.class.getResourceAsStream(ChatTemplate.QWEN3_VL_RESOURCE)
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        io.github.qwenbench.json.Json.mapper().writeValue(pkg.resolve("chat_template.json").toFile(),
                java.util.Map.of("chat_template", template));
        Files.writeString(pkg.resolve("preprocessor_config.json"), "{\"patch_size\": 14, \"merge_size\": 2,"
                + " \"temporal_patch_size\": 2, \"image_mean\": [0.48145466, 0.4578275, 0.40821073],"
                + " \"image_std\": [0.26862954, 0.26130258, 0.27577711], \"min_pixels\": 3136,"
                + " \"max_pixels\": 12845056, \"rescale_factor\": 0.00392156862745098}");
        WorkloadConfig config = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        config.setTokenizer(null);
        config.setMaxPixels(1_000_000L);
        WorkloadSettings settings = new WorkloadResolver((c, s) -> {
            throw new AssertionError("nothing to resolve");
        }, dir.resolve("unpacked")).resolve(config, dir.resolve("inputs"), List.of(), pkg, "candidate");
        assertEquals(pkg.resolve("tokenizer.json").toString(), settings.tokenizer());
        assertEquals("the candidate package's tokenizer.json " + pkg.resolve("tokenizer.json"),
                settings.tokenizerSource());
        assertEquals(pkg.resolve("chat_template.json").toString(), settings.chatTemplate());
        assertEquals(ChatTemplate.qwen3Vl().sha256(), settings.templateSha256(), "the same template, read from JSON");
        assertEquals(List.of(14, 2, 2), List.of(settings.patchSize(), settings.mergeSize(), settings.temporalPatchSize()));
        assertEquals(List.of(3136L, 1_000_000L), List.of(settings.minPixels(), settings.maxPixels()),
                "the package's minimum, the pom's maximum");
        VisionSettings vision = VisionSettings.of(settings);
        assertEquals(0.48145466f, vision.mean()[0]);
        assertEquals(0.27577711f, vision.std()[2]);

        Files.writeString(pkg.resolve("preprocessor_config.json"), "{\"do_rescale\": false}");
        String message = assertThrows(BenchmarkSetupException.class, () -> new WorkloadResolver((c, s) -> null,
                dir.resolve("unpacked")).resolve(config, dir.resolve("inputs"), List.of(), pkg, "candidate"))
                .getMessage();
        assertTrue(message.startsWith(pkg.resolve("preprocessor_config.json") + " sets do_rescale false"), message);
    }
}
