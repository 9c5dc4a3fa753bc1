package io.github.qwenbench.plan;

/**
 * Validated engine settings.
 *
 * @param intraOpThreads intra-op threads, or null for the engine's default
 * @param interOpThreads inter-op threads, or null for the engine's default
 * @param graphOptimizer whether the TorchScript graph executor optimizer is on
 */
public record EngineSettings(Integer intraOpThreads, Integer interOpThreads, boolean graphOptimizer) {

    /**
     * The intra-op threads for {@code callers} threads calling the engine at once: the pom's setting
     * when there is one; otherwise the engine's default, unless callers times it would oversubscribe
     * the cores, then {@code max(1, cores / callers)}.
     */
    public int intraOpThreadsFor(int callers, int engineDefault, int cores) {
        if (intraOpThreads != null) {
            return intraOpThreads;
        }
        return callers * engineDefault <= cores ? engineDefault : Math.max(1, cores / callers);
    }

    /** A warning when the pom's threads, or the callers alone, oversubscribe the cores; null when they fit. */
    public String oversubscription(String where, int callers, int cores) {
        if (callers > cores) {
            return String.format(java.util.Locale.ROOT, "%s: %d threads on %d cores compete for the CPU whatever the"
                    + " engine's threads; its figures measure contention", where, callers, cores);
        }
        if (intraOpThreads != null && callers * intraOpThreads > cores) {
            return String.format(java.util.Locale.ROOT, "%s: %d threads x engine/intraOpThreads %d oversubscribe %d"
                    + " cores; leave intraOpThreads unset to let the plugin use %d per thread", where, callers,
                    intraOpThreads, cores, Math.max(1, cores / callers));
        }
        return null;
    }

    public static EngineSettings from(EngineConfig config) throws BenchmarkSetupException {
        if (config == null) {
            return new EngineSettings(null, null, true);
        }
        if (config.getIntraOpThreads() != null) {
            Thresholds.atLeast("engine/intraOpThreads", config.getIntraOpThreads(), 1);
        }
        if (config.getInterOpThreads() != null) {
            Thresholds.atLeast("engine/interOpThreads", config.getInterOpThreads(), 1);
        }
        return new EngineSettings(config.getIntraOpThreads(), config.getInterOpThreads(), config.isGraphOptimizer());
    }
}
