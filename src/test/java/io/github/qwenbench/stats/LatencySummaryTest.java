package io.github.qwenbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void summarizesInMillisecondsWithinTheHistogramPrecision() {
        Histogram h = LatencySummary.newHistogram();
        for (int i = 1; i <= 1000; i++) {
            LatencySummary.record(h, i * 10_000L);
        }
        LatencySummary s = LatencySummary.of(h);
        assertEquals(1000, s.count());
        assertEquals(0.01, s.minMillis(), 1e-4);
        assertEquals(5.005, s.meanMillis(), 0.01);
        assertEquals(5.0, s.p50Millis(), 0.01);
        assertEquals(9.9, s.p99Millis(), 0.02);
        assertEquals(10.0, s.maxMillis(), 0.01);
        assertEquals(s.stddevMillis() / s.meanMillis(), s.coefficientOfVariation(), 1e-12);
    }

    @Test
    void anEmptyHistogramHasNoNumbers() {
        LatencySummary s = LatencySummary.of(LatencySummary.newHistogram());
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.meanMillis()));
    }

    @Test
    void outOfRangeValuesAreClampedNotLost() {
        Histogram h = LatencySummary.newHistogram();
        LatencySummary.record(h, -5);
        LatencySummary.record(h, Long.MAX_VALUE);
        assertEquals(2, h.getTotalCount());
    }
}
