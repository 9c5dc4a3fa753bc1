package io.github.qwenbench.system;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.ContinuousBatch;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.LinearFit;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One model serving a load in this worker: virtual users in a closed loop, or Poisson arrivals in
 * an open loop whose latencies count from each request's scheduled arrival (no coordinated
 * omission). A request that throws is counted and the load goes on.
 */
public final class SystemRunner implements SuiteRunner {

    /** The system property naming the directory where the two workers take turns (system.Turns). */
    public static final String TURNS_PROPERTY = "qwen-bench.turns";

    private static final int SAMPLES = 8;

    @Override
    public SystemSample run(SuiteContext context) throws BenchmarkSetupException {
        SystemSettings settings = context.plan().system();
        ModelFile file = context.model();
        List<InputSpec> specs = context.inputs().inputs();
        String turnsDirectory = System.getProperty(Turns.DIRECTORY_PROPERTY);
        if (turnsDirectory == null) {
            throw new BenchmarkSetupException("The system worker needs -D" + Turns.DIRECTORY_PROPERTY + ": the two"
                    + " models take turns, each in its own worker.");
        }
        Turns turns = new Turns(Path.of(turnsDirectory), file.role(), settings);
        boolean batched = settings.serving() == SystemSettings.Serving.CONTINUOUS_BATCHING;
        // continuous batching calls the engine from two threads: the batch's decode steps, and the prefills
        int intraOpThreads = context.engineThreads().apply(file.role() + " under " + settings.users() + " users",
                batched ? Math.min(2, settings.users()) : settings.users());
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(file, false);
                GpuWatch gpu = GpuWatch.start(context.plan().engine())) {
            List<NDList> samples = context.inputs().samples(manager, SAMPLES);
            List<Predictor<NDList, NDList>> predictors = new ArrayList<>();
            for (int u = 0; u < settings.users(); u++) {
                predictors.add(model.newPredictor());
            }
            Answers answers = settings.serving().generates()
                    ? Answers.of(settings.serving(), context.plan().generation(), model, specs) : null;
            try (ContinuousBatch decoding = batched ? new ContinuousBatch(model, specs, answers.options(), manager) : null;
                    BatchServer batch = batched ? new BatchServer(decoding, samples, settings, answers, predictors.get(0))
                            : null) {
                Load load = new Load(model, specs, samples, predictors, settings, answers, batch, manager);
                context.progress().accept(file.role() + ": warming up under the load for one window");
                load.warmUp();
                String description = settings.openLoop()
                        ? String.format(java.util.Locale.ROOT, "open loop, %.1f requests/s (Poisson), %d threads",
                                settings.arrivalRate(), settings.users())
                        : "closed loop, " + settings.users() + " users, think time " + settings.thinkTimeMillis() + " ms";
                if (answers != null) {
                    description += batched ? ", answers in one continuous batch of up to " + settings.users()
                            + " (prefills on a second thread)"
                            : ", answers decoded one at a time per thread";
                }
                context.progress().accept(file.role() + ": " + description + ", " + intraOpThreads + " intra-op"
                        + " threads, in turns of " + settings.windowMillis() + " ms with the other model, "
                        + settings.durationMillis() / 1000.0 + " to " + settings.maxDurationMillis() / 1000.0 + " s");
                return load.run(file.role(), description, context, turns, intraOpThreads, gpu);
            } finally {
                predictors.forEach(Predictor::close);
            }
        }
    }

    /** The load itself: its threads, counters and windows. */
    private static final class Load implements BatchServer.Outcomes {
        private final LoadedModel model;
        private final List<InputSpec> specs;
        private final List<NDList> samples;
        private final List<Predictor<NDList, NDList>> predictors;
        private final SystemSettings settings;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final Map<String, AtomicLong> messages = new ConcurrentHashMap<>();
        private final Recorder recorder = new Recorder(3_600_000_000_000L, 3);
        private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        private final AtomicInteger queueHighWater = new AtomicInteger();
        private final Answers answers;
        private final BatchServer batch;
        private final NDManager manager;

        Load(LoadedModel model, List<InputSpec> specs, List<NDList> samples,
                List<Predictor<NDList, NDList>> predictors, SystemSettings settings, Answers answers,
                BatchServer batch, NDManager manager) {
            this.model = model;
            this.specs = specs;
            this.samples = samples;
            this.predictors = predictors;
            this.settings = settings;
            this.answers = answers;
            this.batch = batch;
            this.manager = manager;
        }

        /**
         * The threads that serve one window from {@code start}: users or servers, or the batch's one thread;
         * and in an open loop, the arrivals.
         */
        private List<Thread> startServing(boolean openLoop, long start, long windowNanos, long seed, String name) {
            List<Thread> threads = new ArrayList<>();
            if (batch != null) {
                threads.add(start(() -> batch.serve(openLoop, start, running, arrivals, this), name + "-batch"));
            } else {
                for (int u = 0; u < predictors.size(); u++) {
                    int user = u;
                    threads.add(start(openLoop ? () -> serve(user) : () -> closedLoop(user), name + "-" + u));
                }
            }
            if (openLoop) {
                threads.add(start(() -> dispatch(start, start + windowNanos, seed), "arrivals"));
            }
            return threads;
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
            completed.set(0);
            errors.set(0);
            messages.clear();
            recorder.reset();
            arrivals.clear();
            queueHighWater.set(0);
            if (answers != null) {
                answers.reset();
            }
        }

        /**
         * Serves the load in this worker's turns until the comparison stops; one window per turn. Where
         * inference runs on a GPU, {@code gpu} samples it throughout, and each turn gets its samples.
         */
        SystemSample run(String role, String description, SuiteContext context, Turns turns, int intraOpThreads,
                GpuWatch gpu) throws BenchmarkSetupException {
            TurnMeter meter = new TurnMeter();
            long microjoules = 0;
            long cpuNanos = 0;
            long dropped = 0;
            double seconds = 0;
            List<SystemSample.Window> windows = new ArrayList<>();
            Histogram all = new Histogram(3_600_000_000_000L, 3);
            long windowNanos = settings.windowMillis() * 1_000_000L;
            long firstEpochMillis = -1;
            long nextReport = System.nanoTime() + 5_000_000_000L;
            List<GpuUse.Turn> gpuTurns = new ArrayList<>();
            turns.ready();
            for (int k = 0; ; k++) {
                if (!turns.mine(k)) {
                    continue;
                }
                if (!turns.awaitTurn(k)) {
                    break;
                }
                long doneBefore = completed.get();
                long failedBefore = errors.get();
                long tokensBefore = answers == null ? 0 : answers.tokens();
                long start = meter.start();
                running.set(true);
                List<Thread> threads = startServing(settings.openLoop(), start, windowNanos, context.plan().seed() + k,
                        "user");
                LockSupport.parkNanos(start + windowNanos - System.nanoTime());
                running.set(false);
                int queued = arrivals.size();
                join(threads, 2 * windowNanos);
                long leftOver = arrivals.size();
                arrivals.clear();
                // answers in flight finish in this turn: their threads must not serve into the other model's
                // turn (the batch's state belongs to one thread); the worker's timeout bounds the wait
                join(threads, answers == null ? 2 * windowNanos : Long.MAX_VALUE / 2);
                TurnMeter.Cost cost = meter.stop();
                firstEpochMillis = firstEpochMillis < 0 ? cost.epochMillis() : firstEpochMillis;
                Histogram interval = recorder.getIntervalHistogram();
                all.add(interval);
                long done = completed.get() - doneBefore;
                long failed = errors.get() - failedBefore + leftOver;
                gpuTurns.add(new GpuUse.Turn(cost.fromMillis(), cost.toMillis(), done));
                dropped += leftOver;
                cpuNanos += cost.cpuNanos();
                microjoules += cost.microjoules();
                seconds += cost.seconds();
                double throughput = (answers == null ? done : answers.tokens() - tokensBefore) / cost.seconds();
                windows.add(new SystemSample.Window((cost.epochMillis() - firstEpochMillis) / 1000.0, done, failed,
                        throughput, interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(50) / 1e6,
                        interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1e6,
                        cost.processCpuPercent(), cost.machineCpuPercent(), cost.residentBytes(), cost.threads(),
                        cost.loadAverage(), Math.max(queued, queueHighWater.getAndSet(0))));
                turns.done(k, throughput, cost.epochMillis());
                if (System.nanoTime() > nextReport) {
                    nextReport = System.nanoTime() + 5_000_000_000L;
                    context.progress().accept(String.format(java.util.Locale.ROOT, "%s: %d turns, %d requests, %d errors",
                            role, windows.size(), completed.get(), errors.get() + dropped));
                }
            }
            gpu.close(); // stops nvidia-smi and waits for its last lines, so the last turn has all its samples
            GpuUse gpuUse = gpu.summarize(gpuTurns);
            long done = completed.get();
            long failed = errors.get() + dropped;
            double cpuPerInference = done == 0 ? Double.NaN : cpuNanos / 1e9 / done;
            String raplMissing = meter.energyUnavailableReason();
            SystemSample.Energy energy = raplMissing == null ? energy(microjoules, done)
                    : gpuUse != null && !Double.isNaN(gpuUse.joulesPerInference()) ? gpuUse.energy()
                    : new SystemSample.Energy(false, raplMissing, Double.NaN, Double.NaN);
            return summarize(role, description, seconds, done, failed, dropped, all, windows, cpuPerInference, energy,
                    intraOpThreads, gpu.status(), gpuUse,
                    answers == null ? null : answers.summarize(done, seconds));
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

        private SystemSample summarize(String role, String description, double seconds, long done, long failed,
                long dropped, Histogram all, List<SystemSample.Window> windows, double cpuPerInference,
                SystemSample.Energy energy, int intraOpThreads, String gpuStatus, GpuUse gpuUse,
                SystemSample.Generation generation) {
            double[] t = windows.stream().mapToDouble(SystemSample.Window::startSeconds).toArray();
            double[] throughput = windows.stream().mapToDouble(SystemSample.Window::throughput).toArray();
            double mean = java.util.Arrays.stream(throughput).average().orElse(Double.NaN);
            double span = windows.isEmpty() ? Double.NaN
                    : windows.get(windows.size() - 1).startSeconds() + settings.windowMillis() / 1000.0;
            double drift = LinearFit.of(t, throughput).slope() * span / mean;
            double deviation = java.util.Arrays.stream(throughput).map(v -> Math.abs(v - mean) / mean).max()
                    .orElse(Double.NaN);
            long startRss = windows.isEmpty() ? 0 : windows.get(0).residentBytes();
            long endRss = windows.isEmpty() ? 0 : windows.get(windows.size() - 1).residentBytes();
            Map<String, Long> top = new LinkedHashMap<>();
            messages.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(10)
                    .forEach(e -> top.put(e.getKey(), e.getValue().get()));
            if (dropped > 0) {
                top.put("still queued when the run ended (open loop above capacity)", dropped);
            }
            return new SystemSample(role, description, seconds, done, failed,
                    done + failed == 0 ? Double.NaN : (double) failed / (done + failed), top, dropped,
                    (generation == null ? done : generation.tokens()) / seconds,
                    LatencySummary.of(all), windows, drift, deviation, startRss, endRss, endRss - startRss,
                    startRss == 0 ? Double.NaN : (double) (endRss - startRss) / startRss, cpuPerInference, energy,
                    gpuStatus, intraOpThreads, gpuUse, generation == null ? SystemSample.REQUESTS_PER_SECOND
                            : SystemSample.TOKENS_PER_SECOND, generation);
        }

        private static SystemSample.Energy energy(long used, long done) {
            if (used <= 0 || done == 0) {
                return new SystemSample.Energy(false, "unavailable: " + Rapl.source() + " gave no usable reading",
                        Double.NaN, Double.NaN);
            }
            double joules = used / 1e6 / done;
            return new SystemSample.Energy(true, Rapl.source() + " (whole CPU package, other processes included)",
                    joules, 1 / joules);
        }

        private void closedLoop(int user) {
            Predictor<NDList, NDList> predictor = predictors.get(user);
            for (int i = 0; running.get(); i++) {
                long begin = System.nanoTime();
                infer(predictor, samples.get((user + i) % samples.size()), begin);
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
        private void serve(int user) {
            Predictor<NDList, NDList> predictor = predictors.get(user);
            for (int i = 0; running.get() || !arrivals.isEmpty(); i++) {
                Long arrival;
                try {
                    arrival = arrivals.poll(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (arrival != null) {
                    infer(predictor, samples.get((user + i) % samples.size()), arrival);
                } else if (!running.get()) {
                    return;
                }
            }
        }

        private void infer(Predictor<NDList, NDList> predictor, NDList input, long since) {
            try {
                if (answers != null) {
                    answers.decodeAlone(model, predictor, input, specs, manager, since);
                } else {
                    model.predict(predictor, input, specs).close();
                }
                served(System.nanoTime() - since);
            } catch (BenchmarkSetupException | RuntimeException e) {
                failed(e);
            }
        }

        @Override
        public void answered(ContinuousBatch.Finished answer, long arrivalNanos) {
            answers.finished(answer, arrivalNanos);
            served(answer.endNanos() - arrivalNanos);
        }

        /** A request completed, {@code latencyNanos} after it arrived. */
        private void served(long latencyNanos) {
            recorder.recordValue(Math.min(latencyNanos, 3_600_000_000_000L));
            completed.incrementAndGet();
        }

        @Override
        public void failed(Exception e) {
            errors.incrementAndGet();
            messages.computeIfAbsent(reason(e), k -> new AtomicLong()).incrementAndGet();
        }

        private static String reason(Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int engineReason = message.indexOf("]: ");
            String reason = engineReason >= 0 ? message.substring(engineReason + 3) : message;
            int end = reason.indexOf(". Check <inputs>");
            return end >= 0 ? reason.substring(0, end) : reason;
        }

        private static Thread start(Runnable body, String name) {
            Thread thread = new Thread(body, "qwen-bench-" + name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
