package io.github.qwenbench.system;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.ContinuousBatch;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One model serving the load in this worker: it loads the model, warms the load up, serves it in this
 * worker's turns with the other model's ({@link Turns}), and returns what the turns add up to. The load
 * is {@link LoadGenerator}'s, each turn's cost {@link TurnMeter}'s, and the sample
 * {@link SystemSampleBuilder}'s.
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
        Turns turns = new Turns(Path.of(turnsDirectory), file.role(), settings, context.plan().seed(),
                file.served() ? longestRequest(context.plan()) : null);
        if (file.served()) {
            return ServedLoad.run(context, turns);
        }
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
                RequestOutcomes outcomes = new RequestOutcomes(answers, settings.latencyObjectiveMillis());
                LoadGenerator<Predictor<NDList, NDList>, NDList> load = new LoadGenerator<>(settings, samples,
                        predictors, alone(model, specs, answers, manager), batch, outcomes);
                context.progress().accept(file.role() + ": warming up under the load for one window");
                load.warmUp();
                String description = description(settings);
                context.progress().accept(file.role() + ": " + description + ", " + intraOpThreads + " intra-op"
                        + " threads, in turns of " + settings.windowMillis() + " ms with the other model, "
                        + settings.durationMillis() / 1000.0 + " to " + settings.maxDurationMillis() / 1000.0 + " s");
                TurnMeter meter = new TurnMeter();
                SystemSampleBuilder sample = new SystemSampleBuilder(file.role(), description, intraOpThreads,
                        settings.windowMillis());
                serveTurns(context, turns, load, meter, sample);
                gpu.close(); // stops nvidia-smi and waits for its last lines, so the last turn has all its samples
                return sample.build(outcomes, gpu, meter.energyUnavailableReason());
            } finally {
                predictors.forEach(Predictor::close);
            }
        }
    }

    /** The longer of the two endpoints' request timeouts: how long the other worker may wait for a turn's end. */
    private static Duration longestRequest(BenchmarkPlan plan) {
        Duration a = plan.baseline().endpoint().requestTimeout();
        Duration b = plan.candidate().endpoint().requestTimeout();
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The load, in words: {@link SystemSample#load()}. */
    private static String description(SystemSettings settings) {
        String description = settings.openLoop()
                ? String.format(Locale.ROOT, "open loop, %.1f requests/s (Poisson), %d threads",
                        settings.arrivalRate(), settings.users())
                : "closed loop, " + settings.users() + " users, think time " + settings.thinkTimeMillis() + " ms";
        if (!settings.serving().generates()) {
            return description;
        }
        return description + (settings.serving() == SystemSettings.Serving.CONTINUOUS_BATCHING
                ? ", answers in one continuous batch of up to " + settings.users() + " (prefills on a second thread)"
                : ", answers decoded one at a time per thread");
    }

    /** How a thread serves a request alone: one forward pass, or one whole answer decoded alone. */
    private static LoadGenerator.Request<Predictor<NDList, NDList>, NDList> alone(LoadedModel model,
            List<InputSpec> specs, Answers answers, NDManager manager) {
        if (answers == null) {
            return (predictor, input, since) -> {
                model.predict(predictor, input, specs).close();
                return System.nanoTime();
            };
        }
        return (predictor, input, since) -> {
            answers.decodeAlone(model, predictor, input, specs, manager, since);
            return System.nanoTime();
        };
    }

    /**
     * Serves the load in this worker's turns until the comparison stops: one window per turn, metered,
     * into {@code sample}; every five seconds or so, a progress line. A turn in which every request failed
     * (a server that died, a model that throws on every input) stops both workers: more turns would only
     * count more failures, and the build ends within a turn of it.
     */
    static void serveTurns(SuiteContext context, Turns turns, LoadGenerator<?, ?> load, TurnMeter meter,
            SystemSampleBuilder sample) throws BenchmarkSetupException {
        long nextReport = System.nanoTime() + 5_000_000_000L;
        turns.ready();
        for (int k = 0; ; k++) {
            if (!turns.mine(k)) {
                continue;
            }
            if (!turns.awaitTurn(k)) {
                return;
            }
            FreeCores.Window cpu = FreeCores.open();
            LoadGenerator.Served served = load.serve(meter.start(), context.plan().seed() + k);
            TurnMeter.Cost cost = meter.stop();
            SystemSample.Window window = sample.addTurn(served, cost);
            turns.done(k, window.throughput(), cost.epochMillis(), cpu.close());
            if (served.completed() == 0 && served.failed() > 0) {
                context.progress().accept(String.format(Locale.ROOT, "%s: every request of turn %d failed (%d;"
                        + " by kind so far: %s): the model or its server is failing, so the load stops here and the"
                        + " failures are counted", context.model().role(), k, served.failed(),
                        load.outcomes().errorMessages()));
                turns.stop();
                return;
            }
            if (System.nanoTime() > nextReport) {
                nextReport = System.nanoTime() + 5_000_000_000L;
                context.progress().accept(String.format(Locale.ROOT, "%s: %d turns, %d requests, %d errors",
                        context.model().role(), sample.turns(), load.outcomes().completed(),
                        load.outcomes().failed()));
            }
        }
    }
}
