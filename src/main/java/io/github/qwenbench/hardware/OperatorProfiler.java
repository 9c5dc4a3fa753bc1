package io.github.qwenbench.hardware;

import io.github.qwenbench.model.EngineRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs some work, typically inferences of a loaded model, under libtorch's autograd profiler (DJL's
 * {@code JniUtils.startProfile}/{@code stopProfile}) and returns its {@link OperatorProfile}.
 *
 * <p>libtorch's legacy profiler records the operators run on the thread that started it, and only
 * those: the work must call the engine on the calling thread (operators that a model runs on other
 * threads are missing from the profile). One profile runs at a time in the process: a second caller
 * waits, since two profiles would distort each other's times, and a profile started inside another
 * one is refused. The profile is always stopped and its trace file deleted, whatever the work throws.
 *
 * <p>CUDA timing stays off (DJL's trace writer does not support it): on a GPU the times are those of
 * the CPU side of each call, launching kernels, not of the kernels.
 */
public final class OperatorProfiler {

    /**
     * Work to profile.
     *
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }

    private static final ReentrantLock PROFILING = new ReentrantLock();

    private OperatorProfiler() {
    }

    /**
     * Profiles {@code work}, with input shapes recorded.
     *
     * @param inferences how many inferences {@code work} runs, for the per-inference figures
     * @param profileMemory whether to record allocations too (bytes per operator, and the output sizes
     *     the FLOPs of convolutions need)
     * @throws IllegalStateException when called inside {@code work} of another profile, when another
     *     profiler (not this class) was left running, or when {@code work} ran no operator on this thread
     */
    public static <E extends Exception> OperatorProfile profile(int inferences, boolean profileMemory, Work<E> work)
            throws E {
        OperatorProfile.requireInferences(inferences);
        PROFILING.lock();
        try {
            if (PROFILING.getHoldCount() > 1) {
                throw new IllegalStateException("An operator profile was started inside the work of another on"
                        + " the same thread; libtorch runs one profiler at a time: profile the two pieces of work"
                        + " one after the other.");
            }
            return profileAlone(inferences, profileMemory, work);
        } finally {
            PROFILING.unlock();
        }
    }

    private static <E extends Exception> OperatorProfile profileAlone(int inferences, boolean profileMemory,
            Work<E> work) throws E {
        Path trace = temporaryTrace();
        try {
            start(profileMemory);
            try {
                work.run();
            } catch (Exception | Error failure) {
                stopQuietly(trace, failure);
                throw failure;
            }
            EngineRuntime.stopProfile(trace);
            return read(trace, inferences, profileMemory);
        } finally {
            deleteQuietly(trace);
        }
    }

    private static OperatorProfile read(Path trace, int inferences, boolean profileMemory) {
        OperatorProfile profile;
        try {
            profile = OperatorProfile.read(trace, inferences, profileMemory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the profiler's trace " + trace + ": " + e.getMessage(), e);
        }
        if (profile.operators().isEmpty()) {
            throw new IllegalStateException("The profiled work ran no engine operator on the calling thread ("
                    + Thread.currentThread().getName() + "): libtorch's profiler records only that thread, so run"
                    + " the inferences there, not on another thread or executor.");
        }
        return profile;
    }

    private static void start(boolean profileMemory) {
        try {
            EngineRuntime.startProfile(profileMemory);
        } catch (RuntimeException e) {
            throw new IllegalStateException("libtorch's profiler would not start: " + e.getMessage() + ". Another"
                    + " caller of JniUtils.startProfile on this thread has not stopped its profile; stop it first.",
                    e);
        }
    }

    /** Stops the profile after {@code failure}, keeping the failure as the error to report. */
    private static void stopQuietly(Path trace, Throwable failure) {
        try {
            EngineRuntime.stopProfile(trace);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path temporaryTrace() {
        try {
            return Files.createTempFile("qwen-bench-operator-profile", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file for the profiler's trace: "
                    + e.getMessage() + ". Check that java.io.tmpdir is writable.", e);
        }
    }

    private static void deleteQuietly(Path trace) {
        try {
            Files.deleteIfExists(trace);
        } catch (IOException e) {
            trace.toFile().deleteOnExit();
        }
    }
}
