package io.github.qwenbench.host;

import java.util.Locale;

/**
 * The declared conditions of one comparison (how many threads call the engine, how many intra-op
 * threads each uses) and the cores other processes left free while it was measured. The conditions
 * come from the pom or fixed defaults, never from the load of the moment, so that every run measures
 * the same experiment; when the machine leaves fewer cores free than the conditions need, the
 * comparison's gates end INCONCLUSIVE because the machine was busy, rather than judging the scheduler.
 *
 * @param callers threads calling the engine at once
 * @param intraOpThreads the engine's intra-op threads per call
 * @param free the cores other processes left free during the measurement
 */
public record RunConditions(int callers, int intraOpThreads, FreeCores free) {

    /**
     * How much of a core the free share may fall short of the need and still fit: background work of
     * a few percent (the Maven process, the system) must not make every gate busy.
     */
    public static final double TOLERANCE = 0.25;

    /** Cores the comparison needs: callers x intra-op threads, at most the machine's cores. */
    public int coresNeeded() {
        return Math.min(callers * intraOpThreads, free.cores());
    }

    /** Whether the free cores covered the need (within {@link #TOLERANCE}). */
    public boolean fit() {
        return free.freeShare() + TOLERANCE >= coresNeeded();
    }

    /** Why the gate could not decide when the conditions did not fit. */
    public String busyReason() {
        return String.format(Locale.ROOT, "the machine was busy: %.1f of %d cores were free while this was measured"
                + " (%s), and it needs %d (%s); run it on a quieter machine, or declare conditions that fit"
                + " (engine/intraOpThreads, the suite's threads or users)", free.freeShare(), free.cores(),
                free.source(), coresNeeded(), describe());
    }

    /** The declared conditions in words, or null when a result (an older one) records none. */
    public static String described(RunConditions conditions) {
        return conditions == null ? null : conditions.describe();
    }

    /** The conditions in words, e.g. "1 caller x 1 intra-op thread". */
    public String describe() {
        return callers + (callers == 1 ? " caller" : " callers") + " x " + intraOpThreads + " intra-op thread"
                + (intraOpThreads == 1 ? "" : "s");
    }
}
