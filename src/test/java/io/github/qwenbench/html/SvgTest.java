package io.github.qwenbench.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void batchSizesAreTheTicksOnALogAxis() {
        Svg.Scale batch = Svg.Scale.measured(new double[] {1, 2, 4, 8, 8}, true);
        assertArrayEquals(new double[] {1, 2, 4, 8}, batch.ticks());
        assertTrue(batch.log());
        assertEquals(batch.fraction(2) - batch.fraction(1), batch.fraction(8) - batch.fraction(4), 1e-9,
                "each doubling is the same distance");
        String chart = Svg.lineChart("Throughput by batch", "batch", "samples/s",
                List.of(new Svg.Series("baseline", new double[] {1, 2, 4, 8}, new double[] {900, 1500, 1700, 1810})),
                batch);
        assertFalse(chart.contains(">2.75<"), "no tick between measured sizes");
        assertTrue(chart.contains(">4</text>") && chart.contains("batch (log scale)"), chart);
    }

    @Test
    void linearTicksAreRoundNumbers() {
        assertArrayEquals(new double[] {0, 500, 1000, 1500, 2000}, Svg.Scale.linear(0, 1810).ticks());
        assertArrayEquals(new double[] {0, 0.00005, 0.0001, 0.00015}, Svg.Scale.linear(0, 0.00012).ticks(), 1e-15);
        assertEquals("0", Svg.label(0), "not 0.0000");
        assertEquals("0.0001", Svg.label(0.0001));
        assertEquals("5e-05", Svg.label(0.00005));
        assertEquals("2.5", Svg.label(2.5));
    }

    @Test
    void aLogScaleKeepsSmallBarsBesideASpike() {
        Svg.Scale log = Svg.Scale.log(1.2, 250);
        assertEquals(1, log.lo());
        assertEquals(1000, log.hi());
        List<Svg.Series> spike = List.of(new Svg.Series("candidate", new double[0], new double[] {1.2, 1.5, 250}));
        assertTrue(Svg.spreadsOverADecade(spike));
        assertTrue(Svg.barChart("Latency percentiles", "ms", List.of("p50", "p90", "p99"), spike, true)
                .contains("Latency percentiles (log scale)"));
    }
}
