package io.github.qwenbench.plan;

/**
 * The scalability suite's stability limit, tested against the baseline measured in the same
 * interleaved pairs: the candidate's robust spread of block throughput may be at most {@code factor}
 * times the baseline's plus {@code floor}; a paired permutation test at level {@code alpha}
 * (stats.PairedDispersion) fails the candidate only on evidence that it exceeds this.
 *
 * @param factor how many times the baseline's spread the candidate may reach
 * @param floor added to the scaled baseline spread (a coefficient of variation)
 * @param alpha the chance the test fails a candidate that is within the limit (at its boundary)
 */
public record RelativeLimit(double factor, double floor, double alpha) {

    /** The candidate's limit, given the baseline's figure. */
    public double limitFor(double baseline) {
        return factor * Math.abs(baseline) + floor;
    }

    static RelativeLimit from(String factorSetting, String factor, String floorSetting, String floor,
            String alphaSetting, String alpha) throws BenchmarkSetupException {
        Double f = Thresholds.number(factorSetting, factor, 1, 100);
        Double base = Thresholds.number(floorSetting, floor, 0, 100);
        Double a = Thresholds.fraction(alphaSetting, alpha, 0.001, 0.2);
        if (f == null || base == null || a == null) {
            throw new BenchmarkSetupException(factorSetting + ", " + floorSetting + " and " + alphaSetting
                    + " need values, e.g. 2, 0.10 and 0.01.");
        }
        return new RelativeLimit(f, base, a);
    }
}
