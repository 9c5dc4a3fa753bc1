package io.github.qwenbench.measure;

/**
 * A suite's time ceiling shared by its comparisons in order: each gets what is left divided by the
 * comparisons still to come, so that time a quick decision saves goes to the later ones.
 */
public final class TimeCeiling {

    private final long deadline;
    private int remaining;

    /** Starts the ceiling now. */
    public TimeCeiling(long ceilingMillis, int comparisons) {
        this.deadline = System.nanoTime() + ceilingMillis * 1_000_000L;
        this.remaining = Math.max(1, comparisons);
    }

    /** Milliseconds left before the ceiling. */
    public long leftMillis() {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
    }

    /** The next comparison's share in milliseconds (call once per comparison). */
    public long nextShareMillis() {
        long share = leftMillis() / Math.max(1, remaining);
        remaining = Math.max(1, remaining - 1);
        return share;
    }
}
