package io.github.qwenbench.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Streamed chat completions over the JDK's HTTP client, read as they arrive, with a deadline for every
 * stage: the connection ({@link Endpoint#connectTimeout()}), the headers and first event
 * ({@link Endpoint#firstByteTimeout()}), the silence between events ({@link Endpoint#idleTimeout()}) and
 * the whole request ({@link Endpoint#requestTimeout()}). The JDK's own request timeout covers only the
 * headers, so one watchdog thread checks every stream in flight and cuts the ones past a deadline: a
 * server that hangs ends its request as a counted failure, never a hung build.
 *
 * <p>HTTP/1.1 on purpose: the JDK's default HTTP/2 sends an {@code Upgrade: h2c} on plain http, which
 * uvicorn (under {@code transformers serve}, vLLM and SGLang) can answer by losing the request body.
 *
 * <p>No server fault throws: every outcome is a {@link StreamedAnswer}, failed ones with their reason.
 */
public final class ChatStreams implements AutoCloseable {

    /** How often the watchdog looks at the streams in flight. */
    static final long WATCH_MILLIS = 20;

    /** Bytes of an error response's body kept for the message. */
    static final int ERROR_BODY_BYTES = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final ScheduledExecutorService watchdog;
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();

    /** A client for streams to endpoints with {@code connectTimeout}. */
    public ChatStreams(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qwen-bench-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sends one chat completion request ({@code body}, JSON with {@code "stream": true}) and reads its stream. */
    public StreamedAnswer stream(Endpoint endpoint, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.chatCompletions())
                .timeout(endpoint.firstByteTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (endpoint.apiKey() != null) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        Reading r = new Reading();
        r.send = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return r.failed(0, "first-byte-timeout", "no response headers within " + endpoint.firstByteTimeout());
        } catch (ConnectException e) {
            return r.failed(0, "connect", "cannot connect to " + endpoint.chatCompletions() + ": " + e.getMessage());
        } catch (IOException e) {
            return r.failed(0, "connect", "the request to " + endpoint.chatCompletions() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return r.failed(0, "interrupted", "the build was stopped");
        }
        r.headers = System.nanoTime();
        r.status = response.statusCode();
        if (r.status != 200) {
            return r.failed(r.status, "http", "HTTP " + r.status + ": " + head(response.body()));
        }
        InFlight flight = new InFlight(response.body(), Thread.currentThread(),
                r.headers + endpoint.firstByteTimeout().toNanos(), r.send + endpoint.requestTimeout().toNanos(),
                endpoint.idleTimeout().toNanos());
        inFlight.add(flight);
        try {
            SseReader events = new SseReader(response.body());
            SseReader.Event event;
            while ((event = events.next()) != null) {
                flight.touch(event.nanos());
                r.events++;
                String failure = r.read(event);
                if (failure != null) {
                    return r.failed(r.status, failure, r.detail);
                }
                if (r.done) {
                    break;
                }
            }
            r.end = System.nanoTime();
        } catch (IOException e) {
            String why = flight.cut();
            return r.failed(r.status, why != null ? why : "truncated", why != null ? flight.cutDetail(endpoint)
                    : "the stream broke after " + r.events + " events: " + e.getMessage());
        } finally {
            flight.finish();
            inFlight.remove(flight);
            if (flight.cut() != null) {
                Thread.interrupted(); // the watchdog's interrupt, not the caller's
            }
            close(response.body());
        }
        if (flight.cut() != null) {
            return r.failed(r.status, flight.cut(), flight.cutDetail(endpoint));
        }
        if (r.firstContent == StreamedAnswer.ABSENT) {
            return r.failed(r.status, "empty", "the stream ended after " + r.events + " events with no content");
        }
        if (r.finishReason == null) {
            return r.failed(r.status, "truncated", "the stream ended after " + r.events + " events without a"
                    + " finish_reason");
        }
        return r.answer(null, null);
    }

    private void watch() {
        long now = System.nanoTime();
        for (InFlight f : inFlight) {
            f.check(now);
        }
    }

    private static String head(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(ERROR_BODY_BYTES);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the stream is done with either way
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        for (InFlight f : inFlight) {
            f.cutNow("closed", System.nanoTime());
        }
    }

    /** What a stream has shown so far. */
    private static final class Reading {
        long send;
        long headers = StreamedAnswer.ABSENT;
        long firstContent = StreamedAnswer.ABSENT;
        long lastContent = StreamedAnswer.ABSENT;
        long end = StreamedAnswer.ABSENT;
        int status;
        int events;
        final StringBuilder text = new StringBuilder();
        final List<Long> gaps = new ArrayList<>();
        int completionTokens = -1;
        int promptTokens = -1;
        String finishReason;
        boolean done;
        String detail;

        /** Takes one event; returns a failure kind, or null. */
        String read(SseReader.Event event) {
            if (event.data().equals("[DONE]")) {
                done = true;
                return null;
            }
            JsonNode chunk;
            try {
                chunk = JSON.readTree(event.data());
            } catch (IOException e) {
                detail = "event " + events + " is not JSON: " + abbreviate(event.data());
                return "malformed";
            }
            if (chunk == null || !chunk.isObject()) {
                detail = "event " + events + " is not a JSON object: " + abbreviate(event.data());
                return "malformed";
            }
            if (chunk.has("error")) {
                JsonNode error = chunk.get("error");
                detail = "the server sent an error event: " + (error.isTextual() ? error.asText()
                        : error.path("message").asText(error.toString()));
                return "stream-error";
            }
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                completionTokens = usage.path("completion_tokens").asInt(completionTokens);
                promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                String content = delta.path("content").isTextual() ? delta.get("content").asText() : "";
                if (!content.isEmpty()) {
                    if (firstContent == StreamedAnswer.ABSENT) {
                        firstContent = event.nanos();
                    } else {
                        gaps.add(event.nanos() - lastContent);
                    }
                    lastContent = event.nanos();
                    text.append(content);
                }
                if (choice.hasNonNull("finish_reason")) {
                    finishReason = choice.get("finish_reason").asText();
                }
            }
            return null;
        }

        StreamedAnswer failed(int code, String failure, String why) {
            status = code;
            return answer(failure, why);
        }

        StreamedAnswer answer(String failure, String why) {
            return new StreamedAnswer(status, failure, why, send, headers, firstContent, lastContent, end,
                    text.toString(), gaps.stream().mapToLong(Long::longValue).toArray(), completionTokens, promptTokens,
                    finishReason, events);
        }

        private static String abbreviate(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "...";
        }
    }

    /** A stream being read, which the watchdog may cut. */
    private static final class InFlight {
        private final InputStream body;
        private final Thread reader;
        private final long deadline;
        private final long idleNanos;
        private volatile long idleUntil;
        private volatile boolean anyEvent;
        private volatile String cut;
        private boolean finished;

        InFlight(InputStream body, Thread reader, long firstEventBy, long deadline, long idleNanos) {
            this.body = body;
            this.reader = reader;
            this.idleUntil = firstEventBy;
            this.deadline = deadline;
            this.idleNanos = idleNanos;
        }

        void touch(long nanos) {
            idleUntil = nanos + idleNanos;
            anyEvent = true;
        }

        void check(long now) {
            if (now > deadline) {
                cutNow("deadline", now);
            } else if (now > idleUntil) {
                cutNow(anyEvent ? "idle-timeout" : "first-byte-timeout", now);
            }
        }

        synchronized void cutNow(String why, long now) {
            if (finished || cut != null) {
                return;
            }
            cut = why;
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is how the read is stopped; it may complain
            }
            reader.interrupt(); // a read blocked waiting for data ends on the interrupt
        }

        synchronized void finish() {
            finished = true;
        }

        String cut() {
            return cut;
        }

        String cutDetail(Endpoint endpoint) {
            return switch (cut) {
                case "deadline" -> "the request took longer than requestTimeout " + endpoint.requestTimeout();
                case "idle-timeout" -> "no event for " + endpoint.idleTimeout() + " (idleTimeout)";
                case "first-byte-timeout" -> "no event within firstByteTimeout " + endpoint.firstByteTimeout()
                        + " of the response headers";
                default -> "the client was closed while the stream was read";
            };
        }
    }
}
