package io.github.qwenbench.system;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.ContinuousBatch;
import io.github.qwenbench.decoding.GreedyDecoder;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.LatencySummary;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Requests that are whole greedy answers (system/serving one-at-a-time or continuous-batching, or a served
 * model's streamed answers): how to decode one, and the figures of the answers served so far: tokens, time
 * to first token and queueing from each request's arrival, and the batch sizes. Shared by the serving
 * threads.
 */
final class Answers {

    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    /** How the answers were served, as the results say it: a {@link SystemSettings.Serving}'s setting, or served. */
    static final String SERVED = "served";

    private final String serving;
    private final boolean batched;
    private final GreedyDecoder.Options options;
    private final String decoding;
    private final AtomicLong tokens = new AtomicLong();
    private final Recorder firstToken = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder queueWait = new Recorder(HIGHEST_NANOS, 3);
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong stepSequences = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

    /** The answers of {@code model}, which must take the token input that the generation settings name. */
    static Answers of(SystemSettings.Serving serving, GenerationSettings generation, LoadedModel model,
            List<InputSpec> specs) throws BenchmarkSetupException {
        if (specs.stream().noneMatch(spec -> spec.name().equals(generation.tokenInput()))) {
            throw new BenchmarkSetupException("system/serving is " + serving.setting() + ", whose requests are"
                    + " generated answers, but the " + model.file().role() + " model " + model.file().path()
                    + " takes no input named '" + generation.tokenInput() + "' (its inputs: " + specs.stream()
                            .map(InputSpec::name).toList() + "): name the token-id input in <generation><tokenInput>,"
                    + " or serve one forward pass per request (<serving>requests</serving>).");
        }
        return new Answers(serving.setting(), serving == SystemSettings.Serving.CONTINUOUS_BATCHING,
                new GreedyDecoder.Options(generation.tokenInput(), generation.logitsOutput(),
                        generation.maxNewTokens(), generation.stopTokenSet()),
                model.isPackage() ? "key/value cache (the package's decoder)"
                        : model.hasDecodeMethod() ? "key/value cache" : "full recompute");
    }

    /** A served model's answers: the server decodes them (its own batching and cache), the client times them. */
    static Answers served() {
        return new Answers(SERVED, false, null, "the server's own (its batching and cache), timed on the client");
    }

    private Answers(String serving, boolean batched, GreedyDecoder.Options options, String decoding) {
        this.serving = serving;
        this.batched = batched;
        this.options = options;
        this.decoding = decoding;
    }

    GreedyDecoder.Options options() {
        return options;
    }

    /** Decodes one answer alone on the caller's thread, for a request that arrived at {@code since}. */
    void decodeAlone(LoadedModel model, Predictor<NDList, NDList> predictor, NDList prompt, List<InputSpec> specs,
            NDManager manager, long since) throws BenchmarkSetupException {
        long begin = System.nanoTime();
        GreedyDecoder.Decoded answer;
        try (NDManager scratch = manager.newSubManager()) {
            answer = GreedyDecoder.decode(model, predictor, prompt, specs, options, scratch);
        }
        tokens.addAndGet(answer.tokens()[0].length + (answer.stopped()[0] ? 1 : 0));
        record(begin - since, begin - since + answer.firstTokenNanos());
    }

    /** Records an answer of the batch that arrived at {@code since}. */
    void finished(ContinuousBatch.Finished answer, long since) {
        tokens.addAndGet(answer.tokens().length + (answer.stopped() ? 1 : 0));
        record(answer.prefillStartNanos() - since, answer.firstTokenNanos() - since);
    }

    /**
     * Records a served answer of {@code outputTokens} that arrived at {@code since}, was sent at {@code sentNanos}
     * and streamed its first content at {@code firstContentNanos}.
     */
    void servedAnswer(int outputTokens, long since, long sentNanos, long firstContentNanos) {
        tokens.addAndGet(outputTokens);
        record(sentNanos - since, firstContentNanos - since);
    }

    /** Notes one decode step of a batch of {@code sequences}. */
    void step(int sequences) {
        steps.incrementAndGet();
        stepSequences.addAndGet(sequences);
        largestBatch.accumulateAndGet(sequences, Math::max);
    }

    private void record(long waitedNanos, long firstTokenNanos) {
        queueWait.recordValue(Math.min(Math.max(0, waitedNanos), HIGHEST_NANOS));
        firstToken.recordValue(Math.min(Math.max(0, firstTokenNanos), HIGHEST_NANOS));
    }

    /** Tokens produced so far. */
    long tokens() {
        return tokens.get();
    }

    /** Forgets the warm-up. */
    void reset() {
        tokens.set(0);
        firstToken.reset();
        queueWait.reset();
        steps.set(0);
        stepSequences.set(0);
        largestBatch.set(0);
    }

    /** The answers since the warm-up; call it once, at the end. */
    SystemSample.Generation summarize(long completed, double seconds) {
        return new SystemSample.Generation(serving, decoding, tokens.get(), completed / seconds,
                LatencySummary.of(firstToken.getIntervalHistogram()),
                LatencySummary.of(queueWait.getIntervalHistogram()),
                batched && steps.get() > 0 ? (double) stepSequences.get() / steps.get() : Double.NaN,
                batched ? largestBatch.get() : 0);
    }
}
