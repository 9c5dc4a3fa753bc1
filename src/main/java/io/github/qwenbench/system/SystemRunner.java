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
import java.util.List;
import org.HdrHistogram.Histogram;

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
                RequestOutcomes outcomes = new RequestOutcomes(answers);
                LoadGenerator load = new LoadGenerator(settings, samples, predictors,
                        alone(model, specs, answers, manager), batch, outcomes);
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
                return serveTurns(context, description, intraOpThreads, turns, load, outcomes, gpu);
            } finally {
                predictors.forEach(Predictor::close);
            }
        }
    }

    /** How a thread serves a request alone: one forward pass, or one whole answer decoded alone. */
    private static LoadGenerator.Request alone(LoadedModel model, List<InputSpec> specs, Answers answers,
            NDManager manager) {
        if (answers == null) {
            return (predictor, input, since) -> model.predict(predictor, input, specs).close();
        }
        return (predictor, input, since) -> answers.decodeAlone(model, predictor, input, specs, manager, since);
    }

    /**
     * Serves the load in this worker's turns until the comparison stops; one window per turn. Where
     * inference runs on a GPU, {@code gpu} samples it throughout, and each turn gets its samples.
     */
    private static SystemSample serveTurns(SuiteContext context, String description, int intraOpThreads, Turns turns,
            LoadGenerator load, RequestOutcomes outcomes, GpuWatch gpu) throws BenchmarkSetupException {
        SystemSettings settings = context.plan().system();
        String role = context.model().role();
        TurnMeter meter = new TurnMeter();
        long microjoules = 0;
        long cpuNanos = 0;
        double seconds = 0;
        List<SystemSample.Window> windows = new ArrayList<>();
        Histogram all = new Histogram(3_600_000_000_000L, 3);
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
            LoadGenerator.Served served = load.serve(meter.start(), context.plan().seed() + k);
            TurnMeter.Cost cost = meter.stop();
            firstEpochMillis = firstEpochMillis < 0 ? cost.epochMillis() : firstEpochMillis;
            Histogram interval = served.latency();
            all.add(interval);
            gpuTurns.add(new GpuUse.Turn(cost.fromMillis(), cost.toMillis(), served.completed()));
            cpuNanos += cost.cpuNanos();
            microjoules += cost.microjoules();
            seconds += cost.seconds();
            double throughput = served.throughputCount() / cost.seconds();
            windows.add(new SystemSample.Window((cost.epochMillis() - firstEpochMillis) / 1000.0, served.completed(),
                    served.failed(), throughput,
                    interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(50) / 1e6,
                    interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1e6,
                    cost.processCpuPercent(), cost.machineCpuPercent(), cost.residentBytes(), cost.threads(),
                    cost.loadAverage(), served.queueDepth()));
            turns.done(k, throughput, cost.epochMillis());
            if (System.nanoTime() > nextReport) {
                nextReport = System.nanoTime() + 5_000_000_000L;
                context.progress().accept(String.format(java.util.Locale.ROOT, "%s: %d turns, %d requests, %d errors",
                        role, windows.size(), outcomes.completed(), outcomes.failed()));
            }
        }
        gpu.close(); // stops nvidia-smi and waits for its last lines, so the last turn has all its samples
        GpuUse gpuUse = gpu.summarize(gpuTurns);
        long done = outcomes.completed();
        long failed = outcomes.failed();
        double cpuPerInference = done == 0 ? Double.NaN : cpuNanos / 1e9 / done;
        String raplMissing = meter.energyUnavailableReason();
        SystemSample.Energy energy = raplMissing == null ? energy(microjoules, done)
                : gpuUse != null && !Double.isNaN(gpuUse.joulesPerInference()) ? gpuUse.energy()
                : new SystemSample.Energy(false, raplMissing, Double.NaN, Double.NaN);
        SystemSample.Generation generation = outcomes.generation(seconds);
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
        return new SystemSample(role, description, seconds, done, failed,
                done + failed == 0 ? Double.NaN : (double) failed / (done + failed), outcomes.errorMessages(),
                outcomes.dropped(), (generation == null ? done : generation.tokens()) / seconds,
                LatencySummary.of(all), windows, drift, deviation, startRss, endRss, endRss - startRss,
                startRss == 0 ? Double.NaN : (double) (endRss - startRss) / startRss, cpuPerInference, energy,
                gpu.status(), intraOpThreads, gpuUse, generation == null ? SystemSample.REQUESTS_PER_SECOND
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
}
