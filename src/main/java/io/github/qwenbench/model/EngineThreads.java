package io.github.qwenbench.model;

import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.torchscript.TorchScript;
import java.util.List;

/**
 * The engine's intra-op threads for each run or point of a worker, declared rather than fitted to
 * the load: the pom's {@code engine/intraOpThreads} per calling thread, or 1 (set at run time with
 * DJL's {@code JniUtils.setNumThreads}); a thread-scaling point forces its own count. Each
 * measurement opens a {@link FreeCores.Window} and closes it into the {@link RunConditions} its gates
 * are judged under.
 */
public final class EngineThreads {

    private final EngineSettings engine;
    private final int engineDefault;
    private final List<String> warnings;

    public EngineThreads(EngineSettings engine, List<String> warnings) {
        this.engine = engine;
        this.engineDefault = TorchScript.intraOpThreads();
        this.warnings = warnings;
    }

    /** Sets the declared intra-op threads for {@code callers} threads calling the engine at once; returns them. */
    public int apply(String where, int callers) {
        warnIf(engine.oversubscription(where, callers, Runtime.getRuntime().availableProcessors()));
        return set(engine.intraOpThreadsPerCaller());
    }

    /** Sets the intra-op threads to {@code threads} (a thread-scaling point); returns them. */
    public int force(String where, int threads) {
        warnIf(threads > Runtime.getRuntime().availableProcessors() ? where + ": " + threads + " intra-op threads"
                + " exceed the machine's " + Runtime.getRuntime().availableProcessors() + " cores; the point decides"
                + " only when no other process takes CPU" : null);
        return set(threads);
    }

    /** Back to the engine's threads as the worker started. */
    public void restore() {
        set(engine.intraOpThreads() != null ? engine.intraOpThreads() : engineDefault);
    }

    private int set(int threads) {
        if (threads != TorchScript.intraOpThreads()) {
            TorchScript.setIntraOpThreads(threads);
        }
        return threads;
    }

    private void warnIf(String warning) {
        if (warning != null && !warnings.contains(warning)) {
            warnings.add(warning);
        }
    }
}
