package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload's conversations as chat completion requests. */
class ChatRequestsTest {

    private static final Path CONVERSATIONS = Path.of("src/test/workload/conversations.jsonl");

    private static JsonNode body(int line, Long seed, List<String> stop) throws Exception {
        Conversation c = ConversationsFile.read(CONVERSATIONS).stream().filter(x -> x.line() == line).findFirst()
                .orElseThrow();
        return new ObjectMapper().readTree(ChatRequests.body(c, "tiny", 16, seed, stop));
    }

    @Test
    void aTextConversationKeepsItsStringContentAndAsksForAGreedyStream() throws Exception {
        JsonNode b = body(1, null, List.of());
        assertEquals("tiny", b.get("model").asText());
        assertEquals("user", b.get("messages").get(0).get("role").asText());
        assertEquals("What is the capital of France? Answer in one word.", b.get("messages").get(0).get("content").asText());
        assertTrue(b.get("stream").asBoolean());
        assertEquals(0, b.get("temperature").asInt());
        assertEquals(16, b.get("max_tokens").asInt());
        assertFalse(b.has("seed") || b.has("stop") || b.has("stream_options"), "only what every server accepts");
    }

    @Test
    void anImageTravelsAsADataUrlOfItsOwnBytes() throws Exception {
        JsonNode b = body(2, 7L, List.of("\n\n"));
        JsonNode parts = b.get("messages").get(0).get("content");
        assertEquals("image_url", parts.get(0).get("type").asText());
        String url = parts.get(0).get("image_url").get("url").asText();
        assertTrue(url.startsWith("data:image/png;base64,"), url.substring(0, 40));
        byte[] bytes = Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()));
        assertEquals(Files.size(Path.of("src/test/workload/images/exact_320x256.png")), bytes.length);
        assertEquals("text", parts.get(1).get("type").asText());
        assertEquals(7, b.get("seed").asLong());
        assertEquals("\n\n", b.get("stop").get(0).asText());
    }

    @Test
    void anImageOfAnotherKindIsRefusedWithItsName() {
        Conversation c = new Conversation(Path.of("c.jsonl"), 3, List.of(Message.parts("user",
                List.of(new ContentPart.Image(Path.of("scan.tiff"))))));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> ChatRequests.body(c, "tiny", 8, null, List.of()));
        assertTrue(e.getMessage().contains("scan.tiff (c.jsonl line 3) is not a PNG, JPEG, WebP or GIF"), e.getMessage());
    }
}
