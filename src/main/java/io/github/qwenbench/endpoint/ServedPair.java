package io.github.qwenbench.endpoint;

import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EndpointSettings;
import io.github.qwenbench.plan.ModelFile;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * The baseline and the candidate endpoint of a plan, checked and ready: each was probed with one streamed
 * request before anything is measured, and a request that fails stops the suite with what the server did.
 */
public final class ServedPair implements AutoCloseable {

    /** Tokens of the probe request each endpoint streams before anything is measured. */
    public static final int PROBE_TOKENS = 4;

    private final Endpoint baseline;
    private final Endpoint candidate;
    private final ChatStreams streams;
    private final String suite;

    private ServedPair(Endpoint baseline, Endpoint candidate, String suite) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.streams = new ChatStreams(baseline.connectTimeout());
        this.suite = suite;
    }

    /**
     * Opens both endpoints and probes each (its models listed, a tiny answer streamed).
     *
     * @param suite the suite that measures them, for its error messages
     */
    public static ServedPair open(ModelFile baseline, ModelFile candidate, String suite, Consumer<String> progress)
            throws BenchmarkSetupException {
        ServedPair pair = new ServedPair(endpoint(baseline), endpoint(candidate), suite);
        try {
            for (Endpoint e : List.of(pair.baseline, pair.candidate)) {
                EndpointProbe.Seen seen = EndpointProbe.check(e, pair.streams, PROBE_TOKENS);
                progress.accept(e + " streams" + (seen.server() == null ? "" : " (server " + seen.server() + ")")
                        + "; it lists " + seen.models().size() + " model(s)");
            }
        } catch (BenchmarkSetupException | RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    public Endpoint baseline() {
        return baseline;
    }

    public Endpoint candidate() {
        return candidate;
    }

    /** A complete streamed answer of {@code endpoint} to sample {@code sample}'s request. */
    public StreamedAnswer complete(Endpoint endpoint, byte[] body, int sample) throws BenchmarkSetupException {
        StreamedAnswer answer = streams.stream(endpoint, body);
        if (!answer.succeeded()) {
            throw new BenchmarkSetupException("The " + endpoint + " failed sample " + sample + "'s request: "
                    + answer.failure() + (answer.status() > 0 ? " (HTTP " + answer.status() + ")" : "")
                    + (answer.detail() == null ? "" : ": " + answer.detail()) + ". The " + suite + " suite needs"
                    + " every answer; the system suite counts failures under load.");
        }
        return answer;
    }

    @Override
    public void close() {
        streams.close();
    }

    /** The endpoint a plan's model names, its API key read from the variable the build passed to the worker. */
    public static Endpoint endpoint(ModelFile model) throws BenchmarkSetupException {
        EndpointSettings s = model.endpoint();
        String key = null;
        if (s.keyVariable() != null) {
            key = System.getenv(s.keyVariable());
            if (key == null || key.isBlank()) {
                throw new BenchmarkSetupException("The " + model.role() + " endpoint's API key did not reach the"
                        + " worker (" + s.keyVariable() + " is unset): check <" + model.role() + "><endpoint>"
                        + (s.apiKeyEnv() != null ? "<apiKeyEnv>" + s.apiKeyEnv() : "<serverId>" + s.serverId()) + ".");
            }
        }
        return new Endpoint(model.role(), URI.create(s.url()), s.model(), key, s.connectTimeout(),
                s.firstByteTimeout(), s.idleTimeout(), s.requestTimeout());
    }
}
