package io.github.qwenbench.plan;

import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.SequentialComparison;
import java.time.Duration;
import java.util.Locale;

/**
 * How much a suite's comparisons may measure: in pairs that can decide, under one time ceiling for
 * the whole suite, with blocks sized from the model's measured cost. Each comparison (a point of a
 * curve, the speedup, a generation ratio) gets the ceiling's remaining time divided by the
 * comparisons still to come; its blocks are short enough that {@link #ROOM} times its minimum pairs
 * fit in that share (a block of one inference if need be), and when even the minimum does not fit,
 * it says so before measuring and ends INCONCLUSIVE for its cost.
 *
 * @param suite the suite whose ceiling this is, for messages: e.g. {@code scalability}
 * @param pairsSuite the suite whose {@code minPairs}/{@code maxPairs} these are (the hardware suite's points
 *        take the scalability suite's)
 * @param minPairs pairs before the first look: at least the fewest that can decide at the confidence
 * @param maxPairs pairs at most
 * @param ceilingMillis the suite's time ceiling for all its comparisons
 * @param blockSize inferences per block, or 0 to size blocks from the measured cost
 */
public record PairBudget(String suite, String pairsSuite, int minPairs, int maxPairs, long ceilingMillis,
        int blockSize) {

    /**
     * An automatic block lasts about this long, so that timer overhead and a single hiccup weigh little;
     * a pair sums two blocks of each model, so each model's side of a pair lasts about 30 ms.
     */
    public static final double TARGET_BLOCK_MILLIS = 15;

    /** Automatic blocks leave room for this many times the minimum pairs in a comparison's share. */
    public static final int ROOM = 4;

    /** Blocks in one pair: A B B A or B A A B (see {@code SequentialComparison}). */
    public static final int BLOCKS_PER_PAIR = 4;

    /** Parses and checks one suite's budget settings; a budget that can never decide is a setup error. */
    public static PairBudget from(String suite, Integer minPairs, int maxPairs, String maxDuration, String blockSize,
            double confidence) throws BenchmarkSetupException {
        int canDecide = ConfidenceSequence.minimumPairs(confidence);
        int min = minPairs == null ? canDecide : minPairs;
        if (min < canDecide) {
            throw new BenchmarkSetupException(String.format(Locale.ROOT, "%s/minPairs is %d, but at confidence %s no"
                    + " fewer than %d pairs can decide anything: raise it to %d or more, or leave it empty.", suite,
                    min, confidence, canDecide, canDecide));
        }
        if (maxPairs < min) {
            throw new BenchmarkSetupException(suite + "/maxPairs is " + maxPairs + ", below the " + min + " pairs"
                    + " measured before the first look (" + suite + "/minPairs, or the fewest that can decide at"
                    + " confidence " + confidence + "): raise it.");
        }
        Duration ceiling = Thresholds.duration(suite + "/maxDuration", maxDuration);
        if (ceiling == null) {
            throw new BenchmarkSetupException(suite + "/maxDuration is empty: give the suite's time ceiling for its"
                    + " comparisons, e.g. 60s.");
        }
        int block = 0;
        if (blockSize != null && !blockSize.isBlank() && !"auto".equalsIgnoreCase(blockSize.trim())) {
            try {
                block = Thresholds.atLeast(suite + "/blockSize", Integer.parseInt(blockSize.trim()), 1);
            } catch (NumberFormatException e) {
                throw new BenchmarkSetupException(suite + "/blockSize is '" + blockSize + "': give a number of"
                        + " inferences per block, or auto to size blocks from the model's cost.");
            }
        }
        return new PairBudget(suite, suite, min, maxPairs, ceiling.toMillis(), block);
    }

    /** A comparison's budget, given its share of the ceiling. */
    public SequentialComparison.Budget forShare(long shareMillis) {
        return new SequentialComparison.Budget(minPairs, maxPairs, Duration.ofMillis(Math.max(1, shareMillis)));
    }

    /**
     * Inferences per block for a model whose slower member takes {@code inferenceMillis} per inference,
     * in a comparison with {@code shareMillis} of the ceiling: the configured size, or about
     * {@link #TARGET_BLOCK_MILLIS} but short enough that {@link #ROOM} x {@code minPairs} pairs fit.
     */
    public int blockSizeFor(double inferenceMillis, long shareMillis) {
        if (blockSize > 0) {
            return blockSize;
        }
        double cost = Math.max(inferenceMillis, 1e-3);
        int target = (int) Math.max(1, Math.round(TARGET_BLOCK_MILLIS / cost));
        int fits = (int) Math.floor(shareMillis / (ROOM * minPairs * BLOCKS_PER_PAIR * cost));
        return Math.max(1, Math.min(target, fits));
    }

    /**
     * Null when the minimum pairs fit in the share at blocks of {@code blockSize}; otherwise why not,
     * naming the time it would need and the settings to raise.
     */
    public String tooCostly(String what, double inferenceMillis, int blockSize, long shareMillis) {
        double need = minimumMillis(inferenceMillis, blockSize);
        if (need <= shareMillis) {
            return null;
        }
        return String.format(Locale.ROOT, "%s: one inference takes %.1f ms, so the %d pairs of four %d-inference blocks"
                + " that can decide need about %.1f s, but its share of the %s ceiling is %.1f s; nothing was measured."
                + " %s", what, inferenceMillis, minPairs, blockSize, need / 1000, suite, shareMillis / 1000.0, raise());
    }

    /** The time the fewest pairs that can decide take, at blocks of {@code blockSize} inferences. */
    public double minimumMillis(double inferenceMillis, int blockSize) {
        return (double) minPairs * BLOCKS_PER_PAIR * blockSize * inferenceMillis;
    }

    /** The settings that buy more measuring, in words. */
    public String raise() {
        String pairs = suite.equals(pairsSuite) ? "<maxPairs>" : "<" + pairsSuite + "><maxPairs>";
        return String.format(Locale.ROOT, "To decide, raise <%s><maxDuration> (now %s) or %s (now %d), or"
                + " measure fewer points", suite, Thresholds.spelled(Duration.ofMillis(ceilingMillis)), pairs,
                maxPairs);
    }
}
