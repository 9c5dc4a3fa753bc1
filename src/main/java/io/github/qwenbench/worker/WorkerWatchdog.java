package io.github.qwenbench.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a worker that nobody waits for any more. A CI server that stops a build with SIGKILL runs
 * none of Maven's shutdown hooks, so nothing kills the worker: it notices itself that the Maven
 * process that started it is gone. And it keeps {@code workerTimeout} as its own deadline, so that
 * a worker whose parent cannot kill it (frozen, or stopped) still ends. A daemon thread checks both
 * every {@link #INTERVAL}, also while other threads are inside a long native inference.
 */
final class WorkerWatchdog {

    /** How often the parent and the deadline are checked. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    /** How long {@code System.exit} may take (shutdown hooks, a native call) before the JVM is halted. */
    static final Duration HALT_GRACE = Duration.ofSeconds(2);

    static final String PARENT_PID = "qwen-bench.parent.pid";
    static final String PARENT_START = "qwen-bench.parent.start";
    static final String DEADLINE = "qwen-bench.deadline";

    /** Why the worker stops: its exit code and the line it writes to standard error. */
    record Stop(int exitCode, String message) {
    }

    private final long parentPid;
    private final Instant parentStart;
    private final Instant deadline;

    /**
     * @param parentPid the process that started the worker, or -1 not to watch it
     * @param parentStart that process's start, to tell it from a later process with the same id, or null
     * @param deadline when the worker must have finished, or null for none
     */
    WorkerWatchdog(long parentPid, Instant parentStart, Instant deadline) {
        this.parentPid = parentPid;
        this.parentStart = parentStart;
        this.deadline = deadline;
    }

    /** The launcher's side: JVM arguments that name this process as the parent, and the deadline. */
    static List<String> jvmArguments(Instant deadline) {
        ProcessHandle self = ProcessHandle.current();
        List<String> arguments = new ArrayList<>();
        arguments.add("-D" + PARENT_PID + "=" + self.pid());
        self.info().startInstant().ifPresent(start -> arguments.add("-D" + PARENT_START + "=" + start));
        arguments.add("-D" + DEADLINE + "=" + deadline);
        return arguments;
    }

    /** The worker's side: the watchdog the launcher's {@link #jvmArguments} describe. */
    static WorkerWatchdog fromSystemProperties() {
        String pid = System.getProperty(PARENT_PID);
        String start = System.getProperty(PARENT_START);
        String deadline = System.getProperty(DEADLINE);
        return new WorkerWatchdog(pid == null ? -1 : Long.parseLong(pid), start == null ? null : Instant.parse(start),
                deadline == null ? null : Instant.parse(deadline));
    }

    /** Starts the checks on a daemon thread. Only {@code WorkerMain.main} calls this: it ends the JVM. */
    void start() {
        Thread thread = new Thread(() -> {
            while (true) {
                Optional<Stop> stop = check(Instant.now());
                if (stop.isPresent()) {
                    stop(stop.get());
                    return;
                }
                LockSupport.parkNanos(INTERVAL.toNanos());
            }
        }, "qwen-bench-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the worker must stop at {@code now}, and why. */
    Optional<Stop> check(Instant now) {
        if (parentPid >= 0 && !parentAlive()) {
            return Optional.of(new Stop(WorkerMain.PARENT_GONE, "The Maven process that started this worker (pid "
                    + parentPid + ") is gone; the worker stops, since nobody will read its result."));
        }
        if (deadline != null && !now.isBefore(deadline)) {
            return Optional.of(new Stop(WorkerMain.TIMED_OUT, "The worker reached its workerTimeout deadline ("
                    + deadline + ") and stops itself."));
        }
        return Optional.empty();
    }

    /**
     * The parent counts as alive while it is still this process's parent: a killed parent stays a
     * zombie (its pid still answers) until its own parent reaps it, but the kernel hands its children
     * to another process at once. The start time tells a later process that got the same pid.
     */
    private boolean parentAlive() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return parent.isPresent() && parent.get().pid() == parentPid && parent.get().isAlive()
                && (parentStart == null || parent.get().info().startInstant().map(parentStart::equals).orElse(true));
    }

    /**
     * Exits with the stop's code; a halt follows after {@link #HALT_GRACE} if {@code System.exit}
     * does not return (a hanging shutdown hook, or an exit already under way on another thread).
     */
    private static void stop(Stop stop) {
        System.err.println(stop.message());
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_GRACE.toMillis());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; halt at once if someone does.
            }
            Runtime.getRuntime().halt(stop.exitCode());
        }, "qwen-bench-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(stop.exitCode());
    }
}
