package io.github.qwenbench.worker;

import ai.djl.engine.Engine;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.model.EngineMessages;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.EngineRuntime;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.torchscript.TorchScript;
import io.github.qwenbench.workload.PreparedWorkload;
import io.github.qwenbench.workload.WorkloadCheck;
import io.github.qwenbench.workload.WorkloadInputs;
import io.github.qwenbench.workload.WorkloadPreparation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The forked worker: {@code WorkerMain <suite> <plan.json> <result.json>}. It configures and loads
 * the engine, runs one suite, and writes the suite's raw result atomically. {@code WorkerMain inputs
 * <plan.json> <result.json> <checkModels>} instead prepares the plan's workload: its samples written
 * for the suites' workers to read, and, when {@code checkModels}, every sample run once through each
 * model; the result is a {@link PreparedWorkload}. Progress lines go to
 * standard output behind {@link #PROGRESS}. A broken set-up exits with {@link #SETUP_ERROR} after
 * writing its message to {@code <result.json>.error}. A watchdog ends the worker with
 * {@link #PARENT_GONE} when the Maven process that started it is gone, and with {@link #TIMED_OUT}
 * at its {@code workerTimeout} deadline. Any other non-zero exit is a crash.
 */
public final class WorkerMain {

    /** Prefix of the progress lines the launcher relays to Maven's log. */
    public static final String PROGRESS = "[qwen-bench] ";

    /** Exit code of a broken set-up, explained in the error file. */
    public static final int SETUP_ERROR = 3;

    /**
     * Exit code of a worker whose parent, the Maven process that started it, is gone (killed with
     * SIGKILL, say, which runs none of Maven's shutdown hooks): nobody would read its result.
     */
    public static final int PARENT_GONE = 4;

    /** Exit code of a worker that stopped itself at its {@code workerTimeout} deadline. */
    public static final int TIMED_OUT = 5;

    /** The job that prepares a workload's samples, in place of a suite's name. */
    public static final String INPUTS = "inputs";

    private WorkerMain() {
    }

    public static void main(String[] args) {
        if (args.length == 4 && INPUTS.equals(args[0])) {
            WorkerWatchdog.fromSystemProperties().start();
            System.exit(prepareInputs(Path.of(args[1]), Path.of(args[2]), Boolean.parseBoolean(args[3])));
        }
        if (args.length != 3 && args.length != 5) {
            System.err.println("usage: WorkerMain <suite> <plan.json> <result.json> [<role> <repetition>]"
                    + " | WorkerMain inputs <plan.json> <result.json> <checkModels>");
            System.exit(2);
        }
        WorkerWatchdog.fromSystemProperties().start();
        String role = args.length == 5 ? args[3] : null;
        int repetition = args.length == 5 ? Integer.parseInt(args[4]) : 0;
        System.exit(run(Suite.named(args[0]), Path.of(args[1]), Path.of(args[2]), role, repetition));
    }

    /** Runs one suite in this JVM; returns the process exit code. */
    public static int run(Suite suite, Path planFile, Path resultFile, String role, int repetition) {
        try {
            BenchmarkPlan plan = Json.mapper().readValue(planFile.toFile(), BenchmarkPlan.class);
            SuiteResult result = execute(suite, plan, WorkerMain::progress, role, repetition);
            Json.writeAtomically(resultFile, result);
            return 0;
        } catch (BenchmarkSetupException e) {
            return writeError(resultFile, e.getMessage());
        } catch (IOException e) {
            return writeError(resultFile, "The worker could not read its plan or write " + resultFile + ": "
                    + e.getMessage());
        }
    }

    /** Prepares the plan's workload in this JVM; returns the process exit code. */
    public static int prepareInputs(Path planFile, Path resultFile, boolean checkModels) {
        try {
            BenchmarkPlan plan = Json.mapper().readValue(planFile.toFile(), BenchmarkPlan.class);
            Json.writeAtomically(resultFile, prepareInputs(plan, checkModels, WorkerMain::progress));
            return 0;
        } catch (BenchmarkSetupException e) {
            return writeError(resultFile, e.getMessage());
        } catch (IOException e) {
            return writeError(resultFile, "The worker could not read its plan or write " + resultFile + ": "
                    + e.getMessage());
        }
    }

    /**
     * Writes the samples of the plan's workload and, when {@code checkModels}, runs each once through
     * both models, so that a model that rejects one is named with it before any suite measures.
     */
    public static PreparedWorkload prepareInputs(BenchmarkPlan plan, boolean checkModels, Consumer<String> progress)
            throws BenchmarkSetupException {
        if (plan.workload() == null) {
            throw new IllegalArgumentException("the plan has no workload to prepare");
        }
        PreparedWorkload prepared = WorkloadPreparation.prepare(plan, progress);
        if (checkModels) {
            configureEngine(plan.engine());
            startEngine(plan.engine(), "workload", progress, false);
            WorkloadCheck.run(plan, progress);
        }
        return prepared;
    }

    /** Configures the engine, then runs a suite over both models and times it. */
    public static SuiteResult execute(Suite suite, BenchmarkPlan plan, Consumer<String> progress)
            throws BenchmarkSetupException {
        return execute(suite, plan, progress, null, 0);
    }

    /**
     * Configures the engine, then runs the suite and times it.
     *
     * @param role the one model to measure, or null for both
     * @param repetition the repetition's number, or 0
     */
    public static SuiteResult execute(Suite suite, BenchmarkPlan plan, Consumer<String> progress, String role,
            int repetition) throws BenchmarkSetupException {
        configureEngine(plan.engine());
        startEngine(plan.engine(), suite.id(), progress, plan.baseline().served());
        List<ModelFile> measured = role == null ? List.of(plan.baseline(), plan.candidate())
                : List.of("candidate".equals(role) ? plan.candidate() : plan.baseline());
        for (ModelFile model : measured) {
            if (model.onnx()) {
                progress.accept(suite.id() + ": the " + model.role() + " runs in "
                        + EngineRuntime.describe(model, plan.engine().device()));
            }
        }
        HostInfo host = TorchScript.describeHost(plan.engine());
        // served models take the workload's conversations as chat requests, not its prepared tensors
        InputFactory inputs = plan.workload() == null || plan.baseline().served()
                ? new TensorInputs(plan.inputs(), plan.seed())
                : WorkloadInputs.open(plan);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<String> warnings = new java.util.ArrayList<>();
        SuiteContext context = new SuiteContext(plan, inputs, progress, role, repetition, warnings);
        Object metrics = suite.newRunner().run(context);
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<ModelFile> models = measured.stream()
                .map(m -> m.withRuntime(EngineRuntime.describe(m, plan.engine().device()))).toList();
        return new SuiteResult(suite.id(), startedAt, millis, host, models, Json.mapper().valueToTree(metrics), warnings);
    }

    /**
     * Starts the engine, whose settings {@link #configureEngine} has set, and says which it is; for served models
     * it runs no model (it describes the host, and holds the arrays a workload's tokenizer makes), and the line
     * says that the worker is the servers' client.
     */
    private static void startEngine(EngineSettings settings, String job, Consumer<String> progress, boolean served)
            throws BenchmarkSetupException {
        Engine engine;
        try {
            engine = TorchScript.engine();
        } catch (RuntimeException e) {
            throw new BenchmarkSetupException("The PyTorch engine could not start: " + EngineMessages.rootCause(e)
                    + ". The plugin runs offline with the CPU natives on its classpath (pytorch-native-cpu);"
                    + " check that DJL_CACHE_DIR (default ~/.djl.ai) is writable.", e);
        }
        progress.accept(job + ": " + (served ? "the client of the served models (timed with System.nanoTime;"
                + " no model runs in this worker)" : engine.getEngineName() + " " + engine.getVersion() + " on "
                + settings.device()));
    }

    /** Engine settings are read once, when the engine loads: set them before anything touches it. */
    static void configureEngine(EngineSettings engine) {
        System.setProperty("ai.djl.offline", "true");
        TorchScript.configure(engine);
        System.setProperty(LoadedModel.DEVICE_PROPERTY, engine.device());
    }

    private static void progress(String line) {
        System.out.println(PROGRESS + line);
        System.out.flush();
    }

    static Path errorFile(Path resultFile) {
        return resultFile.resolveSibling(resultFile.getFileName() + ".error");
    }

    private static int writeError(Path resultFile, String message) {
        try {
            Files.writeString(errorFile(resultFile), message, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println(message);
        }
        return SETUP_ERROR;
    }
}
