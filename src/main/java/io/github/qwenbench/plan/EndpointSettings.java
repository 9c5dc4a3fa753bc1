package io.github.qwenbench.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * A validated {@code <endpoint>}: where the server is, the model's name, where its API key comes from (the key
 * itself never enters the plan: the worker reads it from the environment variable {@link #keyVariable()}, which
 * the launcher sets), and how long to wait.
 *
 * @param url the API's base URL
 * @param model the model name the server knows
 * @param apiKeyEnv the build's environment variable that holds the key, or null
 * @param serverId the settings.xml server whose password is the key, or null
 * @param keyVariable the worker's environment variable that carries the key, or null without a key
 * @param connectTimeout the longest wait for a connection
 * @param firstByteTimeout the longest wait for the headers and first event
 * @param idleTimeout the longest silence between two events
 * @param requestTimeout the longest a whole request may take
 */
public record EndpointSettings(String url, String model, String apiKeyEnv, String serverId, String keyVariable,
        Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration requestTimeout) {

    /** Checks {@code <role><endpoint>}; every error names the setting and what to write. */
    public static EndpointSettings from(EndpointConfig c, String role) throws BenchmarkSetupException {
        String prefix = role + "/endpoint/";
        if (c.url == null || c.url.isBlank()) {
            throw new BenchmarkSetupException(prefix + "url is not set: give the API's base URL, e.g."
                    + " http://127.0.0.1:8000/v1.");
        }
        String url = c.url.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new BenchmarkSetupException(prefix + "url is '" + url + "', which is not an http:// or https:// URL"
                    + " with a host: give the API's base URL, e.g. http://127.0.0.1:8000/v1.");
        }
        if (c.model == null || c.model.isBlank()) {
            throw new BenchmarkSetupException(prefix + "model is not set: give the model name the server knows (its"
                    + " GET <url>/models lists them).");
        }
        boolean env = c.apiKeyEnv != null && !c.apiKeyEnv.isBlank();
        boolean server = c.serverId != null && !c.serverId.isBlank();
        if (env && server) {
            throw new BenchmarkSetupException(role + "/endpoint has both <apiKeyEnv> and <serverId>: keep one.");
        }
        return new EndpointSettings(url, c.model.trim(), env ? c.apiKeyEnv.trim() : null,
                server ? c.serverId.trim() : null,
                env || server ? "QWEN_BENCH_" + role.toUpperCase(Locale.ROOT) + "_API_KEY" : null,
                Thresholds.duration(prefix + "connectTimeout", c.connectTimeout),
                Thresholds.duration(prefix + "firstByteTimeout", c.firstByteTimeout),
                Thresholds.duration(prefix + "idleTimeout", c.idleTimeout),
                Thresholds.duration(prefix + "requestTimeout", c.requestTimeout));
    }

    /** The endpoint in words, without any key. */
    public String describe() {
        return url + " (model " + model + (keyVariable == null ? "" : ", with an API key") + ")";
    }
}
