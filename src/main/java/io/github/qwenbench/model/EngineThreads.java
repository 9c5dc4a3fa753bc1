package io.github.qwenbench.model;

import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.torchscript.TorchScript;
import java.util.List;
import java.util.Locale;

/**
 * The engine's intra-op threads for each run or point of a worker: the pom's setting when there is
 * one; otherwise the engine's default, unless the threads calling the engine at once times that
 * would oversubscribe the cores that other processes leave free ({@link FreeCores}), then
 * {@code max(1, free / callers)}, set at run time (DJL's {@code JniUtils.setNumThreads}). Every
 * adjustment, and every oversubscription the pom asks for, becomes a warning in the results.
 */
public final class EngineThreads {

    private final EngineSettings engine;
    private final FreeCores cores;
    private final int engineDefault;
    private final List<String> warnings;

    public EngineThreads(EngineSettings engine, FreeCores cores, List<String> warnings) {
        this.engine = engine;
        this.cores = cores;
        this.engineDefault = TorchScript.intraOpThreads();
        this.warnings = warnings;
    }

    /** Sets the intra-op threads for {@code callers} threads calling the engine at once; returns them. */
    public int apply(String where, int callers) {
        int free = cores.free();
        String warning = engine.oversubscription(where, callers, free);
        if (warning == null && engine.intraOpThreads() == null && free < cores.cores()
                && callers * engineDefault > free) {
            warning = String.format(Locale.ROOT, "other processes kept %.1f of %d cores busy before the suite, so"
                    + " the engine's intra-op threads were fitted to the %d free core(s) instead of the engine's %d"
                    + " (the results record them for every run and point): both models share the CPU that is free,"
                    + " which keeps their comparison steady; set engine/intraOpThreads to choose",
                    cores.busyElsewhere(), cores.cores(), free, engineDefault);
        }
        if (warning != null && !warnings.contains(warning)) {
            warnings.add(warning);
        }
        int effective = engine.intraOpThreadsFor(callers, engineDefault, free);
        if (effective != TorchScript.intraOpThreads()) {
            TorchScript.setIntraOpThreads(effective);
        }
        return effective;
    }

    /**
     * Sets the intra-op threads to {@code threads} whatever the free cores (a thread-scaling point),
     * with a warning when they exceed the cores other processes leave free; returns them.
     */
    public int force(String where, int threads) {
        if (threads > cores.free()) {
            String warning = String.format(Locale.ROOT, "%s: %d intra-op threads on %d free core(s) take turns on"
                    + " the CPU; its figures measure contention and its ratio is not gated", where, threads,
                    cores.free());
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
        }
        if (threads != TorchScript.intraOpThreads()) {
            TorchScript.setIntraOpThreads(threads);
        }
        return threads;
    }

    /**
     * Whether {@code callers} threads exceed the cores other processes leave free: then they take
     * turns on the CPU whatever the engine's threads, and their latencies follow the scheduler.
     */
    public boolean contended(int callers) {
        return callers > cores.free();
    }

    /** Back to the engine's threads. */
    public void restore() {
        int threads = engine.intraOpThreads() != null ? engine.intraOpThreads() : engineDefault;
        if (TorchScript.intraOpThreads() != threads) {
            TorchScript.setIntraOpThreads(threads);
        }
    }
}
