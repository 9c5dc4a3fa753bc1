package io.github.qwenbench.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The client's reading and its error paths, against recorded streams replayed by a local HTTP server
 * (the shapes transformers serve 5.18 and vLLM write, and the faults a server can show). The suites'
 * measurements run against a real transformers serve (the endpoint ITs); these tests pin down what
 * each kind of stream becomes.
 */
@Execution(ExecutionMode.CONCURRENT) // most of its time is waiting for timeouts: the cases wait side by side
class ChatStreamsTest {

    private static final String ROLE = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}";

    private HttpServer server;

    private static String content(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}";
    }

    private static String finish(String reason, int tokens) {
        return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}],\"usage\":{\"prompt_tokens\":9,"
                + "\"completion_tokens\":" + tokens + "}}";
    }

    /** A step of a replayed stream: an event to write, or a pause. */
    private record Step(String event, long pauseMillis) {
        static Step event(String data) {
            return new Step(data, 0);
        }

        static Step pause(long millis) {
            return new Step(null, millis);
        }
    }

    private Endpoint serve(int status, List<Step> steps) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> replay(exchange, status, steps));
        server.start();
        return new Endpoint("candidate", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"), "tiny",
                "secret-key", Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    private static void replay(HttpExchange exchange, int status, List<Step> steps) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (status != 200) {
            byte[] body = "{\"error\":\"model tiny is busy\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (Step step : steps) {
                if (step.event() == null) {
                    Thread.sleep(step.pauseMillis());
                    continue;
                }
                out.write(("data: " + step.event() + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException | IOException e) {
            // the client went away: the stream ends
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private static StreamedAnswer ask(Endpoint endpoint) {
        try (ChatStreams streams = new ChatStreams(Duration.ofSeconds(2))) {
            return streams.stream(endpoint, "{\"stream\":true}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** transformers serve sends the role before the prefill: the first token is the first content, 200 ms later. */
    @Test
    void theFirstTokenIsTheFirstContentNotTheRoleChunk() throws Exception {
        // 150 ms between the pieces (under the endpoint's 300 ms idle timeout), judged at 75: reading the first
        // piece late (the tests beside this one keep the cores busy) shortens the gap the client sees
        StreamedAnswer a = ask(serve(200, List.of(Step.event(ROLE), Step.pause(200), Step.event(content("Hel")),
                Step.pause(150), Step.event(content("lo")), Step.event(finish("length", 2)))));
        assertNull(a.failure(), a.detail());
        assertEquals("Hello", a.text());
        assertTrue(a.timeToFirstTokenMillis() >= 200, "time to first token " + a.timeToFirstTokenMillis());
        assertEquals(1, a.chunkGapsNanos().length);
        assertTrue(a.chunkGapsNanos()[0] >= 75_000_000L, "the gap between the two pieces: "
                + a.chunkGapsNanos()[0] / 1e6 + " ms");
        assertEquals(2, a.completionTokens());
        assertEquals(9, a.promptTokens());
        assertEquals("length", a.finishReason());
        assertTrue(a.timePerOutputTokenMillis(2) >= 75);
    }

    /** vLLM: the usage in a chunk of its own with no choices, then [DONE]. */
    @Test
    void aUsageChunkAndDoneEndTheStream() throws Exception {
        StreamedAnswer a = ask(serve(200, List.of(Step.event(content("A")), Step.event(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"},\"finish_reason\":\"stop\"}]}"),
                Step.event("{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"),
                Step.event("[DONE]"), Step.pause(4000))));
        assertNull(a.failure(), a.detail());
        assertEquals("AB", a.text());
        assertEquals(2, a.completionTokens());
        assertTrue(a.endMillis() < 2000, "[DONE] ends the answer, whatever the server does after it");
    }

    @Test
    void aServerThatFallsSilentIsCutAtTheIdleTimeout() throws Exception {
        long start = System.nanoTime();
        // the server falls silent for 6 s; judged at 3 s, with room for a start slowed by the tests beside this one
        StreamedAnswer a = ask(serve(200, List.of(Step.event(content("A")), Step.pause(6000),
                Step.event(finish("stop", 2)))));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("idle-timeout", a.failure());
        assertTrue(a.detail().contains("idleTimeout"), a.detail());
        assertTrue(seconds < 3, "cut after the 300 ms idle timeout, not after the server's 6 s: " + seconds);
    }

    @Test
    void aServerThatNeverStartsIsCutAtTheFirstByteTimeout() throws Exception {
        StreamedAnswer a = ask(serve(200, List.of(Step.pause(4000), Step.event(content("A")))));
        assertEquals("first-byte-timeout", a.failure(), a.detail());
    }

    @Test
    void errorsAreCountedWithTheServersWords() throws Exception {
        StreamedAnswer http = ask(serve(503, List.of()));
        assertEquals("http", http.failure());
        assertEquals(503, http.status());
        assertTrue(http.detail().contains("model tiny is busy"), http.detail());
        stop();
        StreamedAnswer event = ask(serve(200, List.of(Step.event(content("A")),
                Step.event("{\"error\":\"CUDA out of memory\"}"))));
        assertEquals("stream-error", event.failure());
        assertTrue(event.detail().contains("CUDA out of memory"), event.detail());
        stop();
        StreamedAnswer cut = ask(serve(200, List.of(Step.event(content("A")))));
        assertEquals("truncated", cut.failure(), "no finish_reason: the answer was cut");
        stop();
        StreamedAnswer garbage = ask(serve(200, List.of(Step.event("{not json"))));
        assertEquals("malformed", garbage.failure());
        stop();
        StreamedAnswer empty = ask(serve(200, List.of(Step.event(ROLE), Step.event(finish("stop", 0)))));
        assertEquals("empty", empty.failure());
    }

    @Test
    void anUnreachableEndpointIsAConnectFailure() {
        Endpoint nowhere = new Endpoint("baseline", URI.create("http://127.0.0.1:9/v1"), "tiny", null,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
        StreamedAnswer a = ask(nowhere);
        assertEquals("connect", a.failure());
        assertTrue(a.detail().contains("127.0.0.1:9"), a.detail());
    }

    @Test
    void theKeyNeverShowsInTheEndpointsWords() throws Exception {
        Endpoint e = serve(200, List.of());
        assertTrue(!e.toString().contains("secret-key") && e.toString().contains("with an API key"), e.toString());
    }
}
