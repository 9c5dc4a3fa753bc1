package io.github.qwenbench.performance;

import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;

/**
 * What the performance suite measured.
 *
 * @param models per model: load, cold start, warm latency distribution and throughput
 * @param speedup baseline latency over candidate latency, with its interval
 * @param method how the speedup and its interval were computed
 * @param stop why measuring stopped: decided, or which budget was spent
 * @param blockSize inferences per block
 * @param baselineBlockMillis the baseline's block medians, in measuring order
 * @param candidateBlockMillis the candidate's block medians, paired with the baseline's
 * @param intraOpThreads the engine's intra-op threads while measuring
 * @param conditions the declared threads and the cores other processes left free while measuring
 * @param orderSeed the seed of the block order
 */
public record PerformanceMetrics(List<ModelPerformance> models, RatioInterval speedup, String method,
        SequentialComparison.Stop stop, int blockSize,
        List<Double> baselineBlockMillis, List<Double> candidateBlockMillis, int intraOpThreads,
        RunConditions conditions, long orderSeed) {

    /** How the speedup is computed; recorded in every result. */
    public static final String METHOD = "Blocks of consecutive inferences, sized from the models' measured cost, in "
            + PairOrder.DESIGN + ", in one worker on the same inputs; each block is summarized by its median latency."
            + " speedup = median over pairs (four blocks) of (baseline's two block medians summed / candidate's), with one-sided"
            + " anytime-valid confidence sequences for each bound; measuring goes on, pair by pair, until the interval"
            + " clears minSpeedup or the budget (minPairs to maxPairs, maxDuration) is spent. When the declared threads"
            + " needed more cores than other processes left free, the gate is INCONCLUSIVE as busy.";

    /**
     * @param role baseline or candidate
     * @param loadMillis time the engine took to load the model
     * @param coldMillis the first inference after loading
     * @param warmupIterations un-measured inferences before measuring
     * @param latency the warm latency distribution
     * @param inferencesPerSecond 1000 / mean latency (one inference at a time)
     * @param samplesPerSecond inferences per second times the batch size
     * @param batchSize the first dimension of the first input
     */
    public record ModelPerformance(String role, double loadMillis, double coldMillis, int warmupIterations,
            LatencySummary latency, double inferencesPerSecond, double samplesPerSecond, long batchSize) {
    }
}
