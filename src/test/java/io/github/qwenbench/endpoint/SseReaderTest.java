package io.github.qwenbench.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream's framing, as the WHATWG standard reads it and as the servers write it. */
class SseReaderTest {

    private static List<SseReader.Event> read(String stream) throws Exception {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<SseReader.Event> events = new ArrayList<>();
        SseReader.Event e;
        while ((e = reader.next()) != null) {
            events.add(e);
        }
        return events;
    }

    @Test
    void linesEndAtLfCrlfOrCrAndABlankLineDispatches() throws Exception {
        List<SseReader.Event> events = read("data: a\n\ndata: b\r\n\r\ndata: c\r\rdata:d\n\n");
        assertEquals(List.of("a", "b", "c", "d"), events.stream().map(SseReader.Event::data).toList(),
                "one space after the colon is dropped, none needed");
        assertFalse(events.get(0).unterminated());
        assertEquals("data: a\n\n".length(), events.get(0).bytes());
    }

    @Test
    void commentsAndOtherFieldsAreSkippedAndDataLinesJoin() throws Exception {
        // TGI's keep-alive comments between events; an id and an event name, which chat streams do not use
        List<SseReader.Event> events = read(": keep-alive\n\nid: 7\nevent: message\ndata: {\"a\":\ndata: 1}\n\n:\n\n");
        assertEquals(1, events.size());
        assertEquals("{\"a\":\n1}", events.get(0).data());
    }

    /** A server that closes the stream right after its last event, without the blank line. */
    @Test
    void anEventOpenAtTheEndIsReturnedMarked() throws Exception {
        List<SseReader.Event> events = read("data: {\"x\": 1}\n\ndata: {\"y\": 2}");
        assertEquals(2, events.size());
        assertTrue(events.get(1).unterminated());
        assertNull(new SseReader(new ByteArrayInputStream(new byte[0])).next());
    }

    /** As transformers serve 5.18 writes a short answer: the role first, one chunk per piece, usage with the finish. */
    @Test
    void aTransformersServeStreamReadsAsItsChunks() throws Exception {
        String stream = """
                data: {"id":"r1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant"}}]}

                data: {"id":"r1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}

                data: {"id":"r1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo"}}]}

                data: {"id":"r1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"length"}],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}

                """;
        List<SseReader.Event> events = read(stream);
        assertEquals(4, events.size());
        assertTrue(events.get(3).data().contains("\"completion_tokens\":2"));
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).nanos() >= events.get(i - 1).nanos());
        }
    }
}
