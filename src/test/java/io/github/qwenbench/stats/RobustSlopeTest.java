package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RobustSlopeTest {

    private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void aLineHasItsSlopeAndNoError() {
        double[] y = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            y[i] = 3 + 2 * X[i];
        }
        RobustSlope fit = RobustSlope.of(X, y);
        assertEquals(2, fit.slope(), 1e-12);
        assertEquals(0, fit.standardError(), 1e-9);
        assertEquals(8, fit.degreesOfFreedom());
        assertEquals(2, fit.lag(), "floor(4 (10 / 100)^(2/9))");
        assertEquals(2, fit.lowerBound(0.01), 1e-9);
    }

    /** Never below the classical error; wider than it where neighbouring residuals move together. */
    @Test
    void theErrorIsAtLeastTheClassicalOneAndWiderForCorrelatedResiduals() {
        double[] alternating = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        double[] runs = {1, 1, 0, 0, 0, 0, 0, 0, 1, 1};
        for (double[] y : new double[][] {alternating, runs}) {
            RobustSlope fit = RobustSlope.of(X, y);
            LinearFit classical = LinearFit.of(X, y);
            assertEquals(classical.slope(), fit.slope(), 1e-12);
            assertTrue(fit.standardError() >= classical.slopeStandardError() - 1e-12);
        }
        assertEquals(LinearFit.of(X, alternating).slopeStandardError(), RobustSlope.of(X, alternating).standardError(),
                1e-12, "negatively correlated residuals: the classical error is the larger");
        assertTrue(RobustSlope.of(X, runs).standardError() > LinearFit.of(X, runs).slopeStandardError() * 1.25,
                "a U shape: neighbouring residuals share their sign");
        assertTrue(Double.isNaN(RobustSlope.of(new double[] {1, 2}, new double[] {1, 2}).slope()));
    }
}
