package io.github.qwenbench.generation;

import io.github.qwenbench.decoding.TokenAgreement;
import io.github.qwenbench.endpoint.Endpoint;
import io.github.qwenbench.endpoint.OutputTokens;
import io.github.qwenbench.endpoint.ServedPair;
import io.github.qwenbench.endpoint.StreamedAnswer;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.workload.ChatRequests;
import io.github.qwenbench.workload.Conversation;
import io.github.qwenbench.workload.ConversationsFile;
import io.github.qwenbench.workload.QwenTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    private EndpointGeneration() {
    }

    static GenerationMetrics run(SuiteContext context) throws BenchmarkSetupException {
        BenchmarkPlan plan = context.plan();
        GenerationSettings settings = plan.generation();
        List<Conversation> samples = ConversationsFile.samples(plan.workload());
        try (ServedPair served = ServedPair.open(plan.baseline(), plan.candidate(), "generation", context.progress());
                QwenTokenizer tokenizer = QwenTokenizer.open(Path.of(plan.workload().tokenizer()))) {
            Endpoint baseline = served.baseline();
            Endpoint candidate = served.candidate();
            OutputTokens outputTokens = new OutputTokens(text -> tokenizer.encode(text).length);
            TokenAgreement agreement = new TokenAgreement();
            List<GenerationMetrics.Answer> answers = new ArrayList<>();
            List<Integer> timedSamples = new ArrayList<>();
            List<String> tooShort = new ArrayList<>();
            for (int k = 0; k < settings.samples(); k++) {
                StreamedAnswer a = served.complete(baseline, body(samples, k, baseline, settings), k);
                StreamedAnswer b = served.complete(candidate, body(samples, k, candidate, settings), k);
                long[] ta = tokenizer.encode(a.text());
                long[] tb = tokenizer.encode(b.text());
                answers.add(GenerationMetrics.Answer.of(k, ta, tb, "stop".equals(a.finishReason()),
                        "stop".equals(b.finishReason()), a.text(), b.text(), agreement.add(ta, tb)));
                int na = outputTokens.of(a);
                int nb = outputTokens.of(b);
                if (timeable(a, na) && timeable(b, nb)) {
                    timedSamples.add(k);
                } else {
                    tooShort.add("sample " + k + " (" + na + " and " + nb + " tokens)");
                }
            }
            context.progress().accept("answers of " + answers.size() + " samples (token ids: the workload tokenizer's"
                    + " of the streamed text): " + agreement.describe() + ", identical " + agreement.identical());
            if (timedSamples.isEmpty()) {
                throw new BenchmarkSetupException("Every sample's answer from one of the endpoints had fewer than 2"
                        + " output tokens, or came in a single event (" + String.join(", ", tooShort) + "): a decode"
                        + " rate needs a second token that arrives later. Choose conversations with longer answers in"
                        + " the <workload>, or raise <generation><maxNewTokens>.");
            }
            if (!tooShort.isEmpty()) {
                context.progress().accept("not timed, their answers being too short for a decode rate (a server"
                        + " stops at its end-of-answer token) or sent in one event: " + String.join(", ", tooShort));
            }

            GenerationTimings base = new GenerationTimings("baseline");
            GenerationTimings cand = new GenerationTimings("candidate");
            PairOrder order = PairOrder.forComparison(plan.seed(), "generation");
            RequestPairs pairs = new RequestPairs(settings, order, context.progress());
            long start = System.nanoTime();
            for (int pair = 0; !pairs.stopped(); pair++) {
                int k = timedSamples.get(pair % timedSamples.size());
                StreamedAnswer a;
                StreamedAnswer b;
                if (order.baselineFirst(pair)) {
                    a = served.complete(baseline, body(samples, k, baseline, settings), k);
                    b = served.complete(candidate, body(samples, k, candidate, settings), k);
                } else {
                    b = served.complete(candidate, body(samples, k, candidate, settings), k);
                    a = served.complete(baseline, body(samples, k, baseline, settings), k);
                }
                double rateA = record(base, baseline, a, outputTokens.of(a), k);
                double rateB = record(cand, candidate, b, outputTokens.of(b), k);
                pairs.add(rateB, rateA, b.firstContentNanos() - b.sendNanos(), a.firstContentNanos() - a.sendNanos(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            context.progress().accept(String.format(Locale.ROOT, "timed %d request pairs of at most %d tokens: tokens/s"
                    + " ratio %.3f (%s), time-to-first-token ratio %.3f (%s); output tokens from %s", base.requests(),
                    settings.maxNewTokens(), pairs.tokensPerSecond.interval().estimate(),
                    pairs.tokensPerSecondStop.stoppedBecause(), pairs.firstToken.interval().estimate(),
                    pairs.firstTokenStop.stoppedBecause(), outputTokens.source()));
            return new GenerationMetrics(DECODING, settings.maxNewTokens(), List.of(base.summary(DECODING, 0, Double.NaN),
                    cand.summary(DECODING, 0, Double.NaN)),
                    pairs.tokensPerSecond.interval(), pairs.firstToken.interval(), pairs.tokensPerSecondStop,
                    pairs.firstTokenStop, answers,
                    agreement.agreement(), agreement.exactMatchRate(), null, METHOD,
                    // no declared conditions: the servers are the system under test, wherever they run, and
                    // the busy-machine rule concerns the client's own needs, which are small
                    null, order.seed());
        }
    }

    /** How a served model decodes, as the results say it. */
    static final String DECODING = "served: streamed chat completions of an OpenAI-compatible server (its own"
            + " batching and cache), timed on the client";

    static final String METHOD = "each timed pair sends one sample conversation to both endpoints in a balanced"
            + " order (A B B A, B A A B); time to first token: from sending the request to the first streamed event"
            + " with content; decode tokens per second: output tokens after the first over the time from the first"
            + " to the last content event; ratios candidate over baseline, medians over pairs with anytime-valid"
            + " bounds; a sample whose answer from either endpoint has fewer than 2 output tokens is not timed (no decode"
            + " rate)";

    private static byte[] body(List<Conversation> samples, int k, Endpoint endpoint, GenerationSettings settings)
            throws BenchmarkSetupException {
        return ChatRequests.body(samples.get(k % samples.size()), endpoint.model(), settings.maxNewTokens(), null,
                List.of());
    }

    /**
     * Records one timed request: its time per output token is the average between the first and the last content
     * event. Returns its decode tokens per second.
     */
    private static double record(GenerationTimings timings, Endpoint endpoint, StreamedAnswer answer, int tokens,
            int sample) throws BenchmarkSetupException {
        if (!timeable(answer, tokens)) {
            throw new BenchmarkSetupException("The " + endpoint + " answered sample " + sample + " with " + tokens
                    + " output token(s) in a timed request, in " + (answer.lastContentNanos() > answer.firstContentNanos()
                            ? "several events" : "one event") + ", where its first answer had two or more tokens in"
                    + " several events: its greedy answers change from request to request, so its decode rate cannot"
                    + " be paired. Check that the server honours temperature 0.");
        }
        long first = answer.firstContentNanos() - answer.sendNanos();
        long last = answer.lastContentNanos() - answer.sendNanos();
        timings.add(first, new long[] {Math.round((double) (last - first) / (tokens - 1))}, last, tokens);
        return GenerationTimings.decodeTokensPerSecond(tokens, first, last);
    }

    /** Whether an answer has a decode rate: a second token, arriving after the first content event. */
    private static boolean timeable(StreamedAnswer answer, int tokens) {
        return tokens >= 2 && answer.lastContentNanos() > answer.firstContentNanos();
    }
}
