package io.github.qwenbench.plan;

/**
 * A stability limit judged against the baseline measured under the same conditions: the candidate's
 * figure may be at most {@code factor} times the baseline's plus {@code floor}. The floor matters
 * because the baseline's own drift or growth is often near zero.
 *
 * @param factor how many times the baseline's figure the candidate may reach
 * @param floor added to the scaled baseline figure
 */
public record RelativeLimit(double factor, double floor) {

    /** The candidate's limit, given the baseline's figure. */
    public double limitFor(double baseline) {
        return factor * Math.abs(baseline) + floor;
    }

    /** How the limit is formed, for a gate's detail. */
    public String describe(double baseline) {
        return factor + " x baseline " + String.format(java.util.Locale.ROOT, "%.4g", Math.abs(baseline)) + " + floor "
                + floor;
    }

    static RelativeLimit from(String factorSetting, String factor, String floorSetting, String floor)
            throws BenchmarkSetupException {
        Double f = Thresholds.number(factorSetting, factor, 1, 100);
        Double base = Thresholds.number(floorSetting, floor, 0, 100);
        if (f == null || base == null) {
            throw new BenchmarkSetupException(factorSetting + " and " + floorSetting + " need values, e.g. 2 and 0.10.");
        }
        return new RelativeLimit(f, base);
    }
}
