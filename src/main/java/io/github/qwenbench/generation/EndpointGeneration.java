package io.github.qwenbench.generation;

import io.github.qwenbench.decoding.TokenAgreement;
import io.github.qwenbench.endpoint.ChatStreams;
import io.github.qwenbench.endpoint.Endpoint;
import io.github.qwenbench.endpoint.EndpointProbe;
import io.github.qwenbench.endpoint.StreamedAnswer;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EndpointSettings;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.Statistics;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.workload.ChatRequests;
import io.github.qwenbench.workload.Conversation;
import io.github.qwenbench.workload.ConversationsFile;
import io.github.qwenbench.workload.QwenTokenizer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The generation suite over two served models, measured as their client: the same chat request (a sample
 * conversation, greedy, {@code maxNewTokens} at most) goes to both endpoints in a balanced order, request
 * pair after request pair, and the streamed events give the time to first token (the first event with
 * content), the time per output token, and the decode tokens per second, judged by the same paired sequential
 * comparisons as in-process models. Output tokens come from the server's {@code usage} where it sends it,
 * else from the workload tokenizer's count of the streamed text; answers are compared as the workload
 * tokenizer's ids of the streamed text. Every figure says which.
 */
final class EndpointGeneration {

    /** Tokens of the probe request each endpoint streams before anything is measured. */
    static final int PROBE_TOKENS = 4;

    private EndpointGeneration() {
    }

