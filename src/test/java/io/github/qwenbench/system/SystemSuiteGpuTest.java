package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.host.RecordedH200;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.LatencySummary;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The system suite's headline, report and warnings with and without GPU figures. */
class SystemSuiteGpuTest {

    private static final SystemSuite SUITE = new SystemSuite();

    private static final String RAPL_MISSING = "unavailable: /sys/class/powercap is absent on this machine";

    /** Three one-second turns of a model over the H200's recorded load, 100 requests each. */
    private static GpuUse recordedLoad() {
        long start = RecordedH200.utcMillis("2026/11/27 21:39:10.872");
        List<GpuUse.Turn> turns = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            turns.add(new GpuUse.Turn(start + 1000L * k, start + 1000L * (k + 1), 100));
        }
        return GpuUse.of("gpu:0", "0", GpuWatch.SOURCE, RecordedH200.loaded(), turns, ZoneOffset.UTC);
    }

    private static SystemSample sample(String role, String gpu, GpuUse use) {
        List<SystemSample.Window> windows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            windows.add(new SystemSample.Window(i, 100, 0, 100, 2, 4, 150, 90, 300_000_000L, 30, 1.5, 0));
        }
        SystemSample.Energy energy = use == null ? new SystemSample.Energy(false, RAPL_MISSING, Double.NaN, Double.NaN)
                : use.energy();
        return new SystemSample(role, "closed loop, 2 users", 3, 300, 0, 0, Map.of(), 0, 100,
                new LatencySummary(300, 1, 2, 0.5, 0.25, 2, 3, 3.5, 4, 5, 6), windows, 0.01, 0.05, 300_000_000L,
                300_000_000L, 0, 0, 0.002, energy, gpu, 1, use, SystemSample.REQUESTS_PER_SECOND, null, null, null);
    }

    private static SystemMetrics metrics(String gpu, GpuUse use) throws Exception {
        return SystemMetrics.combine(sample("baseline", gpu, use), sample("candidate", gpu, use),
                SystemSettings.from(new SystemConfig()), new io.github.qwenbench.host.FreeCores(2, 0.0, "test"), 0);
    }

    @Test
    void onTheCpuNothingAboutTheGpu() throws Exception {
        SystemMetrics cpu = metrics("not applicable: inference ran on the CPU", null);

        assertEquals("baseline 100.0 requests/s, p99 4.00 ms, drift +0.010, CPU 2.00 ms/request, memory +0.0 MiB, 0 errors;"
                + " candidate 100.0 requests/s, p99 4.00 ms, drift +0.010, CPU 2.00 ms/request, memory +0.0 MiB, 0 errors;"
                + " energy " + RAPL_MISSING, SUITE.headline(cpu));
        String html = SUITE.htmlSection(cpu, null);
        assertFalse(html.contains("GPU"), html);
        assertTrue(html.endsWith("</div><p>Energy: " + RAPL_MISSING + "</p>"), html);
        assertEquals(List.of(), SystemSuite.gpuWarnings(1000, cpu));
    }

    @Test
    void onAGpuItsUseAndEnergy() throws Exception {
        SystemMetrics gpu = metrics("gpu:0 sampled as nvidia-smi GPU 0", recordedLoad());

        String headline = SUITE.headline(gpu);
        assertTrue(headline.startsWith("baseline 100.0 requests/s, p99 4.00 ms, drift +0.010, CPU 2.00 ms/request, memory"
                + " +0.0 MiB, 0 errors, GPU 100% busy, 656 W, 6.5600 J/inference, 1139 MiB used; candidate"), headline);
        assertTrue(headline.endsWith("; energy 6.5600 J/inference (GPU board energy: nvidia-smi power.draw of"
                + " nvidia-smi GPU 0 (NVIDIA H200) integrated over this model's windows (no RAPL here, so the CPU's share"
                + " is not counted))"), headline);
        String html = SUITE.htmlSection(gpu, null);
        for (String chart : List.of("GPU utilization per window", "GPU power per window",
                "GPU memory used per window (whole device)")) {
            assertTrue(html.contains(chart), chart);
        }
        assertTrue(html.contains("<p>GPU: gpu:0 sampled as nvidia-smi GPU 0. nvidia-smi --query-gpu every 100 ms"),
                html);
    }

    /** Workers hand their sample over as JSON: the GPU figures survive it. */
    @Test
    void samplesRoundTripThroughJson() throws Exception {
        SystemSample onGpu = sample("candidate", "gpu:0 sampled as nvidia-smi GPU 0", recordedLoad());
        SystemSample onCpu = sample("candidate", "not applicable: inference ran on the CPU", null);

        assertEquals(onGpu, Json.mapper().treeToValue(Json.mapper().valueToTree(onGpu), SystemSample.class));
        assertEquals(onCpu, Json.mapper().treeToValue(Json.mapper().valueToTree(onCpu), SystemSample.class));
    }

    @Test
    void shortWindowsBlurGpuEnergy() throws Exception {
        SystemMetrics gpu = metrics("gpu:0 sampled as nvidia-smi GPU 0", recordedLoad());

        assertEquals(List.of("GPU power and energy per model are blurred: system/window is 1000 ms, and on Ampere and"
                + " newer GPUs nvidia-smi's power.draw averages over one second, so each turn that follows the other"
                + " model's includes part of it. Set <system><window> to 5s or more for GPU energy figures."),
                SystemSuite.gpuWarnings(1000, gpu));
        assertEquals(List.of(), SystemSuite.gpuWarnings(5000, gpu));
    }
}
