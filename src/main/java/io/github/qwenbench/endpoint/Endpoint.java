package io.github.qwenbench.endpoint;

import java.net.URI;
import java.time.Duration;

/**
 * An OpenAI-compatible server that serves one model: where it is, the model's name, and how long to wait.
 * The API key, when there is one, is kept out of {@link #toString()} and must never reach a log, a result
 * or a file.
 *
 * @param role {@code baseline} or {@code candidate}, for messages
 * @param baseUrl the API's root, e.g. {@code http://127.0.0.1:8000/v1}
 * @param model the model name the server knows
 * @param apiKey sent as {@code Authorization: Bearer}, or null
 * @param connectTimeout the longest wait for a connection
 * @param firstByteTimeout the longest wait for the response's headers and first event (prefill included)
 * @param idleTimeout the longest silence between two events of a stream
 * @param requestTimeout the longest a whole request may take
 */
public record Endpoint(String role, URI baseUrl, String model, String apiKey, Duration connectTimeout,
        Duration firstByteTimeout, Duration idleTimeout, Duration requestTimeout) {

    /** The chat completions route under the base URL. */
    public URI chatCompletions() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    /** The models route under the base URL. */
    public URI models() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "models");
    }

    /** The endpoint in words, without its key. */
    @Override
    public String toString() {
        return role + " endpoint " + baseUrl + " (model " + model + (apiKey == null ? "" : ", with an API key") + ")";
    }
}
