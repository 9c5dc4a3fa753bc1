package io.github.qwenbench.stats;

/**
 * Whether one model's resident memory grows over a run by more than {@code floor}: the slope of its
 * resident memory against the requests it has served (one point per turn), times the requests served
 * from its first turn to its last, tested one-sided at level {@code alpha} ({@code H0: growth <=
 * floor}) with the slope's autocorrelation-robust bound ({@link RobustSlope}). The model is judged on
 * its own growth: another model's leak, measured in the same turns, is context and never widens the
 * floor.
 *
 * <p>With fewer than {@link #MIN_TURNS} turns the test cannot reject: a stability gate fails only on
 * evidence.
 *
 * @param growth the fitted growth over the run, in bytes
 * @param lower its one-sided {@code 1 - alpha} lower bound
 * @param bytesPerRequest the fitted slope
 * @param requests the requests served from the first turn's end to the last's
 * @param turns the turns fitted
 * @param floor the largest growth allowed, in bytes
 * @param alpha the test's level
 */
public record MemoryGrowth(double growth, double lower, double bytesPerRequest, double requests, int turns,
        double floor, double alpha) {

    /** Turns below which the test cannot reject. */
    public static final int MIN_TURNS = 5;

    /**
     * @param requests requests served by the end of each turn, cumulative
     * @param residentBytes resident memory at the end of each turn
     */
    public static MemoryGrowth test(double[] requests, double[] residentBytes, double floor, double alpha) {
        int n = Math.min(requests.length, residentBytes.length);
        RobustSlope fit = RobustSlope.of(java.util.Arrays.copyOf(requests, n), java.util.Arrays.copyOf(residentBytes, n));
        double span = n == 0 ? 0 : requests[n - 1] - requests[0];
        double lower = n < MIN_TURNS || Double.isNaN(fit.slope()) ? Double.NaN : fit.lowerBound(alpha) * span;
        return new MemoryGrowth(fit.slope() * span, lower, fit.slope(), span, n, floor, alpha);
    }

    /** Whether there were enough turns, serving requests, for the test to reject at all. */
    public boolean canReject() {
        return !Double.isNaN(lower);
    }

    /** Whether growth beyond the floor is shown at level alpha. */
    public boolean rejects() {
        return canReject() && lower > floor;
    }
}
