package io.github.qwenbench.plan;

/**
 * Validated engine settings.
 *
 * @param intraOpThreads intra-op threads, or null for the engine's default
 * @param interOpThreads inter-op threads, or null for the engine's default
 * @param graphOptimizer whether the TorchScript graph executor optimizer is on
 */
public record EngineSettings(Integer intraOpThreads, Integer interOpThreads, boolean graphOptimizer) {

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
