package io.github.qwenbench.worker;

import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.suite.Workers;
import io.github.qwenbench.workload.PreparedWorkload;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a suite in a forked JVM, so that Maven's own heap and threads stay out of the measurements
 * and a native crash, an out-of-memory kill or a hang becomes a clear error instead of a dead or
 * stuck Maven. The worker is killed when it outlives its timeout, and when Maven itself exits; should
 * Maven die without running its shutdown hooks (SIGKILL), the worker's own watchdog ends it.
 */
public final class WorkerLauncher {

    private static final int OUTPUT_TAIL = 15;

    private final List<Path> classpath;
    private final List<String> jvmArguments;
    private final Duration timeout;
    private final Path workDirectory;
    private final WorkerLog log;
    private final Map<String, String> environment;

    /**
     * @param classpath the worker's classpath: the plugin and its runtime dependencies
     * @param jvmArguments extra worker JVM arguments ({@code <jvmArgs>})
     * @param timeout how long one suite may run ({@code <workerTimeout>})
     * @param workDirectory where the plan and raw results are exchanged
     * @param log receives the worker's progress and output
     */
    public WorkerLauncher(List<Path> classpath, List<String> jvmArguments, Duration timeout, Path workDirectory,
            WorkerLog log) {
        this(classpath, jvmArguments, timeout, workDirectory, log, Map.of());
    }

    /** How long one suite's worker may run ({@code <workerTimeout>}). */
    public Duration timeout() {
        return timeout;
    }

    private WorkerLauncher(List<Path> classpath, List<String> jvmArguments, Duration timeout, Path workDirectory,
            WorkerLog log, Map<String, String> environment) {
        this.classpath = List.copyOf(classpath);
        this.jvmArguments = List.copyOf(jvmArguments);
        this.timeout = timeout;
        this.workDirectory = workDirectory;
        this.log = log;
        this.environment = Map.copyOf(environment);
    }

