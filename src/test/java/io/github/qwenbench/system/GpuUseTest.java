package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.qwenbench.host.GpuSample;
import io.github.qwenbench.host.GpuTrace;
import io.github.qwenbench.host.RecordedH200;
import io.github.qwenbench.plan.EngineSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GPU window by window over one model's turns, and joules per inference from its power, on the
 * samples recorded from an H200; the CPU path, which is what these machines run.
 */
class GpuUseTest {

    private static final long START = RecordedH200.utcMillis("2026/11/27 21:39:10.872");

    /**
     * Three one-second turns over the recorded load, 100, 120 and 80 requests. The turns' energies,
     * 585.053985, 690.619965 and 692.31939 J, were computed apart (Python, same time weighting) from
     * the recorded file: 1967.99334 J for 300 requests.
     */
    @Test
    void turnsUnderLoad() {
        List<GpuUse.Turn> turns = List.of(new GpuUse.Turn(START, START + 1000, 100),
                new GpuUse.Turn(START + 1000, START + 2000, 120), new GpuUse.Turn(START + 2000, START + 3000, 80));

        GpuUse use = GpuUse.of("gpu:0", "0", "test", RecordedH200.loaded(), turns, ZoneOffset.UTC);

        assertEquals("nvidia-smi GPU 0 (NVIDIA H200)", use.gpu());
        assertEquals(3, use.windows().size());
        assertEquals(List.of(10, 10, 10), use.windows().stream().map(GpuTrace.Interval::samples).toList());
        assertEquals(585.053985, use.windows().get(0).joules(), 1e-6);
        assertEquals(690.619965, use.windows().get(1).joules(), 1e-6);
        assertEquals(692.31939, use.windows().get(2).joules(), 1e-6);
        assertEquals(1967.99334, use.joules(), 1e-6);
        assertEquals(1967.99334 / 3, use.powerWatts(), 1e-6);
        assertEquals(1967.99334 / 300, use.joulesPerInference(), 1e-8);
        assertEquals(100.0, use.utilizationPercent(), 1e-9);
        assertEquals(1139.0, use.memoryUsedMiB());
        assertEquals(0, use.windowsWithoutSamples());
    }

    /**
     * An idle second, then a loaded one: each window keeps its own power, and the totals weigh them by
     * their length. (The system suite's turns always carry the load; the idle turn checks the sums.)
     */
    @Test
    void idleThenLoaded() {
        List<GpuSample> both = new ArrayList<>(RecordedH200.idle());
        both.addAll(RecordedH200.loaded());
        long idle = RecordedH200.utcMillis("2026/11/27 21:39:03.000");
        long loaded = RecordedH200.utcMillis("2026/11/27 21:39:11.000");
        List<GpuUse.Turn> turns = List.of(new GpuUse.Turn(idle, idle + 1000, 0),
                new GpuUse.Turn(loaded, loaded + 1000, 50));

        GpuUse use = GpuUse.of("gpu:0", RecordedH200.UUID, "test", both, turns, ZoneOffset.UTC);

        assertEquals(81.57, use.windows().get(0).powerWatts(), 1e-9);
        assertEquals(0.0, use.windows().get(0).utilizationPercent());
        assertEquals(627.473095, use.windows().get(1).powerWatts(), 1e-6);
        assertEquals(81.57 + 627.473095, use.joules(), 1e-6);
        assertEquals((81.57 + 627.473095) / 2, use.powerWatts(), 1e-6);
        assertEquals((81.57 + 627.473095) / 50, use.joulesPerInference(), 1e-6);
        assertEquals(50.0, use.utilizationPercent(), 1e-9);
        assertEquals(1139.0, use.memoryUsedMiB());
    }

    /** A turn nvidia-smi gave no sample of is counted, and left out of the energy and its requests. */
    @Test
    void aTurnWithoutSamplesIsLeftOutOfTheTotals() {
        long gap = RecordedH200.utcMillis("2026/11/27 21:39:05.000");
        List<GpuUse.Turn> turns = List.of(new GpuUse.Turn(START, START + 1000, 100), new GpuUse.Turn(gap, gap + 1000, 90));

        GpuUse use = GpuUse.of("gpu:0", "0", "test", RecordedH200.loaded(), turns, ZoneOffset.UTC);

        assertEquals(1, use.windowsWithoutSamples());
        assertTrue(Double.isNaN(use.windows().get(1).joules()));
        assertEquals(585.053985, use.joules(), 1e-6);
        assertEquals(5.85053985, use.joulesPerInference(), 1e-8);
    }

    @Test
    void anotherGpusSamplesGiveNoFigures() {
        GpuUse use = GpuUse.of("gpu:0", "1", "test", RecordedH200.loaded(),
                List.of(new GpuUse.Turn(START, START + 1000, 100)), ZoneOffset.UTC);

        assertEquals(1, use.windowsWithoutSamples());
        assertTrue(Double.isNaN(use.joulesPerInference()) && Double.isNaN(use.powerWatts())
                && Double.isNaN(use.utilizationPercent()) && Double.isNaN(use.memoryUsedMiB()), use.toString());
    }

    @Test
    void energyWhereRaplIsAbsentSaysItsSource() {
        GpuUse use = GpuUse.of("gpu:0", "0", "test", RecordedH200.loaded(),
                List.of(new GpuUse.Turn(START, START + 1000, 100)), ZoneOffset.UTC);

        SystemSample.Energy energy = use.energy();

        assertTrue(energy.available());
        assertEquals(5.85053985, energy.joulesPerInference(), 1e-8);
        assertEquals(1 / 5.85053985, energy.inferencesPerJoule(), 1e-8);
        assertEquals("GPU board energy: nvidia-smi power.draw of nvidia-smi GPU 0 (NVIDIA H200) integrated over this"
                + " model's windows (no RAPL here, so the CPU's share is not counted)", energy.source());
    }

    /** A GPU asked for where nvidia-smi is missing (as here): no figures, and the reason. */
    @Test
    void withoutNvidiaSmiTheGpuIsUnavailable() {
        assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .noneMatch(folder -> Files.isExecutable(Path.of(folder, "nvidia-smi"))), "nvidia-smi is on PATH");
        try (GpuWatch watch = GpuWatch.start(new EngineSettings(null, null, true, "gpu:0"))) {
            assertEquals("unavailable: nvidia-smi not found", watch.status());
            assertNull(watch.summarize(List.of(new GpuUse.Turn(START, START + 1000, 100))));
        }
    }

    /** On the CPU the watch starts no sampler and says the GPU figures do not apply. */
    @Test
    void onTheCpuNothingIsSampled() {
        try (GpuWatch watch = GpuWatch.start(new EngineSettings(null, null, true))) {
            assertEquals("not applicable: inference ran on the CPU", watch.status());
            assertNull(watch.summarize(List.of(new GpuUse.Turn(START, START + 1000, 100))));
        }
    }
}
