package io.github.qwenbench.system;

import io.github.qwenbench.endpoint.ChatStreams;
import io.github.qwenbench.endpoint.Endpoint;
import io.github.qwenbench.endpoint.EndpointProbe;
import io.github.qwenbench.endpoint.InstantServer;
import io.github.qwenbench.endpoint.OutputTokens;
import io.github.qwenbench.endpoint.ServedPair;
import io.github.qwenbench.endpoint.StreamedAnswer;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.workload.ChatRequests;
import io.github.qwenbench.workload.Conversation;
import io.github.qwenbench.workload.ConversationsFile;
import io.github.qwenbench.workload.QwenTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The system suite's load on a served model, from its client: this worker's users (closed loop) or arrivals
 * (open loop) send the workload's sample conversations to its endpoint as streamed greedy chat requests, in
 * its turns with the other endpoint's worker ({@link Turns}), and every request is a whole answer: its output
 * tokens (the server's {@code usage}, else the workload tokenizer's count of the text), its time to first
 * token from its arrival, and its failure by kind ({@code HTTP 503}, {@code first-byte-timeout}, ...). The
 * worker's own CPU, memory and energy are the client's, and are reported as such; so is the client's own
 * overhead ({@link ClientOverhead}), measured first with the same load against an instant local server.
 */
final class ServedLoad {

    private ServedLoad() {
    }

    static SystemSample run(SuiteContext context, Turns turns) throws BenchmarkSetupException {
        BenchmarkPlan plan = context.plan();
        SystemSettings settings = plan.system();
        ModelFile file = context.model();
        Endpoint endpoint = ServedPair.endpoint(file);
        List<byte[]> requests = new ArrayList<>();
        for (Conversation conversation : ConversationsFile.samples(plan.workload())) {
            requests.add(ChatRequests.body(conversation, endpoint.model(), plan.generation().maxNewTokens(), null,
                    List.of()));
        }
        try (ChatStreams streams = new ChatStreams(endpoint.connectTimeout());
                QwenTokenizer tokenizer = QwenTokenizer.open(Path.of(plan.workload().tokenizer()));
                GpuWatch gpu = GpuWatch.start(plan.engine())) {
            EndpointProbe.Seen seen = EndpointProbe.check(endpoint, streams, ServedPair.PROBE_TOKENS);
            context.progress().accept(endpoint + " streams" + (seen.server() == null ? "" : " (server "
                    + seen.server() + ")"));
            ClientOverhead overhead;
            try (InstantServer instant = InstantServer.start(plan.generation().maxNewTokens())) {
                overhead = overhead(settings, requests, streams, endpoint,
                        new OutputTokens(text -> tokenizer.encode(text).length), instant, plan.seed());
            } catch (IOException e) {
                throw new BenchmarkSetupException("Could not start the local server that measures the load"
                        + " generator's own overhead on 127.0.0.1: " + e.getMessage(), e);
            }
            context.progress().accept(file.role() + ": " + overhead.describe());
            Answers answers = Answers.served();
            RequestOutcomes outcomes = new RequestOutcomes(answers, settings.latencyObjectiveMillis());
            OutputTokens tokens = new OutputTokens(text -> tokenizer.encode(text).length);
            LoadGenerator<Endpoint, byte[]> load = new LoadGenerator<>(settings, requests,
                    Collections.nCopies(settings.users(), endpoint), request(streams, answers, tokens), null,
                    outcomes);
            context.progress().accept(file.role() + ": warming up under the load for one window");
            load.warmUp();
            String description = description(settings);
            context.progress().accept(file.role() + ": " + description + ", in turns of " + settings.windowMillis()
                    + " ms with the other endpoint, " + settings.durationMillis() / 1000.0 + " to "
                    + settings.maxDurationMillis() / 1000.0 + " s");
            TurnMeter meter = new TurnMeter();
            SystemSampleBuilder sample = new SystemSampleBuilder(file.role(), description, 0, settings.windowMillis());
            SystemRunner.serveTurns(context, turns, load, meter, sample);
            context.progress().accept(file.role() + ": output tokens from " + tokens.source());
            gpu.close();
            return sample.build(outcomes, gpu, meter.energyUnavailableReason()).withClientOverhead(overhead);
        }
    }

    /**
     * How a user's request is served: streamed to its end, counted as an answer only when it succeeded (a
     * failure throws, and the load generator counts it by kind).
     */
    private static LoadGenerator.Request<Endpoint, byte[]> request(ChatStreams streams, Answers answers,
            OutputTokens tokens) {
        return (e, body, since) -> {
            StreamedAnswer answer = streams.stream(e, body);
            if (!answer.succeeded()) {
                throw new BenchmarkSetupException(failure(answer));
            }
            // counted after the stream ended: a tokenizer's count is not the server's latency
            answers.servedAnswer(tokens.of(answer), since, answer.sendNanos(), answer.firstContentNanos());
            return answer.endNanos();
        };
    }

    /**
     * The load generator's own cost: one window of warm-up and one measured window of the same load against
     * {@code server} on 127.0.0.1 ({@link ClientOverhead}).
     */
    static ClientOverhead overhead(SystemSettings settings, List<byte[]> requests, ChatStreams streams,
            Endpoint like, OutputTokens tokens, InstantServer server, long seed) {
        Endpoint instant = new Endpoint(like.role(), server.baseUrl(), like.model(), null, like.connectTimeout(),
                like.firstByteTimeout(), like.idleTimeout(), like.requestTimeout());
        Answers answers = Answers.served();
        RequestOutcomes outcomes = new RequestOutcomes(answers, settings.latencyObjectiveMillis());
        LoadGenerator<Endpoint, byte[]> load = new LoadGenerator<>(settings, requests,
                Collections.nCopies(settings.users(), instant), request(streams, answers, tokens), null,
                outcomes);
        load.warmUp();
        long start = System.nanoTime();
        LoadGenerator.Served served = load.serve(start, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ClientOverhead(description(settings), server.tokens(), seconds, served.completed(), served.failed(),
                outcomes.errorMessages(), served.completed() / seconds, percentileMillis(served, 50),
                percentileMillis(served, 99));
    }

    private static double percentileMillis(LoadGenerator.Served served, double percentile) {
        return served.latency().getTotalCount() == 0 ? Double.NaN
                : served.latency().getValueAtPercentile(percentile) / 1e6;
    }

    /** The load in words, for a served model. */
    private static String description(SystemSettings settings) {
        String loop = settings.openLoop()
                ? String.format(java.util.Locale.ROOT, "open loop, %.1f requests/s (Poisson), %d client threads",
                        settings.arrivalRate(), settings.users())
                : "closed loop, " + settings.users() + " users, think time " + settings.thinkTimeMillis() + " ms";
        return loop + ", streamed chat completions to a served model (its own batching)";
    }

    /** A failed request by kind: {@code HTTP <status>} for an error response, else how the stream failed. */
    static String failure(StreamedAnswer answer) {
        return "http".equals(answer.failure()) && answer.status() > 0 ? "HTTP " + answer.status() : answer.failure();
    }

}