    /** A launcher whose workers also get {@code variables} in their environment (over Maven's own). */
    public WorkerLauncher withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.putAll(variables);
        return new WorkerLauncher(classpath, jvmArguments, timeout, workDirectory, log, all);
    }

    /** A launcher whose workers start with {@code arguments} before the configured ones (which win). */
    public WorkerLauncher withLeadingJvmArguments(List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(jvmArguments);
        return new WorkerLauncher(classpath, all, timeout, workDirectory, log, environment);
    }

    /**
     * Memory and system workers: a fixed, pre-touched heap, so heap growth is not read as the model's; and the
     * C1 compiler only, because C2's compilation arenas landed in whichever phase it happened to run
     * (seen here: after-load readings of one model 12 MiB apart; with C1 only, within 0.6 MiB).
     */
    public static final List<String> STEADY_MEMORY_JVM_ARGUMENTS = List.of("-Xms128m", "-Xmx128m",
            "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1");

    /** A launcher whose workers get {@link #STEADY_MEMORY_JVM_ARGUMENTS} (the pom's jvmArgs come later and win). */
    public WorkerLauncher withSteadyMemory() {
        return withLeadingJvmArguments(STEADY_MEMORY_JVM_ARGUMENTS);
    }

    /** The workers of {@code suite}, as the suite asks for them. */
    public Workers forSuite(Suite suite) {
        WorkerLauncher launcher = this;
        return new Workers() {
            @Override
            public String suite() {
                return suite.id();
            }

            @Override
            public SuiteResult run(BenchmarkPlan plan, String role, int repetition) throws BenchmarkSetupException {
                return launcher.run(suite, plan, role, repetition);
            }

            @Override
            public List<SuiteResult> runTogether(BenchmarkPlan plan, List<String> roles)
                    throws BenchmarkSetupException {
                return launcher.runTogether(suite, plan, roles);
            }

            @Override
            public Workers withSteadyMemory() {
                return launcher.withSteadyMemory().forSuite(suite);
            }

            @Override
            public Workers withEnvironment(Map<String, String> variables) {
                return launcher.withEnvironment(variables).forSuite(suite);
            }

            @Override
            public Workers withSystemProperty(String name, String value) {
                return launcher.withLeadingJvmArguments(List.of("-D" + name + "=" + value)).forSuite(suite);
            }

            @Override
            public Path newScratchDirectory(String name) throws BenchmarkSetupException {
                return launcher.newScratchDirectory(name);
            }
        };
    }

    /** Runs {@code suite} of {@code plan} over both models in a fresh worker JVM. */
    public SuiteResult run(Suite suite, BenchmarkPlan plan) throws BenchmarkSetupException {
        return run(suite, plan, null, 0);
    }

    /**
     * Runs {@code suite} of {@code plan} in a fresh worker JVM and returns what it measured.
     *
     * @param role the one model the worker measures, or null for both
     * @param repetition the repetition's number, or 0
     */
    public SuiteResult run(Suite suite, BenchmarkPlan plan, String role, int repetition)
            throws BenchmarkSetupException {
        return launch(suite.id(), suite.id() + (role == null ? "" : "-" + role + "-" + repetition), plan,
                role == null ? List.of() : List.of(role, String.valueOf(repetition)), SuiteResult.class);
    }

    /**
     * Prepares the workload of {@code plan} in a fresh worker JVM (the tokenizer is native code): its
     * samples written where the suites' workers read them and, when {@code checkModels}, every sample
     * run once through each model.
     */
    public PreparedWorkload prepareWorkload(BenchmarkPlan plan, boolean checkModels) throws BenchmarkSetupException {
        return launch(WorkerMain.INPUTS, WorkerMain.INPUTS, plan, List.of(String.valueOf(checkModels)),
                PreparedWorkload.class);
    }

    /**
     * Runs one worker job: {@code job} is its first argument (a suite or {@link WorkerMain#INPUTS}),
     * {@code extraArguments} follow the plan and result files, and the result file holds a {@code type}.
     */
    private <T> T launch(String job, String name, BenchmarkPlan plan, List<String> extraArguments, Class<T> type)
            throws BenchmarkSetupException {
        String unique = name + "-" + launchId();
        Path planFile = workDirectory.resolve(unique + "-plan.json");
        Path resultFile = workDirectory.resolve(unique + "-raw.json");
        Path errorFile = WorkerMain.errorFile(resultFile);
        try {
            Files.createDirectories(workDirectory);
            Json.writeAtomically(planFile, plan);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot prepare the worker's files in " + workDirectory + ": "
                    + e.getMessage(), e);
        }
        try {
            List<String> command = command(job, planFile, resultFile, Instant.now().plus(timeout));
            command.addAll(extraArguments);
            Deque<String> outputTail = new ArrayDeque<>();
            int exit = launch(job, command, outputTail);
            return result(job, exit, resultFile, errorFile, outputTail, type);
        } finally {
            deleteQuietly(planFile, resultFile, errorFile);
        }
    }

    /** Starts the worker and waits for it; returns its exit code. */
    private int launch(String job, List<String> command, Deque<String> outputTail) throws BenchmarkSetupException {
        log.debug("Worker command: " + String.join(" ", command));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot start the benchmark worker JVM (" + command.get(0) + "): "
                    + e.getMessage(), e);
        }
        Thread killer = new Thread(process::destroyForcibly, "qwen-bench-worker-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        Thread out = relay(process.getInputStream(), line -> {
            if (line.startsWith(WorkerMain.PROGRESS)) {
                log.info(line.substring(WorkerMain.PROGRESS.length()));
            } else {
                remember(outputTail, line);
                log.debug("[worker] " + line);
            }
        }, "qwen-bench-worker-stdout");
        Thread err = relay(process.getErrorStream(), line -> {
            remember(outputTail, line);
            log.debug("[worker stderr] " + line);
        }, "qwen-bench-worker-stderr");
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            join(out, err);
            if (!finished || process.exitValue() == WorkerMain.TIMED_OUT) {
                throw new BenchmarkSetupException("The " + job + " worker did not finish within workerTimeout ("
                        + timeout.toSeconds() + " s) and was stopped. Raise <workerTimeout> (-Dqwen-bench.workerTimeout"
                        + "=SECONDS) or make the run smaller (fewer samples or iterations)." + tail(outputTail));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkSetupException("Interrupted while waiting for the " + job + " worker; it was killed.",
                    e);
        } finally {
            removeHook(killer);
        }
        return process.exitValue();
    }

    /**
     * Runs one worker per role at the same time (e.g. the system suite's two workers, which take
     * turns) and returns their results in the order of {@code roles}. When one fails, the others are
     * killed and the first failure is reported.
     */
    public List<SuiteResult> runTogether(Suite suite, BenchmarkPlan plan, List<String> roles)
            throws BenchmarkSetupException {
        ExecutorService pool = Executors.newFixedThreadPool(roles.size());
        ExecutorCompletionService<SuiteResult> done = new ExecutorCompletionService<>(pool);
        Map<Future<SuiteResult>, Integer> order = new HashMap<>();
        try {
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                order.put(done.submit(() -> run(suite, plan, role, 1)), i);
            }
            SuiteResult[] results = new SuiteResult[roles.size()];
            for (int i = 0; i < roles.size(); i++) {
                Future<SuiteResult> finished = done.take();
                try {
                    results[order.get(finished)] = finished.get();
                } catch (ExecutionException e) {
                    order.keySet().forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof BenchmarkSetupException setup) {
                        throw setup;
                    }
                    throw new BenchmarkSetupException("A " + suite.id() + " worker failed: " + e.getCause(), e.getCause());
                }
            }
            return List.of(results);
        } catch (InterruptedException e) {
            order.keySet().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new BenchmarkSetupException("Interrupted while waiting for the " + suite.id() + " workers.", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fresh, empty directory under the work directory, for files the workers share. */
    public Path newScratchDirectory(String name) throws BenchmarkSetupException {
        try {
            Files.createDirectories(workDirectory);
            return Files.createTempDirectory(workDirectory, name + "-");
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot create a directory in " + workDirectory + ": " + e.getMessage(), e);
        }
    }

    private <T> T result(String job, int exit, Path resultFile, Path errorFile, Deque<String> outputTail,
            Class<T> type) throws BenchmarkSetupException {
        try {
            if (exit == WorkerMain.SETUP_ERROR && Files.isRegularFile(errorFile)) {
                throw new BenchmarkSetupException(Files.readString(errorFile, StandardCharsets.UTF_8));
            }
            if (exit != 0) {
                throw new BenchmarkSetupException("The " + job + " worker JVM died with exit code " + exit
                        + describeExit(exit) + " before it finished; no result was written." + tail(outputTail));
            }
            if (!Files.isRegularFile(resultFile)) {
                throw new BenchmarkSetupException("The " + job + " worker exited normally but wrote no result ("
                        + resultFile + ")." + tail(outputTail));
            }
            return Json.mapper().readValue(resultFile.toFile(), type);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read the " + job + " worker's result " + resultFile + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Tells this launch's files from those of any other run: a worker orphaned by an earlier, killed
     * build may still write its result, and must not write it where this launch reads.
     */
    private static String launchId() {
        return String.format("%x-%08x", System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left behind in target/: harmless, no later launch reads another launch's files.
            }
        }
    }

    /** The worker's command line; the watchdog's arguments come after the configured ones, so they win. */
    List<String> command(String job, Path planFile, Path resultFile, Instant deadline) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.addAll(WorkerWatchdog.jvmArguments(deadline));
        command.add("-Dai.djl.offline=true");
        command.add("-Dslf4j.internal.verbosity=ERROR");
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(WorkerMain.class.getName());
        command.add(job);
        command.add(planFile.toString());
        command.add(resultFile.toString());
        return command;
    }

    /** Keeps the last lines the worker wrote, other than progress, for the error message. */
    private static void remember(Deque<String> tail, String line) {
        synchronized (tail) {
            if (tail.size() == OUTPUT_TAIL) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }

    private static Thread relay(InputStream stream, Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The worker closed its end: nothing more to relay.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread... threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Maven is shutting down already; the hook kills the worker.
        }
    }

    private static String describeExit(int exit) {
        if (exit == 137) {
            return " (killed with SIGKILL: often the kernel's out-of-memory killer, or a kill -9)";
        }
        if (exit == 134) {
            return " (aborted: often a native crash in the engine)";
        }
        if (exit == 139) {
            return " (segmentation fault in native code)";
        }
        if (exit == WorkerMain.PARENT_GONE) {
            return " (the worker found the Maven process that started it gone)";
        }
        if (exit > 128) {
            return " (killed by signal " + (exit - 128) + ")";
        }
        return "";
    }

    private static String tail(Deque<String> outputTail) {
        synchronized (outputTail) {
            if (outputTail.isEmpty()) {
                return "";
            }
            return " Last lines the worker wrote:\n  " + String.join("\n  ", outputTail);
        }
    }
}
