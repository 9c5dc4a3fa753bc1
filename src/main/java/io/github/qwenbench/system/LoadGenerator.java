package io.github.qwenbench.system;

import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.SystemSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The load on one model, one window at a time: virtual users in a closed loop, or Poisson arrivals in an
 * open loop whose latencies count from each request's scheduled arrival (no coordinated omission). Each
 * user or server thread serves its requests alone, or the batch's thread serves them all together
 * (continuous batching). A request that throws is counted and the load goes on; every outcome goes to
 * {@link RequestOutcomes}.
 *
 * @param <U> what each user or server thread serves its requests with: a predictor of the model, or the
 *     client of a served model
 * @param <I> a request's input: a sample's tensors, or a chat request
 */
final class LoadGenerator<U, I> {

    /**
     * One request served alone on the caller's thread: one forward pass, one whole answer, or one served answer.
     * Returns when it completed (a {@link System#nanoTime()}), before any bookkeeping of the caller's own.
     */
    interface Request<U, I> {
        long serve(U user, I input, long arrivalNanos) throws BenchmarkSetupException;
    }

    /**
     * What one window served.
     *
     * @param completed requests completed in it
     * @param failed requests that failed in it, those still queued at its end included
     * @param throughputCount what throughput counts in it: the answers' tokens, or completed requests
     * @param latency the latencies of the requests completed in it
     * @param queueDepth open loop: the most requests waiting in it; 0 for a closed loop
     */
    record Served(long completed, long failed, long throughputCount, Histogram latency, int queueDepth) {
    }

    private final SystemSettings settings;
    private final List<I> samples;
    private final List<U> users;
    private final Request<U, I> alone;
    private final BatchServer batch;
    private final RequestOutcomes outcomes;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    private final AtomicInteger queueHighWater = new AtomicInteger();

    /**
     * @param samples the inputs, taken in turn
     * @param users one per user or server thread
     * @param alone how a thread serves a request alone; unused with {@code batch}
     * @param batch the continuous batch that serves every request, or null
     */
    LoadGenerator(SystemSettings settings, List<I> samples, List<U> users, Request<U, I> alone, BatchServer batch,
            RequestOutcomes outcomes) {
        this.settings = settings;
        this.samples = samples;
        this.users = users;
        this.alone = alone;
        this.batch = batch;
        this.outcomes = outcomes;
    }

    /** What its requests came to. */
    RequestOutcomes outcomes() {
        return outcomes;
    }

    /**
     * Every user runs the closed loop for one window, un-measured: per-thread and per-shape
     * warm-up of the engine, so that the first measured window is not slower for it.
     */
    void warmUp() {
        long windowNanos = settings.windowMillis() * 1_000_000L;
        List<Thread> threads = startServing(false, System.nanoTime(), windowNanos, 0, "warm-up");
        LockSupport.parkNanos(windowNanos);
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.set(true);
        outcomes.reset();
        arrivals.clear();
        queueHighWater.set(0);
    }

    /**
     * Serves one window from {@code start} (a {@link System#nanoTime()}), with open-loop arrivals drawn
     * from {@code seed}. After the window the threads get twice its length to serve what is queued;
     * arrivals still queued then are dropped, and the threads get twice its length again to finish the
     * requests they are serving. A thread still serving after that is left to finish on its own, unless
     * requests are answers: those finish in this window, so that no thread serves into the other model's
     * turn (the batch's state belongs to one thread); the worker's timeout (a served answer's, its request
     * timeout) bounds the wait.
     */
    Served serve(long start, long seed) {
        long windowNanos = settings.windowMillis() * 1_000_000L;
        long completedBefore = outcomes.completed();
        long failedBefore = outcomes.failed();
        long countBefore = outcomes.throughputCount();
        running.set(true);
        List<Thread> threads = startServing(settings.openLoop(), start, windowNanos, seed, "user");
        LockSupport.parkNanos(start + windowNanos - System.nanoTime());
        running.set(false);
        int queued = arrivals.size();
        join(threads, 2 * windowNanos);
        outcomes.dropped(arrivals.size());
        arrivals.clear();
        join(threads, outcomes.countsAnswers() ? Long.MAX_VALUE / 2 : 2 * windowNanos);
        return new Served(outcomes.completed() - completedBefore, outcomes.failed() - failedBefore,
                outcomes.throughputCount() - countBefore, outcomes.latencySinceLastCall(),
                Math.max(queued, queueHighWater.getAndSet(0)));
    }

    /**
     * The threads that serve one window from {@code start}: users or servers, or the batch's one thread;
     * and in an open loop, the arrivals.
     */
    private List<Thread> startServing(boolean openLoop, long start, long windowNanos, long seed, String name) {
        List<Thread> threads = new ArrayList<>();
        if (batch != null) {
            threads.add(start(() -> batch.serve(openLoop, start, running, arrivals, outcomes), name + "-batch"));
        } else {
            for (int u = 0; u < users.size(); u++) {
                int user = u;
                threads.add(start(openLoop ? () -> serveArrivals(user) : () -> closedLoop(user), name + "-" + u));
            }
        }
        if (openLoop) {
            threads.add(start(() -> dispatch(start, start + windowNanos, seed), "arrivals"));
        }
        return threads;
    }

    /** Closed loop: a user's requests, one after the other, each its think time after the last. */
    private void closedLoop(int user) {
        U client = users.get(user);
        for (int i = 0; running.get(); i++) {
            long begin = System.nanoTime();
            serveAlone(client, samples.get((user + i) % samples.size()), begin);
            if (settings.thinkTimeMillis() > 0) {
                LockSupport.parkNanos(settings.thinkTimeMillis() * 1_000_000L);
            }
        }
    }

    /** Open loop: arrival times, exponentially spaced, from the seed. */
    private void dispatch(long start, long end, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double meanGapNanos = 1e9 / settings.arrivalRate();
        long next = start;
        while (true) {
            next += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
            if (next >= end) {
                return;
            }
            LockSupport.parkNanos(next - System.nanoTime());
            arrivals.add(next);
            queueHighWater.accumulateAndGet(arrivals.size(), Math::max);
        }
    }

    /** Open loop: take the next arrival, serve it, count the latency from its scheduled time. */
    private void serveArrivals(int user) {
        U client = users.get(user);
        for (int i = 0; running.get() || !arrivals.isEmpty(); i++) {
            Long arrival;
            try {
                arrival = arrivals.poll(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (arrival != null) {
                serveAlone(client, samples.get((user + i) % samples.size()), arrival);
            } else if (!running.get()) {
                return;
            }
        }
    }

    private void serveAlone(U client, I input, long since) {
        try {
            outcomes.served(alone.serve(client, input, since) - since);
        } catch (BenchmarkSetupException | RuntimeException e) {
            outcomes.failed(e);
        }
    }

    private static void join(List<Thread> threads, long patienceNanos) {
        long until = System.nanoTime() + patienceNanos;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread start(Runnable body, String name) {
        Thread thread = new Thread(body, "qwen-bench-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
