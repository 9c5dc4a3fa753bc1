package io.github.qwenbench.onnx;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * ONNX Runtime fixes a session's intra-op threads when it makes the session, while the suites change the
 * engine's threads between measurements (a scalability or hardware point at 2 threads, generation at 1).
 * This keeps one session (or set of sessions) per thread count, made the first time that count is asked
 * for (inside the warm-up that every measurement starts with) and kept until the model is closed.
 *
 * @param <T> what is opened per thread count
 */
final class SessionsByThreads<T extends AutoCloseable> implements AutoCloseable {

    /** Opens what runs at a thread count. */
    @FunctionalInterface
    interface Opener<T> {
        T open(int threads) throws BenchmarkSetupException;
    }

    private final IntSupplier threads;
    private final Opener<T> opener;
    private final Map<Integer, T> opened = new TreeMap<>();

    /**
     * @param threads the engine's current intra-op threads (the worker's declared conditions)
     * @param opener opens what runs at a thread count
     */
    SessionsByThreads(IntSupplier threads, Opener<T> opener) {
        this.threads = threads;
        this.opener = opener;
    }

    /** What runs at the engine's current thread count. */
    synchronized T current() throws BenchmarkSetupException {
        int n = Math.max(1, threads.getAsInt());
        T t = opened.get(n);
        if (t == null) {
            t = opener.open(n);
            opened.put(n, t);
        }
        return t;
    }

    /** What was opened so far, by thread count. */
    synchronized java.util.Collection<T> opened() {
        return java.util.List.copyOf(opened.values());
    }

    /** The thread counts opened so far. */
    synchronized java.util.Set<Integer> threadCounts() {
        return java.util.Set.copyOf(opened.keySet());
    }

    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        for (T t : opened.values()) {
            try {
                t.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
