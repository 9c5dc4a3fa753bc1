package io.github.qwenbench.stats;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Which model runs first in each pair of blocks. Pairs come in groups of two (four blocks): a fair
 * coin, seeded, chooses A B B A or B A A B for each group. Within a group the two orders cancel a
 * linear drift, as a fixed A B B A does; across groups the coin makes the order independent of
 * anything the machine does, so that for identical models every pair's sign is a fair coin (an order
 * effect, such as the second block of a pair always running warmer or colder, flips sign with the
 * coin instead of piling up on one model).
 */
public final class PairOrder {

    /** The design in words, as results and README describe it. */
    public static final String DESIGN = "blocks of the two models four at a time, in the order A B B A or B A A B"
            + " chosen by a seeded fair coin (A = baseline); each four is one pair, whose figures are each model's"
            + " two blocks summed, so that a linear drift and any order effect cancel within it";

    private final long seed;
    private final SplittableRandom coins;
    private final BitSet abba = new BitSet();
    private int drawn;

    public PairOrder(long seed) {
        this.seed = seed;
        this.coins = new SplittableRandom(seed);
    }

    /** A comparison's own order: the run's seed mixed with the comparison's name. */
    public static PairOrder forComparison(long runSeed, String comparison) {
        return new PairOrder(runSeed * 0x9E3779B97F4A7C15L + comparison.hashCode());
    }

    /** Whether pair {@code pair} (from 0) measures the baseline's block first. */
    public boolean baselineFirst(int pair) {
        int group = pair / 2;
        while (drawn <= group) {
            abba.set(drawn, coins.nextBoolean());
            drawn++;
        }
        return (pair % 2 == 0) == abba.get(group);
    }

    /** The seed, recorded with the results so that the order can be reproduced. */
    public long seed() {
        return seed;
    }
}
