package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One turn metered on this machine, whatever its RAPL. */
class TurnMeterTest {

    @Test
    void aTurnHasItsTimeCpuAndProcessAtItsEnd() {
        TurnMeter meter = new TurnMeter();
        long start = meter.start();
        long until = start + 50_000_000L;
        double sink = 0;
        while (System.nanoTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        TurnMeter.Cost cost = meter.stop();

        assertTrue(sink > 0);
        assertTrue(cost.seconds() >= 0.05 && cost.seconds() < 5, "seconds " + cost.seconds());
        assertTrue(cost.epochMillis() <= cost.fromMillis() && cost.fromMillis() <= cost.toMillis(), cost.toString());
        assertTrue(cost.cpuNanos() > 0, "a busy turn takes CPU time");
        assertTrue(cost.processCpuPercent() > 0 && cost.threads() > 0 && cost.residentBytes() > 0, cost.toString());
        if (meter.energyUnavailableReason() != null) {
            assertEquals(0, cost.microjoules(), "no RAPL, no energy");
        }
    }
}
