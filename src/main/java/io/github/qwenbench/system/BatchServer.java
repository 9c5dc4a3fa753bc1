package io.github.qwenbench.system;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import io.github.qwenbench.decoding.ContinuousBatch;
import io.github.qwenbench.plan.SystemSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves whole answers with continuous batching (system/serving continuous-batching): one thread runs
 * the batch's decode steps while a second prefills the requests that arrive, so that a long prefill
 * (an image's vision tower) does not stall the sequences already decoding, as a server overlaps them.
 * Requests join the batch when their prefill is done, up to system/users sequences in the batch and
 * in prefill together; closed loop: each user's next conversation is due its think time after its
 * answer; open loop: the arrivals, as they come.
 */
final class BatchServer implements AutoCloseable {

    /** Where each request's outcome goes. */
    interface Outcomes {
        void answered(ContinuousBatch.Finished answer, long arrivalNanos);

        void failed(Exception e);
    }

    /** A request in prefill or in the batch: when it arrived, and its user (-1 in an open loop). */
    private record Request(long arrival, int user) {
    }

    /** A prefill that failed. */
    private record Failure(long id, Exception error) {
    }

    private final ContinuousBatch batch;
    private final List<NDList> samples;
    private final SystemSettings settings;
    private final Answers answers;
    private final Predictor<NDList, NDList> prefillPredictor;
    private final ExecutorService prefills = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "qwen-bench-prefill");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Object> ready = new ConcurrentLinkedQueue<>();
    private long nextId;
    private int served;

    BatchServer(ContinuousBatch batch, List<NDList> samples, SystemSettings settings, Answers answers,
            Predictor<NDList, NDList> prefillPredictor) {
        this.batch = batch;
        this.samples = samples;
        this.settings = settings;
        this.answers = answers;
        this.prefillPredictor = prefillPredictor;
    }

    /**
     * Serves one window from {@code start} while {@code running}; then takes no new request (an open loop
     * still takes those already queued) and returns when every request in flight has its answer.
     */
    void serve(boolean openLoop, long start, AtomicBoolean running, BlockingQueue<Long> arrivals, Outcomes outcomes) {
        int users = settings.users();
        long[] due = new long[users];
        Arrays.fill(due, start);
        boolean[] busy = new boolean[users];
        Map<Long, Request> inFlight = new HashMap<>();
        while (true) {
            long now = System.nanoTime();
            if (openLoop) {
                Long arrival;
                while (inFlight.size() < users && (arrival = arrivals.poll()) != null) {
                    submit(new Request(arrival, -1), inFlight);
                }
            } else if (running.get()) {
                for (int user = 0; user < users; user++) {
                    if (!busy[user] && due[user] <= now) {
                        busy[user] = true;
                        submit(new Request(due[user], user), inFlight);
                    }
                }
            }
            for (Object prefilled; (prefilled = ready.poll()) != null; ) {
                join(prefilled, inFlight, due, busy, outcomes);
            }
            if (batch.size() == 0) {
                if (inFlight.isEmpty() && !running.get() && arrivals.isEmpty()) {
                    return;
                }
                LockSupport.parkNanos(100_000);
                continue;
            }
            answers.step(batch.size());
            try {
                for (ContinuousBatch.Finished answer : batch.step()) {
                    Request request = finish(answer.id(), inFlight, due, busy, answer.endNanos());
                    outcomes.answered(answer, request.arrival());
                }
            } catch (Exception e) {
                // the batch's state is lost with the step: every sequence in it failed
                for (long id : batch.abandon()) {
                    finish(id, inFlight, due, busy, System.nanoTime());
                    outcomes.failed(e);
                }
            }
        }
    }

    private void submit(Request request, Map<Long, Request> inFlight) {
        long id = nextId++;
        NDList prompt = samples.get(served++ % samples.size());
        inFlight.put(id, request);
        prefills.execute(() -> {
            try {
                ready.add(batch.prefill(id, prompt, prefillPredictor));
            } catch (Exception e) {
                ready.add(new Failure(id, e));
            }
        });
    }

    /** A prefill done: the sequence joins the batch, or its answer (or failure) is recorded now. */
    private void join(Object prefilled, Map<Long, Request> inFlight, long[] due, boolean[] busy, Outcomes outcomes) {
        if (prefilled instanceof Failure failure) {
            finish(failure.id(), inFlight, due, busy, System.nanoTime());
            outcomes.failed(failure.error());
            return;
        }
        ContinuousBatch.Prefilled sequence = (ContinuousBatch.Prefilled) prefilled;
        Request request = inFlight.get(sequence.id());
        try {
            ContinuousBatch.Finished answer = batch.add(sequence);
            if (answer != null) {
                finish(answer.id(), inFlight, due, busy, answer.endNanos());
                outcomes.answered(answer, request.arrival());
            }
        } catch (Exception e) {
            finish(sequence.id(), inFlight, due, busy, System.nanoTime());
            outcomes.failed(e);
        }
    }

    /** The request leaves; its user's next one is due its think time from {@code endNanos}. */
    private Request finish(long id, Map<Long, Request> inFlight, long[] due, boolean[] busy, long endNanos) {
        Request request = inFlight.remove(id);
        if (request != null && request.user() >= 0) {
            busy[request.user()] = false;
            due[request.user()] = endNanos + settings.thinkTimeMillis() * 1_000_000L;
        }
        return request;
    }

    @Override
    public void close() {
        prefills.shutdownNow();
        try {
            prefills.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Object left; (left = ready.poll()) != null; ) {
            if (left instanceof ContinuousBatch.Prefilled sequence) {
                sequence.close();
            }
        }
    }
}
