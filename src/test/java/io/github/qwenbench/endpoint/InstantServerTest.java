package io.github.qwenbench.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server the system suite measures its own client against: every answer reads through the real client
 * as a complete stream of the stated length with its usage, so that the overhead measured is that of whole
 * answers, not of failures.
 */
class InstantServerTest {

    @Test
    void everyAnswerIsACompleteStreamOfTheStatedLength() throws Exception {
        try (InstantServer server = InstantServer.start(16); ChatStreams streams = new ChatStreams(Duration.ofSeconds(2))) {
            Endpoint endpoint = new Endpoint("baseline", server.baseUrl(), "tiny", null, Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
            byte[] body = "{\"model\":\"tiny\",\"stream\":true,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                StreamedAnswer answer = streams.stream(endpoint, body);
                assertTrue(answer.succeeded(), answer.failure() + ": " + answer.detail());
                assertEquals(16, answer.completionTokens());
                assertEquals(" word".repeat(16), answer.text());
                assertTrue(answer.endNanos() >= answer.firstContentNanos()
                        && answer.firstContentNanos() >= answer.sendNanos());
            }
        }
    }
}
