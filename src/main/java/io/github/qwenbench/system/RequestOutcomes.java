package io.github.qwenbench.system;

import io.github.qwenbench.decoding.ContinuousBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the requests of one model came to since the warm-up: those completed, with their latencies from
 * arrival; those that threw, with why; those still queued when a window ended (open loop), which failed
 * too; and, when requests are answers, the answers' own figures ({@link Answers}). Shared by the serving
 * threads.
 */
final class RequestOutcomes implements BatchServer.Outcomes {

    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    /** The most distinct error messages kept in the results. */
    private static final int MESSAGES = 10;

    private final Answers answers;
    private final long objectiveNanos;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong withinObjective = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, AtomicLong> messages = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(HIGHEST_NANOS, 3);

    /**
     * @param answers the answers' figures when every request is a generated answer, else null
     * @param objectiveMillis the latency within which a completed request counts as goodput, or 0 for none
     */
    RequestOutcomes(Answers answers, long objectiveMillis) {
        this.answers = answers;
        this.objectiveNanos = objectiveMillis * 1_000_000L;
    }

    /** A request completed, {@code latencyNanos} after it arrived. */
    void served(long latencyNanos) {
        latency.recordValue(Math.min(latencyNanos, HIGHEST_NANOS));
        completed.incrementAndGet();
        if (objectiveNanos > 0 && latencyNanos <= objectiveNanos) {
            withinObjective.incrementAndGet();
        }
    }

    /** The requests that kept the latency objective, over {@code seconds}; null without an objective. */
    SystemSample.Goodput goodput(double seconds) {
        if (objectiveNanos == 0) {
            return null;
        }
        long all = completed.get() + failed();
        return new SystemSample.Goodput(objectiveNanos / 1_000_000L, withinObjective.get(),
                withinObjective.get() / seconds, all == 0 ? Double.NaN : (double) withinObjective.get() / all);
    }

    @Override
    public void answered(ContinuousBatch.Finished answer, long arrivalNanos) {
        answers.finished(answer, arrivalNanos);
        served(answer.endNanos() - arrivalNanos);
    }

    @Override
    public void failed(Exception e) {
        errors.incrementAndGet();
        messages.computeIfAbsent(reason(e), k -> new AtomicLong()).incrementAndGet();
    }

    /** Open loop: {@code requests} were still queued when the window ended; they count as failed. */
    void dropped(long requests) {
        dropped.addAndGet(requests);
    }

    /** Whether requests are whole answers (generated here, or served). */
    boolean countsAnswers() {
        return answers != null;
    }

    /** Requests completed so far. */
    long completed() {
        return completed.get();
    }

    /** Requests failed so far: those that threw, and those dropped. */
    long failed() {
        return errors.get() + dropped.get();
    }

    /** Requests dropped so far. */
    long dropped() {
        return dropped.get();
    }

    /** What throughput counts so far: the answers' tokens when requests are answers, else completed requests. */
    long throughputCount() {
        return answers == null ? completed.get() : answers.tokens();
    }

    /** The latencies of the requests completed since the last call (or the warm-up). */
    Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    /**
     * Why requests failed, with counts: the ten most frequent messages, most frequent first, then the
     * requests dropped, if any.
     */
    Map<String, Long> errorMessages() {
        Map<String, Long> top = new LinkedHashMap<>();
        messages.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .limit(MESSAGES).forEach(e -> top.put(e.getKey(), e.getValue().get()));
        long queued = dropped.get();
        if (queued > 0) {
            top.put("still queued when the run ended (open loop above capacity)", queued);
        }
        return top;
    }

    /** The answers' figures over {@code seconds} when requests are answers, else null; once, at the end. */
    SystemSample.Generation generation(double seconds) {
        return answers == null ? null : answers.summarize(completed.get(), seconds);
    }

    /** Forgets the warm-up. */
    void reset() {
        completed.set(0);
        withinObjective.set(0);
        errors.set(0);
        dropped.set(0);
        messages.clear();
        latency.reset();
        if (answers != null) {
            answers.reset();
        }
    }

    /** The engine's reason, without the model and inputs named before it ({@code ...]: }) or the advice after. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int engineReason = message.indexOf("]: ");
        String reason = engineReason >= 0 ? message.substring(engineReason + 3) : message;
        int end = reason.indexOf(". Check <inputs>");
        return end >= 0 ? reason.substring(0, end) : reason;
    }
}
