package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken input ends in a message that names the file, the line and what to do. */
class WorkloadErrorsTest {

    @TempDir
    Path dir;

    private BenchmarkSetupException readFails(String content) throws Exception {
        Path file = Files.writeString(dir.resolve("conversations.jsonl"), content);
        return assertThrows(BenchmarkSetupException.class, () -> ConversationsFile.read(file));
    }

    @Test
    void missingConversationsFile() {
        Path file = dir.resolve("nowhere.jsonl");
        String message = assertThrows(BenchmarkSetupException.class, () -> ConversationsFile.read(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("does not exist")
                && message.contains("fix its path"), message);
    }

    @Test
    void malformedJsonNamesItsLine() throws Exception {
        String message = readFails("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}\n").getMessage();
        assertTrue(message.contains("conversations.jsonl line 3 is not valid JSON"), message);
        assertTrue(message.contains("each line must be one JSON object"), message);
    }

    @Test
    void unknownContentType() throws Exception {
        String message = readFails("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video\","
                + " \"video\": \"a.mp4\"}]}]}\n").getMessage();
        assertTrue(message.contains("line 1, message 1, part 1 has content type 'video', which is not supported"),
                message);
        assertTrue(message.contains("use \"text\" or \"image\""), message);
    }

    @Test
    void missingImageFile() throws Exception {
        String message = readFails("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\","
                + " \"image\": \"pics/cat.png\"}, {\"type\": \"text\", \"text\": \"?\"}]}]}\n").getMessage();
        assertTrue(message.contains("line 1, message 1, part 1 names image pics/cat.png"), message);
        assertTrue(message.contains(dir.resolve("pics/cat.png").toString() + " does not exist"), message);
        assertTrue(message.contains("relative to the conversations file"), message);
    }

    @Test
    void referenceAnswersAreReadWithTheirRule() throws Exception {
        Path file = dir.resolve("conversations.jsonl");
        java.nio.file.Files.writeString(file, "{\"messages\": [{\"role\": \"user\", \"content\": \"Capital?\"}],"
                + " \"answers\": \"Paris\"}\n{\"messages\": [{\"role\": \"user\", \"content\": \"Pick\"}],"
                + " \"answers\": [\"B\"], \"scoring\": \"choice\", \"options\": {\"A\": \"x\", \"B\": \"y\"}}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"none\"}]}\n");
        java.util.List<Conversation> read = ConversationsFile.read(file);
        assertEquals(new Reference(java.util.List.of("Paris"), "vqa", java.util.Map.of()), read.get(0).reference());
        assertEquals(new Reference(java.util.List.of("B"), "choice", java.util.Map.of("A", "x", "B", "y")),
                read.get(1).reference());
        assertEquals(null, read.get(2).reference());
        assertEquals("Capital?", read.get(0).question());
    }

    @Test
    void unknownScoringRuleNamesTheLineAndTheRules() throws Exception {
        String message = readFails("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                + " \"answers\": [\"x\"], \"scoring\": \"exact\"}\n").getMessage();
        assertTrue(message.contains("conversations.jsonl line 1: scoring rule 'exact' is not known"), message);
        assertTrue(message.contains("vqa, contains, anls, choice, relaxed"), message);
    }

    @Test
    void badReferenceAnswersSayWhatToWrite() throws Exception {
        String empty = readFails("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                + " \"answers\": []}\n").getMessage();
        assertTrue(empty.contains("line 1 has an empty \"answers\" list"), empty);
        String number = readFails("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                + " \"answers\": [42]}\n").getMessage();
        assertTrue(number.contains("line 1 has an answer that is not a non-empty string (42)"), number);
        String orphan = readFails("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                + " \"scoring\": \"anls\"}\n").getMessage();
        assertTrue(orphan.contains("has \"scoring\" or \"options\" but no \"answers\""), orphan);
    }

    @Test
    void unknownRole() throws Exception {
        String message = readFails("{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}\n").getMessage();
        assertTrue(message.contains("line 1, message 1 has role \"robot\""), message);
    }

    @Test
    void tokenizerWithoutQwenSpecialTokens() throws Exception {
        Path json = Files.writeString(dir.resolve("tokenizer.json"), """
                {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
                 "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null,
                 "decoder": null,
                 "model": {"type": "WordLevel", "vocab": {"hello": 0, "[UNK]": 1}, "unk_token": "[UNK]"}}
                """);
        String message = assertThrows(BenchmarkSetupException.class, () -> QwenTokenizer.open(json)).getMessage();
        assertTrue(message.contains(json + " does not know Qwen3-VL's special token <|image_pad|>"), message);
        assertTrue(message.contains("use the tokenizer.json of a Qwen3-VL model"), message);
    }

    @Test
    void missingTokenizer() {
        Path json = dir.resolve("absent/tokenizer.json");
        String message = assertThrows(BenchmarkSetupException.class, () -> QwenTokenizer.open(json)).getMessage();
        assertTrue(message.contains("does not exist"), message);
    }

    @Test
    void undecodableImage() throws Exception {
        Path image = Files.writeString(dir.resolve("fake.png"), "not an image");
        String message = assertThrows(BenchmarkSetupException.class, () -> ImageDecoder.read(image)).getMessage();
        assertTrue(message.contains(image + " is neither a PNG nor a JPEG"), message);
    }

    @Test
    void invalidPixelBounds() {
        VisionSettings settings = VisionSettings.qwen3Vl().withPixels(70000, 60000);
        assertEquals("minPixels 70000 and maxPixels 60000 must satisfy 1 <= minPixels <= maxPixels.",
                assertThrows(BenchmarkSetupException.class, settings::validate).getMessage());
    }
}
