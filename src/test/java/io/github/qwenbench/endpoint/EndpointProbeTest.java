package io.github.qwenbench.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check before measuring, against a local server answering as the OpenAI API does, and as it fails. */
class EndpointProbeTest {

    private HttpServer server;

    private Endpoint serve(int modelsStatus, String modelsBody, String chatStream) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", e -> answer(e, modelsStatus, "application/json", modelsBody));
        server.createContext("/v1/chat/completions", e -> answer(e, 200, "text/event-stream", chatStream));
        server.start();
        return endpoint("tiny");
    }

    private Endpoint endpoint(String model) {
        return new Endpoint("candidate", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"), model,
                null, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    private static void answer(HttpExchange e, int status, String type, String body) throws IOException {
        e.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    private static final String STREAM = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"length\"}]}\n\n";

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Test
    void aServerThatListsTheModelAndStreamsPasses() throws Exception {
        Endpoint e = serve(200, "{\"data\":[{\"id\":\"tiny\"},{\"id\":\"other\"}]}", STREAM);
        try (ChatStreams streams = new ChatStreams(Duration.ofSeconds(2))) {
            EndpointProbe.Seen seen = EndpointProbe.check(e, streams, 4);
            assertEquals(List.of("tiny", "other"), seen.models());
            assertEquals("hi", seen.answer().text());
        }
    }

    @Test
    void eachRefusalNamesWhatToChange() throws Exception {
        serve(200, "{\"data\":[{\"id\":\"other\"}]}", STREAM);
        try (ChatStreams streams = new ChatStreams(Duration.ofSeconds(2))) {
            BenchmarkSetupException model = assertThrows(BenchmarkSetupException.class,
                    () -> EndpointProbe.check(endpoint("tiny"), streams, 4));
            assertTrue(model.getMessage().contains("does not serve the model 'tiny'; it lists [other]"), model.getMessage());
            stop();
            serve(401, "{}", STREAM);
            BenchmarkSetupException key = assertThrows(BenchmarkSetupException.class,
                    () -> EndpointProbe.check(endpoint("tiny"), streams, 4));
            assertTrue(key.getMessage().contains("<apiKeyEnv>"), key.getMessage());
            stop();
            serve(200, "{\"data\":[{\"id\":\"tiny\"}]}", "data: {\"error\":\"no such route\"}\n\n");
            BenchmarkSetupException stream = assertThrows(BenchmarkSetupException.class,
                    () -> EndpointProbe.check(endpoint("tiny"), streams, 4));
            assertTrue(stream.getMessage().contains("did not stream a chat completion: stream-error"), stream.getMessage());
            int port = server.getAddress().getPort();
            stop();
            Endpoint gone = new Endpoint("baseline", URI.create("http://127.0.0.1:" + port + "/v1"), "tiny", null,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
            BenchmarkSetupException unreachable = assertThrows(BenchmarkSetupException.class,
                    () -> EndpointProbe.check(gone, streams, 4));
            assertTrue(unreachable.getMessage().contains("is unreachable") && unreachable.getMessage().contains("Start the"
                    + " server"), unreachable.getMessage());
        }
    }
}
