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

    /** One-sided 95% normal quantile, for the bounds of coefficients of variation estimated from few blocks. */
    static final double Z = 1.645;

    /**
     * The limit for a coefficient of variation that, like the baseline's, was estimated from
     * {@code blocks} blocks: a FAIL needs evidence, so the baseline's CV counts at its upper bound and the
     * candidate's at its lower bound, each from the CV's standard error {@code cv / sqrt(2 (n - 1))}
     * (normal blocks). Moving the candidate's bound to this side, the limit is
     * {@code (factor x baseline x (1 + e) + floor) / (1 - e)} with {@code e = z / sqrt(2 (n - 1))}: wide
     * after few blocks, approaching {@link #limitFor} as blocks accumulate.
     */
    public double limitForEstimates(double baselineCv, int blocks) {
        double e = relativeError(blocks);
        return (factor * Math.abs(baselineCv) * (1 + e) + floor) / (1 - e);
    }

    private static double relativeError(int blocks) {
        // at most 0.5: with fewer than 7 blocks the bound is taken as 0.5 (the limit doubles)
        return blocks < 2 ? 0.5 : Math.min(0.5, Z / Math.sqrt(2.0 * (blocks - 1)));
    }

    /** How {@link #limitForEstimates} is formed, for a gate's detail. */
    public String describeEstimates(double baselineCv, int blocks) {
        return describe(baselineCv) + String.format(java.util.Locale.ROOT, ", widened for the sampling error of both"
                + " CVs over %d blocks each (one-sided 95%% bounds: x %.3f, / %.3f)", blocks, 1 + relativeError(blocks),
                1 - relativeError(blocks));
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
