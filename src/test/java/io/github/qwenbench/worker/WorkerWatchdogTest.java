package io.github.qwenbench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.PerformanceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's watchdog: its checks, then real workers whose parent is killed with SIGKILL. */
class WorkerWatchdogTest {

    private static final Duration EXIT_LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private static final ProcessHandle PARENT = ProcessHandle.current().parent().orElseThrow();

    private static Instant parentStart() {
        return PARENT.info().startInstant().orElseThrow();
    }

    @Test
    void goesOnWhileItsParentLivesAndTheDeadlineIsAhead() {
        WorkerWatchdog watchdog = new WorkerWatchdog(PARENT.pid(), parentStart(), Instant.now().plusSeconds(60));
        assertEquals(Optional.empty(), watchdog.check(Instant.now()));
    }

    @Test
    void aProcessWithTheParentsPidButAnotherStartIsNotTheParent() {
        WorkerWatchdog watchdog = new WorkerWatchdog(PARENT.pid(), parentStart().minusSeconds(1), null);
        assertEquals(WorkerMain.PARENT_GONE, watchdog.check(Instant.now()).orElseThrow().exitCode());
    }

    @Test
    void aLiveProcessThatIsNotTheParentDoesNotCount() {
        WorkerWatchdog watchdog = new WorkerWatchdog(ProcessHandle.current().pid(), null, null);
        WorkerWatchdog.Stop stop = watchdog.check(Instant.now()).orElseThrow();
        assertEquals(WorkerMain.PARENT_GONE, stop.exitCode());
        assertTrue(stop.message().contains("pid " + ProcessHandle.current().pid() + ") is gone"), stop.message());
    }

    @Test
    void stopsAtTheDeadline() {
        Instant deadline = Instant.now();
        WorkerWatchdog watchdog = new WorkerWatchdog(-1, null, deadline);
        assertEquals(Optional.empty(), watchdog.check(deadline.minusMillis(1)));
        WorkerWatchdog.Stop stop = watchdog.check(deadline).orElseThrow();
        assertEquals(WorkerMain.TIMED_OUT, stop.exitCode());
        assertTrue(stop.message().contains("workerTimeout deadline (" + deadline + ")"), stop.message());
    }

    @Test
    void aWorkerStopsItselfAtItsDeadline() throws Exception {
        PerformanceConfig performance = new PerformanceConfig();
        // measuring for far longer than the 4 s deadline: 5000 pairs of one-inference blocks before the first look,
        // under a ceiling they fit in even when other tests slow an inference fivefold (else it stops as too costly)
        performance.setMinPairs(5_000);
        performance.setMaxPairs(5_000);
        performance.setMaxDuration("10m");
        Path plan = work.resolve("plan.json");
        Json.writeAtomically(plan, TestModels.plan("baseline.pt", new AccuracyConfig(), performance));
        Path result = work.resolve("raw.json");
        Process worker = new ProcessBuilder(javaCommand("-D" + WorkerWatchdog.DEADLINE + "="
                + Instant.now().plusSeconds(4), WorkerMain.class.getName(), "performance", plan.toString(),
                result.toString())).redirectErrorStream(true).start();
        try {
            String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker ended: " + output);
            assertEquals(WorkerMain.TIMED_OUT, worker.exitValue(), output);
            assertTrue(output.contains("workerTimeout deadline"), output);
            assertTrue(!Files.exists(result), "no result");
        } finally {
            worker.destroyForcibly();
        }
    }

    @Test
    void aWorkerWhoseParentIsKilledDuringWarmUpExits() throws Exception {
        Duration exit = killParentWhen("performance", line -> line.startsWith("warm-up"), Duration.ZERO);
        assertTrue(exit.compareTo(EXIT_LIMIT) < 0, "the worker exited " + exit.toMillis() + " ms after its parent");
    }

    @Test
    void aWorkerWhoseParentVanishesDuringTheSystemLoadExits() throws Exception {
        Duration exit = killParentWhen("system", line -> line.startsWith("baseline: closed loop"),
                Duration.ofSeconds(2));
        assertTrue(exit.compareTo(EXIT_LIMIT) < 0, "the worker exited " + exit.toMillis() + " ms after its parent");
    }

    /**
     * Runs {@link StandInMavenParent} on {@code suite}, kills it with SIGKILL {@code delay} after it
     * relays the progress line {@code trigger} names, and returns how long its worker outlived it.
     */
    private Duration killParentWhen(String suite, java.util.function.Predicate<String> trigger, Duration delay)
            throws Exception {
        Process parent = new ProcessBuilder(javaCommand(StandInMavenParent.class.getName(), suite, work.toString()))
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException e) {
                // The parent was killed.
            }
        });
        reader.setDaemon(true);
        reader.start();
        List<ProcessHandle> workers = List.of();
        try {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            String line;
            do {
                line = lines.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertTrue(line != null && parent.isAlive(), "the run got to its " + suite + " phase: " + lines);
            } while (!trigger.test(line));
            Thread.sleep(delay.toMillis());
            workers = parent.toHandle().children().toList();
            assertTrue(!workers.isEmpty(), "the parent started its workers");
            long killed = System.nanoTime();
            parent.toHandle().destroyForcibly();
            while (!workers.stream().allMatch(WorkerWatchdogTest::exited)
                    && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(5);
            }
            Duration exit = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf("%s: %d worker(s) exited %d ms after their parent was killed with SIGKILL%n", suite,
                    workers.size(), exit.toMillis());
            return exit;
        } finally {
            parent.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Gone, or a zombie that its new parent has not reaped yet (Linux reparents orphans to a reaper). */
    private static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return !process.isAlive();
        }
    }

    private static List<String> javaCommand(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dqwenbench.testModels=" + TestModels.directory(), "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        return command;
    }
}
