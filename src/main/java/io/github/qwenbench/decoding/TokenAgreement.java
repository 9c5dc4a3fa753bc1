package io.github.qwenbench.decoding;

/**
 * How far two models' greedy answers agree, position by position: per pair of answers, and summed
 * over many. Positions run to the longer answer's length; a position one answer lacks disagrees.
 */
public final class TokenAgreement {

    /**
     * One pair of answers compared.
     *
     * @param agreeing positions with the same token
     * @param positions the longer answer's length
     * @param firstDivergence the first position where they differ, or -1 when identical
     */
    public record Pair(int agreeing, int positions, int firstDivergence) {

        public static Pair of(long[] baseline, long[] candidate) {
            int positions = Math.max(baseline.length, candidate.length);
            int agreeing = 0;
            int firstDivergence = -1;
            for (int t = 0; t < positions; t++) {
                boolean agree = t < baseline.length && t < candidate.length && baseline[t] == candidate[t];
                agreeing += agree ? 1 : 0;
                if (!agree && firstDivergence < 0) {
                    firstDivergence = t;
                }
            }
            return new Pair(agreeing, positions, firstDivergence);
        }

        /** Share of positions that agree; 1 for two empty answers. */
        public double agreement() {
            return positions == 0 ? 1.0 : (double) agreeing / positions;
        }

        public boolean identical() {
            return firstDivergence < 0;
        }
    }

    private long agreeing;
    private long positions;
    private int pairs;
    private int identical;

    /** Compares one pair of answers and adds it to the totals. */
    public Pair add(long[] baseline, long[] candidate) {
        Pair pair = Pair.of(baseline, candidate);
        agreeing += pair.agreeing();
        positions += pair.positions();
        pairs++;
        identical += pair.identical() ? 1 : 0;
        return pair;
    }

    /** Share of all positions that agree; NaN when nothing was compared. */
    public double agreement() {
        return positions == 0 ? Double.NaN : (double) agreeing / positions;
    }

    /** The agreement in words for the log: {@code token agreement 0.953}, or why there is none. */
    public String describe() {
        return positions == 0 ? "token agreement n/a (no answer tokens to compare)"
                : String.format(java.util.Locale.ROOT, "token agreement %.3f", agreement());
    }

    /** Share of pairs whose answers are identical; NaN when nothing was compared. */
    public double exactMatchRate() {
        return pairs == 0 ? Double.NaN : (double) identical / pairs;
    }

    public int pairs() {
        return pairs;
    }

    public int identical() {
        return identical;
    }
}
