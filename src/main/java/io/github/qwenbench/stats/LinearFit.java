package io.github.qwenbench.stats;

/**
 * An ordinary least-squares line {@code y = intercept + slope * x}.
 *
 * @param slope change of y per unit of x
 * @param intercept y at x = 0
 * @param rSquared share of the variance of y the line explains (NaN when y is constant)
 * @param points how many points were fitted
 * @param slopeStandardError the slope's standard error from the residuals (NaN below 3 points)
 */
public record LinearFit(double slope, double intercept, double rSquared, int points, double slopeStandardError) {

    public static LinearFit of(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (n < 2) {
            return new LinearFit(Double.NaN, Double.NaN, Double.NaN, n, Double.NaN);
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i] / n;
            meanY += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        if (sxx == 0) {
            return new LinearFit(Double.NaN, Double.NaN, Double.NaN, n, Double.NaN);
        }
        double slope = sxy / sxx;
        double residuals = Math.max(0, syy - slope * sxy);
        double standardError = n < 3 ? Double.NaN : Math.sqrt(residuals / (n - 2) / sxx);
        return new LinearFit(slope, meanY - slope * meanX, syy == 0 ? Double.NaN : sxy * sxy / (sxx * syy), n,
                standardError);
    }
}
