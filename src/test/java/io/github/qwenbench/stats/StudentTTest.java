package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void quantilesMatchTheTables() {
        assertEquals(2.763769, StudentT.quantile(0.99, 10), 1e-5);
        assertEquals(2.131847, StudentT.quantile(0.95, 4), 1e-5);
        assertEquals(12.706205, StudentT.quantile(0.975, 1), 1e-4);
        assertEquals(31.820516, StudentT.quantile(0.99, 1), 1e-4);
        assertEquals(2.326348, StudentT.quantile(0.99, 1e7), 1e-4, "the normal's, for many degrees of freedom");
        assertEquals(-StudentT.quantile(0.9, 7), StudentT.quantile(0.1, 7), 1e-9);
        assertEquals(0.5, StudentT.cdf(0, 3), 1e-12);
        assertEquals(0.95, StudentT.cdf(2.131847, 4), 1e-6);
    }
}
