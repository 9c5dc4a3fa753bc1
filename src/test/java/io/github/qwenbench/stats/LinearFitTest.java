package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void recoversAnExactLine() {
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3, 4}, new double[] {5, 7, 9, 11});
        assertEquals(2, fit.slope(), 1e-12);
        assertEquals(3, fit.intercept(), 1e-12);
        assertEquals(1, fit.rSquared(), 1e-12);
    }

    @Test
    void flatDataHasZeroSlope() {
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3}, new double[] {4, 4, 4});
        assertEquals(0, fit.slope(), 1e-12);
        assertTrue(Double.isNaN(fit.rSquared()));
    }

    @Test
    void tooFewOrDegeneratePointsGiveNoSlope() {
        assertTrue(Double.isNaN(LinearFit.of(new double[] {1}, new double[] {1}).slope()));
        assertTrue(Double.isNaN(LinearFit.of(new double[] {2, 2}, new double[] {1, 3}).slope()));
    }
}
