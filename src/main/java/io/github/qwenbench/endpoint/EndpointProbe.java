package io.github.qwenbench.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The check of an endpoint before anything is measured: the server answers, knows the model, and
 * streams a chat completion. Each failure stops the build with what was asked, what came back and what
 * to do.
 */
public final class EndpointProbe {

    /**
     * What the probe saw.
     *
     * @param models the models the server lists
     * @param server the {@code Server} header, or null
     * @param answer the probe's streamed answer
     */
    public record Seen(List<String> models, String server, StreamedAnswer answer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointProbe() {
    }

    /** Lists the models, then streams one tiny greedy request of {@code maxTokens}. */
    public static Seen check(Endpoint endpoint, ChatStreams streams, int maxTokens) throws BenchmarkSetupException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout()).build();
        HttpRequest.Builder list = HttpRequest.newBuilder(endpoint.models()).timeout(endpoint.firstByteTimeout()).GET();
        if (endpoint.apiKey() != null) {
            list.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = client.send(list.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchmarkSetupException("The " + endpoint + " is unreachable: GET " + endpoint.models() + " failed ("
                    + e + "). Start the server, or check <" + endpoint.role() + "><endpoint><url>.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkSetupException("The build was stopped while checking the " + endpoint + ".", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new BenchmarkSetupException("The " + endpoint + " refused the request (HTTP " + response.statusCode()
                    + "): give its API key with <apiKeyEnv> (an environment variable) or <serverId> (a settings.xml"
                    + " server whose password is the key).");
        }
        if (response.statusCode() != 200) {
            throw new BenchmarkSetupException("The " + endpoint + " answered GET " + endpoint.models() + " with HTTP "
                    + response.statusCode() + ": " + abbreviate(response.body()) + ". Is the URL the API's root (it ends"
                    + " in /v1 for vLLM, SGLang, TGI and transformers serve)?");
        }
        List<String> models = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(response.body()).path("data")) {
                models.add(m.path("id").asText());
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("The " + endpoint + " answered GET " + endpoint.models() + " with something"
                    + " that is not JSON: " + abbreviate(response.body()) + ".", e);
        }
        if (!models.isEmpty() && !models.contains(endpoint.model())) {
            throw new BenchmarkSetupException("The " + endpoint + " does not serve the model '" + endpoint.model()
                    + "'; it lists " + models + ". Set <" + endpoint.role() + "><endpoint><model> to one of them.");
        }
        String body = "{\"model\":" + JSON.valueToTree(endpoint.model()) + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Say hello.\"}],\"stream\":true,\"temperature\":0,\"max_tokens\":" + maxTokens + "}";
        StreamedAnswer answer = streams.stream(endpoint, body.getBytes(StandardCharsets.UTF_8));
        if (!answer.succeeded()) {
            throw new BenchmarkSetupException("The " + endpoint + " did not stream a chat completion: " + answer.failure()
                    + ", " + answer.detail() + ". The plugin needs POST /chat/completions with \"stream\": true"
                    + " (server-sent events).");
        }
        return new Seen(models, response.headers().firstValue("server").orElse(null), answer);
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() <= 300 ? t : t.substring(0, 300) + "...";
    }
}
