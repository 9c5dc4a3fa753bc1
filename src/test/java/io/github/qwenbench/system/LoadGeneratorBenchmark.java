package io.github.qwenbench.system;

import io.github.qwenbench.endpoint.ChatStreams;
import io.github.qwenbench.endpoint.Endpoint;
import io.github.qwenbench.endpoint.InstantServer;
import io.github.qwenbench.endpoint.OutputTokens;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The system suite's load generator at thousands of users in one JVM (BENCHMARKS.md, section 11): at each
 * number of closed-loop users, the very code the suite runs against a served model ({@link ServedLoad#overhead})
 * against a local server whose answers have {@code tokens} events {@code gap} ms apart, so that every user keeps
 * a stream open most of the time. Prints, per level: answers/s, the latency percentiles against the answer's
 * own length (tokens x gap), the most streams the server saw open at once, failures by kind, the JVM's
 * threads, and the process's CPU per answer (client and server together: they share this JVM). Not a unit
 * test: run by benchmarks/load-generator.sh.
 * Usage: LoadGeneratorBenchmark USERS[,USERS...] [TOKENS] [GAP_MS] [WINDOW_S]
 */
public final class LoadGeneratorBenchmark {

    private LoadGeneratorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long gap = args.length > 2 ? Long.parseLong(args[2]) : 10;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        byte[] body = "{\"model\":\"instant\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "answers of %d events %d ms apart (%d ms each at best), windows of %d s%n",
                tokens, gap, (tokens + 3) * gap, window);
        System.out.println("| users | answers/s | latency p50 ms | latency p99 ms | most streams open at once | failed"
                + " | JVM threads | CPU ms per answer (client and server) |");
        try (InstantServer server = InstantServer.start(tokens, gap);
                ChatStreams streams = new ChatStreams(Duration.ofSeconds(10))) {
            Endpoint like = new Endpoint("baseline", URI.create("http://127.0.0.1/v1"), "instant", null,
                    Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120));
            for (String level : args[0].split(",")) {
                SystemConfig config = new SystemConfig();
                config.setUsers(Integer.parseInt(level.trim()));
                config.setWindow(window + "s");
                config.setDuration(9 * window + "s");
                config.setMaxDuration(9 * window + "s");
                SystemSettings settings = SystemSettings.from(config);
                long cpu = processCpuNanos();
                long answered = server.answered();
                server.mostOpenSinceLastCall();
                ClientOverhead o = ServedLoad.overhead(settings, List.of(body), streams, like,
                        new OutputTokens(String::length), server, 42);
                double cpuPerAnswer = (processCpuNanos() - cpu) / 1e6 / Math.max(1, server.answered() - answered);
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %d | %d %s | %d | %.3f |%n",
                        settings.users(), o.requestsPerSecond(), o.p50Millis(), o.p99Millis(),
                        server.mostOpenSinceLastCall(), o.failed(), o.failed() == 0 ? "" : o.failures(),
                        Thread.activeCount(), cpuPerAnswer);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
