package io.github.qwenbench.scalability;

import ai.djl.pytorch.jni.JniUtils;
import io.github.qwenbench.plan.EngineSettings;
import java.util.List;

/**
 * Keeps concurrency points from oversubscribing the cores: each point runs with the intra-op threads
 * {@link EngineSettings#intraOpThreadsFor} gives (set at run time, recorded in the result), and a
 * point the pom's own setting oversubscribes is warned about.
 */
final class ThreadBudget {

    private final EngineSettings engine;
    private final int engineDefault;
    private final int cores;
    private final List<String> warnings;

    ThreadBudget(EngineSettings engine, int engineDefault, int cores, List<String> warnings) {
        this.engine = engine;
        this.engineDefault = engineDefault;
        this.cores = cores;
        this.warnings = warnings;
    }

    /** Sets the point's intra-op threads; returns them. */
    int apply(Point point) {
        String warning = engine.oversubscription(point.name(), point.threads(), cores);
        if (warning != null && !warnings.contains(warning)) {
            warnings.add(warning);
        }
        int effective = engine.intraOpThreadsFor(point.threads(), engineDefault, cores);
        if (effective != JniUtils.getNumThreads()) {
            JniUtils.setNumThreads(effective);
        }
        return effective;
    }

    /** Back to the engine's threads after a point. */
    void restore() {
        int threads = engine.intraOpThreads() != null ? engine.intraOpThreads() : engineDefault;
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** What the budget needs to know of a point. */
    interface Point {
        String name();

        int threads();
    }
}
