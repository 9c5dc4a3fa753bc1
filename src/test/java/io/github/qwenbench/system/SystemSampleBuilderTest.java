package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.model.GpuSupport;
import io.github.qwenbench.plan.EngineSettings;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A sample built from three one-second turns on the CPU, of 100, 110 and 120 requests. */
class SystemSampleBuilderTest {

    private static final long MIB = 1024 * 1024;

    private static final String NO_RAPL = "unavailable: no RAPL in this test";

    private static final GpuWatch CPU = GpuWatch.start(new EngineSettings(null, null, true));

    /** Turn {@code k}: {@code completed} requests of {@code k + 1} ms each, and one that failed. */
    private static LoadGenerator.Served served(int k, long completed, RequestOutcomes outcomes) {
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < completed; i++) {
            latency.recordValue((k + 1) * 1_000_000L);
            outcomes.served((k + 1) * 1_000_000L);
        }
        outcomes.failed(new RuntimeException("boom"));
        return new LoadGenerator.Served(completed, 1, completed, latency, 0);
    }

    /** Turn {@code k}: two seconds after the one before, one second long. */
    private static TurnMeter.Cost cost(int k, long residentBytes, long microjoules) {
        long epochMillis = 1_000_000 + 2000L * k;
        return new TurnMeter.Cost(epochMillis, epochMillis + 1, epochMillis + 1001, 1.0, 50_000_000L, microjoules,
                50, 40, 30, 1.5, residentBytes);
    }

    private static SystemSample threeTurns(long microjoules, String raplMissing) {
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        SystemSampleBuilder builder = new SystemSampleBuilder("candidate", "closed loop, 2 users", 2, 1000);
        for (int k = 0; k < 3; k++) {
            SystemSample.Window window = builder.addTurn(served(k, 100 + 10 * k, outcomes),
                    cost(k, (100 + 25 * k) * MIB, microjoules));
            assertEquals(100 + 10 * k, window.throughput(), 1e-9);
        }
        assertEquals(3, builder.turns());
        return builder.build(outcomes, CPU, raplMissing);
    }

    @Test
    void eachTurnIsAWindowFromTheFirstTurnsStart() {
        SystemSample sample = threeTurns(0, NO_RAPL);

        assertEquals(3, sample.windows().size());
        SystemSample.Window last = sample.windows().get(2);
        assertEquals(4.0, last.startSeconds(), 1e-9);
        assertEquals(120, last.completed());
        assertEquals(1, last.errors());
        assertEquals(3.0, last.p50Millis(), 0.01);
        assertEquals(3.0, last.p99Millis(), 0.01);
        assertEquals(50, last.processCpuPercent(), 1e-9);
        assertEquals(40, last.machineCpuPercent(), 1e-9);
        assertEquals(150 * MIB, last.residentBytes());
        assertEquals(30, last.threads());
        assertEquals(1.5, last.loadAverage(), 1e-9);
        assertEquals(0, last.queueDepth());
    }

    @Test
    void theRunAddsUpItsTurns() {
        SystemSample sample = threeTurns(0, NO_RAPL);

        assertEquals("candidate", sample.role());
        assertEquals("closed loop, 2 users", sample.load());
        assertEquals(3.0, sample.durationSeconds(), 1e-9);
        assertEquals(330, sample.completed());
        assertEquals(3, sample.errors());
        assertEquals(3.0 / 333, sample.errorRate(), 1e-12);
        assertEquals(Map.of("boom", 3L), sample.errorMessages());
        assertEquals(0, sample.dropped());
        assertEquals(110, sample.throughput(), 1e-9);
        assertEquals(SystemSample.REQUESTS_PER_SECOND, sample.throughputUnit());
        assertEquals(330, sample.latency().count());
        assertEquals(2, sample.intraOpThreads());
        assertEquals(0.15 / 330, sample.cpuSecondsPerInference(), 1e-12);
        assertNull(sample.generation());
    }

    @Test
    void driftAndDeviationAreOverTheMeanThroughput() {
        SystemSample sample = threeTurns(0, NO_RAPL);

        // 10 requests/s more every 2 s over a span of 5 s (the last window starts at 4 s), mean 110
        assertEquals(5.0 * 5 / 110, sample.drift(), 1e-9);
        assertEquals(10.0 / 110, sample.largestWindowDeviation(), 1e-9);
    }

    @Test
    void memoryGrowthIsFromTheFirstWindowToTheLast() {
        SystemSample sample = threeTurns(0, NO_RAPL);

        assertEquals(100 * MIB, sample.startResidentBytes());
        assertEquals(150 * MIB, sample.endResidentBytes());
        assertEquals(50 * MIB, sample.memoryGrowthBytes());
        assertEquals(0.5, sample.memoryGrowthFraction(), 1e-12);
    }

    @Test
    void energyFromRaplWhereItWasRead() {
        SystemSample sample = threeTurns(1_100_000, null);

        assertTrue(sample.energy().available());
        assertEquals(Rapl.source() + " (whole CPU package, other processes included)", sample.energy().source());
        assertEquals(3.3 / 330, sample.energy().joulesPerInference(), 1e-12);
        assertEquals(100, sample.energy().inferencesPerJoule(), 1e-9);
    }

    @Test
    void noEnergyWithoutRaplOrAGpuOrAReading() {
        SystemSample.Energy missing = threeTurns(0, NO_RAPL).energy();
        assertFalse(missing.available());
        assertEquals(NO_RAPL, missing.source());
        assertTrue(Double.isNaN(missing.joulesPerInference()));

        SystemSample.Energy unread = threeTurns(0, null).energy();
        assertFalse(unread.available());
        assertEquals("unavailable: " + Rapl.source() + " gave no usable reading", unread.source());
    }

    @Test
    void onTheCpuNoGpuFigures() {
        SystemSample sample = threeTurns(0, NO_RAPL);

        assertEquals(GpuSupport.NOT_ON_GPU, sample.gpu());
        assertNull(sample.gpuUse());
    }
}
