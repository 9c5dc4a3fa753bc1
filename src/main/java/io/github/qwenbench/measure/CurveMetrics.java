package io.github.qwenbench.measure;

import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;

/**
 * The curves the scalability suite measured, as arrays ready to plot.
 *
 * @param curves one per sweep: batch sizes, concurrency levels, each input-size sweep
 * @param intraOpThreads the engine's intra-op threads outside concurrency points
 * @param method how points, ratios and derived figures were computed
 * @param batching how the batches were formed when it was not by plain stacking (a workload's
 *        conversations of different lengths), else null
 */
public record CurveMetrics(List<Curve> curves, int intraOpThreads, String method, String batching) {

    public static final String METHOD = "At every point both models run in " + PairOrder.DESIGN + ", on the same"
            + " inputs, with blocks sized from the point's measured cost. Throughput counts samples per second (a batch"
            + " of b counts b). The throughput ratio is candidate over baseline: the median over pairs of four blocks (each model's two summed), with"
            + " one-sided anytime-valid confidence sequences for each bound; each point measures on, pair by pair,"
            + " until the interval clears minThroughputRatio or its budget (minPairs to maxPairs, its share of the"
            + " suite's maxDuration) is spent. A point whose declared threads needed more cores than other processes"
            + " left free while it was measured is INCONCLUSIVE as busy. Scaling"
            + " efficiency is the throughput gain over the first point divided by the size factor. Consistency is"
            + " the coefficient of variation of block throughputs. The growth exponent is the slope of log latency"
            + " against log size. The knee is the first level past which throughput gains less than 10% while p99"
            + " keeps rising.";

    /**
     * @param kind batch, concurrency or input-size
     * @param axis what varies: {@code batch}, {@code threads}, or {@code input[dimension]}
     * @param sizes the values along the curve
     * @param models per model, aligned with sizes
     * @param throughputRatio candidate over baseline at each size
     * @param stops why measuring stopped at each size: decided, or which budget was spent
     * @param intraOpThreads the engine's intra-op threads at each size (null for served models)
     * @param conditions at each size, the declared threads and the cores other processes left free
     *        while it was measured; where they did not fit, its gates are INCONCLUSIVE as busy (null for
     *        served models: their server is the system under test)
     * @param blockSizes inferences per block (per thread) at each size, sized from the measured cost
     * @param orderSeeds the seed of each point's block order (A B B A or B A A B per four blocks)
     * @param unit what throughput counts per second: {@code samples/s} (a batch of b counts b), or
     *        {@code answers/s} for served models (one streamed answer to a conversation); null in results
     *        written before it was kept (samples)
     */
    public record Curve(String kind, String axis, List<Integer> sizes, List<ModelCurve> models,
            List<RatioInterval> throughputRatio, List<SequentialComparison.Stop> stops, List<Integer> intraOpThreads,
            List<RunConditions> conditions, List<Integer> blockSizes, List<Long> orderSeeds, String unit) {

        /** Whether the machine left fewer cores free than the point at {@code index} needed. */
        public boolean busy(int index) {
            return conditions != null && conditions.get(index) != null && !conditions.get(index).fit();
        }

        @Override
        public String unit() {
            return unit == null ? "samples/s" : unit;
        }

        public String point(int index) {
            return axis + "=" + sizes.get(index);
        }
    }

    /**
     * @param role baseline or candidate
     * @param samplesPerSecond throughput at each size, in the curve's {@link Curve#unit}
     * @param p50Millis median latency per inference
     * @param p99Millis 99th percentile latency
     * @param latencyCoefficientOfVariation stddev over mean of the latencies
     * @param blockThroughputCoefficientOfVariation stddev over mean of the block throughputs (consistency)
     * @param scalingEfficiency throughput gain over the first point per size factor (batch and concurrency)
     * @param growthExponent slope of log p50 against log size (input-size sweeps), else NaN
     * @param knee the concurrency level past which throughput stops growing while p99 rises, or null
     * @param blockThroughput at each size, the measured blocks' throughputs in pair order (the baseline's
     *        and the candidate's k-th blocks form pair k, adjacent in time), for the paired stability test;
     *        null in results written before it was kept
     */
    public record ModelCurve(String role, List<Double> samplesPerSecond, List<Double> p50Millis,
            List<Double> p99Millis, List<Double> latencyCoefficientOfVariation,
            List<Double> blockThroughputCoefficientOfVariation, List<Double> scalingEfficiency, double growthExponent,
            Integer knee, List<List<Double>> blockThroughput) {
    }
}
