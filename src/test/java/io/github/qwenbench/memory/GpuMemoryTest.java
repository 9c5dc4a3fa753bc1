package io.github.qwenbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.html.Html;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GPU memory per phase in the memory suite: what the metrics, headline and report say on the CPU and
 * on a GPU, from samples made by hand (these machines have no GPU to read).
 */
class GpuMemoryTest {

    private static final long MIB = 1024 * 1024;
    private static final String SOURCE = "cudaMemGetInfo through DJL's CudaUtils.getGpuMemory";

    private static MemorySample sample(String role, int repetition, GpuMemorySample gpu) {
        return new MemorySample(role, repetition, 300 * MIB, 370 * MIB, 390 * MIB, 390 * MIB, 0, 0.9, 1, 2, 3, 4,
                64 * MIB, 64 * MIB, 10, 10e9, "test", gpu, null);
    }

    private static GpuMemorySample gpu(long idleMiB, long afterLoadMiB, long peakMiB) {
        return new GpuMemorySample("gpu:0", idleMiB * MIB, afterLoadMiB * MIB, peakMiB * MIB, 143771 * MIB, SOURCE,
                null);
    }

    /** Three repetitions each: the baseline loads 1 GiB and peaks 512 MiB above that, the candidate half. */
    private static List<MemorySample> onAGpu() {
        List<MemorySample> samples = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            samples.add(sample("baseline", r, gpu(500 + r, 1524 + r, 2036 + r)));
            samples.add(sample("candidate", r, gpu(500 + r, 1012 + r, 1268 + r * 2)));
        }
        return samples;
    }

    /**
     * The GPU path's entry, on this machine's CPU natives: the clear set-up error, before the warm-up
     * would touch a GPU.
     */
    @Test
    void aGpuTheEngineCannotUseIsASetUpError() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> GpuMemoryProbe.open(new EngineSettings(null, null, true, "gpu:0")));

        assertTrue(e.getMessage().startsWith("engine/device is gpu:0, but the PyTorch natives loaded from "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" are a CPU build, which cannot use a GPU."), e.getMessage());
    }

    @Test
    void onTheCpuTheProbeReadsNothing() throws Exception {
        try (GpuMemoryProbe probe = GpuMemoryProbe.open(new EngineSettings(null, null, true))) {
            probe.releaseCachedBlocks();
            assertEquals(Optional.empty(), probe.device());
            assertEquals(-1, probe.used());
            probe.startPeak();
            assertEquals(-1, probe.peak());
            assertNull(probe.sample(-1, -1, -1));
        }
    }

    @Test
    void onTheCpuTheResultsSayNotApplicable() {
        List<MemorySample> samples = List.of(sample("baseline", 1, null), sample("candidate", 1, null));

        MemoryMetrics metrics = MemoryMetrics.combine(samples);

        assertEquals("not applicable: inference ran on the CPU", metrics.gpu());
        assertNull(metrics.gpuMemory());
        assertFalse(new MemorySuite().headline(metrics).contains("GPU"), new MemorySuite().headline(metrics));
        String html = new MemorySuite().htmlSection(metrics, null);
        assertTrue(html.endsWith("<p>Read from: test. GPU: not applicable: inference ran on the CPU.</p>"), html);
        assertEquals(1, html.split("<svg").length - 1, "the resident-memory chart alone");
    }

    @Test
    void onAGpuEachModelsPhases() {
        MemoryMetrics metrics = MemoryMetrics.combine(onAGpu());

        assertEquals("gpu:0, read from " + SOURCE, metrics.gpu());
        MemoryMetrics.GpuModelMemory baseline = metrics.gpuMemory().models().get(0);
        MemoryMetrics.GpuModelMemory candidate = metrics.gpuMemory().models().get(1);
        assertEquals("baseline", baseline.role());
        assertEquals(3, baseline.repetitions());
        assertEquals(new MemoryMetrics.Spread(502 * MIB, 501 * MIB, 503 * MIB), baseline.idle());
        assertEquals(1526 * MIB, baseline.afterLoad().median());
        assertEquals(2038 * MIB, baseline.peak().median());
        assertEquals(1024 * MIB, baseline.footprint().median());
        assertEquals(1536 * MIB, baseline.peakMinusIdle().median());
        assertEquals(143771 * MIB, baseline.totalBytes());
        assertEquals(512 * MIB, candidate.footprint().median());
        assertEquals(new MemoryMetrics.Spread(770 * MIB, 769 * MIB, 771 * MIB), candidate.peakMinusIdle());
        String headline = new MemorySuite().headline(metrics);
        assertTrue(headline.endsWith("; GPU memory (gpu:0) baseline footprint 1024.0 MiB, peak 2038.0 MiB; candidate"
                + " footprint 512.0 MiB, peak 1272.0 MiB"), headline);
        String html = new MemorySuite().htmlSection(metrics, null);
        assertTrue(html.contains("GPU memory in use on gpu:0 by phase (median)"), html);
        assertTrue(html.contains("GPU: gpu:0, read from " + Html.escape(SOURCE) + ".</p>"), html);
    }

    @Test
    void aGpuThatCouldNotBeReadSaysWhy() {
        List<MemorySample> samples = new ArrayList<>(onAGpu());
        samples.set(3, sample("candidate", 2, GpuMemorySample.unavailable("gpu:0", "DJL's CudaUtils.getGpuMemory failed"
                + " (No GPU device detected.), and nvidia-smi gave no memory.used of GPU 0")));

        MemoryMetrics metrics = MemoryMetrics.combine(samples);

        assertNull(metrics.gpuMemory());
        assertEquals("unavailable on gpu:0: DJL's CudaUtils.getGpuMemory failed (No GPU device detected.), and"
                + " nvidia-smi gave no memory.used of GPU 0", metrics.gpu());
        assertTrue(new MemorySuite().headline(metrics).endsWith("; GPU memory " + metrics.gpu()));
    }

    /** Workers hand their sample over as JSON: the GPU figures survive it, and a CPU sample has none. */
    @Test
    void samplesRoundTripThroughJson() throws Exception {
        MemorySample onGpu = onAGpu().get(0);
        MemorySample onCpu = sample("baseline", 1, null);

        assertEquals(onGpu, Json.mapper().treeToValue(Json.mapper().valueToTree(onGpu), MemorySample.class));
        assertEquals(onCpu, Json.mapper().treeToValue(Json.mapper().valueToTree(onCpu), MemorySample.class));
    }
}
