package io.github.qwenbench.endpoint;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat-completions server on 127.0.0.1 that answers every streamed request at once with the same answer of
 * {@code tokens} content events and its {@code usage}, for measuring the client's own cost: with no model
 * behind it, a request's latency is the load generator's overhead (its threads, the JDK's HTTP client,
 * the event parsing, the bookkeeping) plus the loopback and this server's own work, an upper bound on the
 * client's share. Nothing is measured against it as a model.
 */
public final class InstantServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final int tokens;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    private InstantServer(HttpServer server, ExecutorService threads, int tokens) {
        this.server = server;
        this.threads = threads;
        this.tokens = tokens;
    }

    /** Answers written to their end so far. */
    public long answered() {
        return answered.get();
    }

    /** The most streams open at once since the last call. */
    public int mostOpenSinceLastCall() {
        return mostOpen.getAndSet(open.get());
    }

    /** Starts a server on a free port of 127.0.0.1 whose answers have {@code tokens} content events, at once. */
    public static InstantServer start(int tokens) throws IOException {
        return start(tokens, 0);
    }

    /**
     * As {@link #start(int)}, with {@code gapMillis} between events (0: the whole answer at once): a paced
     * server keeps as many streams open as there are users, for measuring the client with thousands of them.
     */
    public static InstantServer start(int tokens, long gapMillis) throws IOException {
        // TCP_NODELAY on the accepted sockets (read once, when the JDK's server first starts): else the answer's
        // headers and body wait on the client's delayed acknowledgement, 40 ms a request on Linux's loopback
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // keep every user's connection: past its default of 200 idle connections the JDK's server closes the
        // others, and a user that reuses one as it closes fails
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qwen-bench-instant-server");
            t.setDaemon(true);
            return t;
        });
        List<byte[]> events = events(tokens);
        byte[] stream = concatenated(events);
        InstantServer instant = new InstantServer(server, threads, tokens);
        server.createContext("/v1/chat/completions", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, stream.length);
            instant.mostOpen.accumulateAndGet(instant.open.incrementAndGet(), Math::max);
            try (OutputStream out = exchange.getResponseBody()) {
                if (gapMillis == 0) {
                    out.write(stream);
                } else {
                    for (byte[] event : events) {
                        out.write(event);
                        out.flush();
                        Thread.sleep(gapMillis);
                    }
                }
                instant.answered.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                instant.open.decrementAndGet();
            }
        });
        server.setExecutor(threads);
        server.start();
        return instant;
    }

    /** The API's root, e.g. {@code http://127.0.0.1:41234/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Content events per answer. */
    public int tokens() {
        return tokens;
    }

    /** The events of one answer, each with its blank line: a role, one word per token, the finish, the usage, done. */
    static List<byte[]> events(int tokens) {
        List<byte[]> events = new ArrayList<>();
        String head = "{\"id\":\"instant\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"instant\","
                + "\"choices\":[";
        events.add(event(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"));
        for (int i = 0; i < tokens; i++) {
            events.add(event(head + "{\"index\":0,\"delta\":{\"content\":\" word\"},\"finish_reason\":null}]}"));
        }
        events.add(event(head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}"));
        events.add(event(head + "],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":" + tokens
                + ",\"total_tokens\":" + (tokens + 1) + "}}"));
        events.add(event("[DONE]"));
        return events;
    }

    private static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concatenated(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