    static GenerationMetrics run(SuiteContext context) throws BenchmarkSetupException {
        BenchmarkPlan plan = context.plan();
        GenerationSettings settings = plan.generation();
        Endpoint baseline = endpoint(plan.baseline());
        Endpoint candidate = endpoint(plan.candidate());
        List<Conversation> samples = samples(plan);
        try (ChatStreams streams = new ChatStreams(baseline.connectTimeout());
                QwenTokenizer tokenizer = QwenTokenizer.open(Path.of(plan.workload().tokenizer()))) {
            for (Endpoint e : List.of(baseline, candidate)) {
                EndpointProbe.Seen seen = EndpointProbe.check(e, streams, PROBE_TOKENS);
                context.progress().accept(e + " streams" + (seen.server() == null ? "" : " (server " + seen.server()
                        + ")") + "; it lists " + seen.models().size() + " model(s)");
            }
            TokenAgreement agreement = new TokenAgreement();
            List<GenerationMetrics.Answer> answers = new ArrayList<>();
            for (int k = 0; k < settings.samples(); k++) {
                StreamedAnswer a = complete(streams, baseline, body(samples, k, baseline, settings), k);
                StreamedAnswer b = complete(streams, candidate, body(samples, k, candidate, settings), k);
                long[] ta = tokenizer.encode(a.text());
                long[] tb = tokenizer.encode(b.text());
                answers.add(GenerationMetrics.Answer.of(k, ta, tb, "stop".equals(a.finishReason()),
                        "stop".equals(b.finishReason()), a.text(), b.text(), agreement.add(ta, tb)));
            }
            context.progress().accept(String.format(Locale.ROOT, "answers of %d samples (token ids: the workload"
                    + " tokenizer's of the streamed text): token agreement %.3f, identical %d", answers.size(),
                    Double.isNaN(agreement.agreement()) ? 1.0 : agreement.agreement(), agreement.identical()));

            Timings base = new Timings("baseline");
            Timings cand = new Timings("candidate");
            PairOrder order = PairOrder.forComparison(plan.seed(), "generation");
            RequestPairs pairs = new RequestPairs(settings, order, context.progress());
            long start = System.nanoTime();
            FreeCores.Window window = FreeCores.open();
            for (int pair = 0; !pairs.stopped(); pair++) {
                int k = pair % settings.samples();
                StreamedAnswer a;
                StreamedAnswer b;
                if (order.baselineFirst(pair)) {
                    a = complete(streams, baseline, body(samples, k, baseline, settings), k);
                    b = complete(streams, candidate, body(samples, k, candidate, settings), k);
                } else {
                    b = complete(streams, candidate, body(samples, k, candidate, settings), k);
                    a = complete(streams, baseline, body(samples, k, baseline, settings), k);
                }
                double rateA = base.add(a, tokenizer);
                double rateB = cand.add(b, tokenizer);
                pairs.add(rateB, rateA, b.firstContentNanos() - b.sendNanos(), a.firstContentNanos() - a.sendNanos(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            RunConditions conditions = new RunConditions(1, 1, window.close());
            context.progress().accept(String.format(Locale.ROOT, "timed %d request pairs of at most %d tokens: tokens/s"
                    + " ratio %.3f (%s), time-to-first-token ratio %.3f (%s); output tokens from %s", base.requests,
                    settings.maxNewTokens(), pairs.tokensPerSecond.interval().estimate(),
                    pairs.tokensPerSecondStop.stoppedBecause(), pairs.firstToken.interval().estimate(),
                    pairs.firstTokenStop.stoppedBecause(), base.tokenSource()));
            return new GenerationMetrics(DECODING, settings.maxNewTokens(), List.of(base.summary(), cand.summary()),
                    pairs.tokensPerSecond.interval(), pairs.firstToken.interval(), pairs.tokensPerSecondStop,
                    pairs.firstTokenStop, answers,
                    agreement.agreement(), agreement.exactMatchRate(), null, METHOD, conditions, order.seed());
        }
    }

    /** How a served model decodes, as the results say it. */
    static final String DECODING = "served: streamed chat completions of an OpenAI-compatible server (its own"
            + " batching and cache), timed on the client";

    static final String METHOD = "each timed pair sends one sample conversation to both endpoints in a balanced"
            + " order (A B B A, B A A B); time to first token: from sending the request to the first streamed event"
            + " with content; decode tokens per second: output tokens after the first over the time from the first"
            + " to the last content event; ratios candidate over baseline, medians over pairs with anytime-valid"
            + " bounds";

    private static Endpoint endpoint(ModelFile model) throws BenchmarkSetupException {
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

    private static List<Conversation> samples(BenchmarkPlan plan) throws BenchmarkSetupException {
        List<Conversation> all = ConversationsFile.read(Path.of(plan.workload().conversations()));
        List<Conversation> samples = new ArrayList<>();
        for (int line : plan.workload().lines()) {
            all.stream().filter(c -> c.line() == line).findFirst().ifPresent(samples::add);
        }
        return samples;
    }

    private static byte[] body(List<Conversation> samples, int k, Endpoint endpoint, GenerationSettings settings)
            throws BenchmarkSetupException {
        return ChatRequests.body(samples.get(k % samples.size()), endpoint.model(), settings.maxNewTokens(), null,
                List.of());
    }

    /** A complete streamed answer; a failed request stops the suite with what the server did. */
    private static StreamedAnswer complete(ChatStreams streams, Endpoint endpoint, byte[] body, int sample)
            throws BenchmarkSetupException {
        StreamedAnswer answer = streams.stream(endpoint, body);
        if (!answer.succeeded()) {
            throw new BenchmarkSetupException("The " + endpoint + " failed sample " + sample + "'s request: "
                    + answer.failure() + (answer.status() > 0 ? " (HTTP " + answer.status() + ")" : "")
                    + (answer.detail() == null ? "" : ": " + answer.detail()) + ". The generation suite needs every"
                    + " answer; the system suite counts failures under load.");
        }
        return answer;
    }

    /** One endpoint's timed requests. */
    private static final class Timings {
        private final String role;
        private final Histogram firstToken = LatencySummary.newHistogram();
        private final Histogram perToken = LatencySummary.newHistogram();
        private final Histogram endToEnd = LatencySummary.newHistogram();
        private final List<Double> tokensPerSecond = new ArrayList<>();
        private final List<Double> endToEndTokensPerSecond = new ArrayList<>();
        private int requests;
        private int fromUsage;

        Timings(String role) {
            this.role = role;
        }

        /** Records a request; returns its decode tokens per second. */
        double add(StreamedAnswer answer, QwenTokenizer tokenizer) {
            requests++;
            int tokens = answer.completionTokens();
            if (tokens >= 0) {
                fromUsage++;
            } else {
                tokens = tokenizer.encode(answer.text()).length;
            }
            long first = answer.firstContentNanos() - answer.sendNanos();
            long last = answer.lastContentNanos() - answer.sendNanos();
            LatencySummary.record(firstToken, first);
            double perTokenNanos = tokens < 2 ? Double.NaN : (double) (last - first) / (tokens - 1);
            if (!Double.isNaN(perTokenNanos)) {
                LatencySummary.record(perToken, Math.round(perTokenNanos));
            }
            LatencySummary.record(endToEnd, last);
            double rate = tokens < 2 ? Double.NaN : (tokens - 1) / ((last - first) / 1e9);
            tokensPerSecond.add(rate);
            endToEndTokensPerSecond.add(tokens / (last / 1e9));
            return rate;
        }

        String tokenSource() {
            return fromUsage == requests ? "the servers' usage" : fromUsage == 0
                    ? "the workload tokenizer's count of the streamed text (no usage sent)"
                    : "usage where sent (" + fromUsage + " of " + requests + "), else the workload tokenizer";
        }

        GenerationMetrics.ModelGeneration summary() {
            return new GenerationMetrics.ModelGeneration(role, requests, LatencySummary.of(firstToken),
                    LatencySummary.of(perToken), LatencySummary.of(endToEnd), Statistics.median(tokensPerSecond),
                    Statistics.median(endToEndTokensPerSecond), DECODING, 0, Double.NaN);
        }
    }
}
