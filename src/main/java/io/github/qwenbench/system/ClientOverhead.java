package io.github.qwenbench.system;

import java.util.Locale;
import java.util.Map;

/**
 * The load generator's own cost, measured in the served model's worker before its load: the same users
 * (or arrivals), the same requests, the same client and bookkeeping, for one window against an
 * {@link io.github.qwenbench.endpoint.InstantServer} on 127.0.0.1 that answers at once with as many events
 * as an answer has tokens. Its latencies bound what the client adds to every latency measured of the real
 * endpoint (they include the loopback and the instant server's own work, and the other worker may be
 * warming up meanwhile), and its rate bounds the load this client can generate.
 *
 * @param load the load, as the real one's
 * @param eventsPerAnswer content events in each instant answer: the workload's {@code maxNewTokens}
 * @param seconds how long it ran
 * @param completed requests answered in it
 * @param failed requests that failed in it: rare, e.g. the instant server closing a kept-alive connection as the
 *     client reuses it (about 1 in 10000 requests here); a failure is never counted as an answer
 * @param failures the failed requests by kind
 * @param requestsPerSecond completed per second
 * @param p50Millis median request latency, from arrival to the stream's end
 * @param p99Millis 99th percentile
 */
public record ClientOverhead(String load, int eventsPerAnswer, double seconds, long completed, long failed,
        Map<String, Long> failures, double requestsPerSecond, double p50Millis, double p99Millis) {

    /** The figures in words, for the log and the report. */
    public String describe() {
        return String.format(Locale.ROOT, "the load generator alone, against an instant local server (%d events per"
                + " answer): %.0f requests/s, latency p50 %.3f ms, p99 %.3f ms, %d failed%s", eventsPerAnswer,
                requestsPerSecond, p50Millis, p99Millis, failed, failed == 0 ? "" : " " + failures);
    }
}
