package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What nvidia-smi samples add up to, on the H200's recorded samples and on hand-made ones. */
class GpuTraceTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void theEnginesGpuAsNvidiaSmiNamesIt() {
        assertEquals("0", GpuTrace.nvidiaSmiId(0, null));
        assertEquals("2", GpuTrace.nvidiaSmiId(2, null));
        assertEquals("3", GpuTrace.nvidiaSmiId(0, "3"));
        assertEquals("GPU-4f5b61fa", GpuTrace.nvidiaSmiId(0, "GPU-4f5b61fa, 1"));
        assertEquals("1", GpuTrace.nvidiaSmiId(1, "GPU-4f5b61fa, 1"));
        assertNull(GpuTrace.nvidiaSmiId(2, "GPU-4f5b61fa,1"), "the list has no third GPU");
        assertNull(GpuTrace.nvidiaSmiId(0, ""), "an empty list hides every GPU");
    }

    @Test
    void samplesOfOneGpuByIndexOrUuid() {
        List<GpuSample> loaded = RecordedH200.loaded();

        assertEquals(30, GpuTrace.ofGpu(loaded, "0").size());
        assertEquals(30, GpuTrace.ofGpu(loaded, RecordedH200.UUID).size());
        assertEquals(30, GpuTrace.ofGpu(loaded, "GPU-4f5b61fa").size(), "CUDA accepts a UUID's prefix");
        assertEquals(0, GpuTrace.ofGpu(loaded, "1").size());
        assertEquals(0, GpuTrace.ofGpu(loaded, "GPU-0000").size());
    }

    @Test
    void timestampsAreReadInTheGivenZone() {
        GpuSample first = RecordedH200.loaded().get(0);

        assertEquals(Instant.parse("2026-11-27T21:39:10.872Z").toEpochMilli(), GpuTrace.epochMillis(first, UTC));
        assertEquals(Instant.parse("2026-11-27T20:39:10.872Z").toEpochMilli(),
                GpuTrace.epochMillis(first, ZoneId.of("Europe/Paris")));
        assertEquals(-1, GpuTrace.epochMillis(sample("21:39:10", 1.0, 1.0), UTC));
    }

    /** Idle: the one sample stands for the whole second around it. */
    @Test
    void anIdleSecond() {
        long from = RecordedH200.utcMillis("2026/11/27 21:39:03.000");

        GpuTrace.Interval idle = GpuTrace.interval(RecordedH200.idle(), from, from + 1000, UTC);

        assertEquals(new GpuTrace.Interval(1, 0.0, 0.0, 81.57, 81.57), idle);
    }

    /**
     * Under load, 21:39:11.000 to 21:39:12.000: ten samples while the power was still rising. The first
     * (447.39 W at 11.078) stands for 128.5 ms, so the time-weighted mean, 627.473095 W (computed apart,
     * in Python, from the recorded file), is below the plain mean of the ten, 634.53 W.
     */
    @Test
    void aLoadedSecondIntegratesThePower() {
        long from = RecordedH200.utcMillis("2026/11/27 21:39:11.000");

        GpuTrace.Interval loaded = GpuTrace.interval(RecordedH200.loaded(), from, from + 1000, UTC);

        assertEquals(10, loaded.samples());
        assertEquals(100.0, loaded.utilizationPercent(), 1e-9);
        assertEquals(1139.0, loaded.memoryUsedMiB());
        assertEquals(627.473095, loaded.powerWatts(), 1e-6);
        assertEquals(627.473095, loaded.joules(), 1e-6);
    }

    /** A sampler that stalled: the late sample stands for the time it covers, not for a third of it. */
    @Test
    void unevenSamplesAreWeightedByTheirTime() {
        List<GpuSample> samples = List.of(sample("2026/11/27 21:39:11.000", 100.0, 10.0),
                sample("2026/11/27 21:39:11.100", 100.0, 20.0), sample("2026/11/27 21:39:11.900", 500.0, 90.0));
        long from = RecordedH200.utcMillis("2026/11/27 21:39:11.000");

        GpuTrace.Interval interval = GpuTrace.interval(samples, from, from + 1000, UTC);

        // 100 W over 0 to 500 ms (the first two samples' shares: 50 and 450 ms), 500 W over 500 to 1000 ms.
        assertEquals(300.0, interval.joules(), 1e-9);
        assertEquals(300.0, interval.powerWatts(), 1e-9);
        assertEquals((50 * 10.0 + 450 * 20.0 + 500 * 90.0) / 1000, interval.utilizationPercent(), 1e-9);
    }

    @Test
    void samplesOutsideTheIntervalAndMissingValuesAreLeftOut() {
        long from = RecordedH200.utcMillis("2026/11/27 21:39:11.000");
        List<GpuSample> samples = List.of(sample("2026/11/27 21:39:10.999", 900.0, 100.0),
                sample("2026/11/27 21:39:11.250", 200.0, 50.0), sample("2026/11/27 21:39:11.750", null, 70.0),
                sample("2026/11/27 21:39:12.000", 900.0, 100.0));

        GpuTrace.Interval interval = GpuTrace.interval(samples, from, from + 1000, UTC);

        assertEquals(2, interval.samples());
        assertEquals(200.0, interval.joules(), 1e-9, "the one power reading stands for the whole second");
        assertEquals(60.0, interval.utilizationPercent(), 1e-9);
    }

    @Test
    void anIntervalWithoutSamplesHasNoFigures() {
        long from = RecordedH200.utcMillis("2026/11/27 21:39:05.000");

        GpuTrace.Interval none = GpuTrace.interval(RecordedH200.loaded(), from, from + 1000, UTC);

        assertEquals(0, none.samples());
        assertTrue(Double.isNaN(none.utilizationPercent()) && Double.isNaN(none.memoryUsedMiB())
                && Double.isNaN(none.powerWatts()) && Double.isNaN(none.joules()), none.toString());
    }

    @Test
    void peakMemory() {
        assertEquals(1139.0, GpuTrace.peakMemoryMiB(RecordedH200.loaded()));
        assertEquals(0.0, GpuTrace.peakMemoryMiB(RecordedH200.idle()));
        assertTrue(Double.isNaN(GpuTrace.peakMemoryMiB(List.of())));
    }

    private static GpuSample sample(String timestamp, Double watts, Double utilization) {
        return new GpuSample(timestamp, 0, "NVIDIA H200", RecordedH200.UUID, null, utilization, null, 1139.0,
                143771.0, watts, null, null);
    }
}
