package io.github.qwenbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.host.CpuCaches;
import io.github.qwenbench.host.EngineCapabilities;
import io.github.qwenbench.host.GpuSample;
import io.github.qwenbench.host.GpuSampler;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.suite.SuiteReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final String html = HtmlReport.render(List.of(ReportFixtures.failingPerformance()), Instant.EPOCH);

    @Test
    void aFailingRunShowsTheFailure() {
        assertTrue(html.contains("<div class=\"banner fail\">FAILED"), html);
        assertTrue(html.contains("<tr class=\"fail\"><td>performance</td><td>minSpeedup</td><td>0.47</td>"));
        assertTrue(html.contains("minSpeedup is 0.47, but expected minimum is 1"));
        assertTrue(html.contains("Run started 2026-11-27T17:00:00Z, measured for 1234 ms."),
                "results of several runs can share a directory: each says when it ran");
    }

    @Test
    void textFromConfigurationIsEscaped() {
        assertFalse(html.contains(ReportFixtures.HOSTILE), "raw script from a model path");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    }

    @Test
    void theMachineIsATableAPersonReadsWithTheJvmArgumentsFolded() {
        HostInfo host = new HostInfo("Intel(R) Xeon(R) Platinum 8480+", 56, 112, "x86",
                new CpuCaches(48L << 10, 2L << 20, 105L << 20, "sysfs"), 2, List.of("avx2", "avx512f", "amx_tile"),
                25_276_510_208L, "Ubuntu 24.04 LTS", "17.0.12", "Eclipse Adoptium",
                List.of("-Xmx128m", "-Dqwen-bench.freeCores=2/0.1", "-XX:+UseSerialGC"), "0.33.0", "PyTorch", "2.7.1",
                "gpu:0", 8, 1, false,
                new EngineCapabilities("2.7.1", "cu128", "/root/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64", true, true,
                        true, true, true, 1, "12.8", List.of("CUDA", "CUDNN", "MKL", "MKLDNN", "OPENMP")),
                new GpuSampler.GpuSnapshot(GpuSampler.AVAILABLE, List.of(new GpuSample("2026/11/27 17:00:00.000", 0,
                        "NVIDIA H200", "GPU-1", "570.124.06", 0.0, 0.0, 1.0, 143_771.0, 80.0, 30.0, 1980.0))));
        SuiteReport report = ReportFixtures.failingPerformance();
        String machine = HtmlReport.machine(List.of(new SuiteReport(report.suite(), report.runId(), false,
                report.startedAt(), report.durationMillis(), host, report.models(), report.config(), report.metrics(),
                report.gates(), report.warnings(), report.headline(), report.table(), null)));
        for (String row : List.of("<tr><th>CPU</th><td>Intel(R) Xeon(R) Platinum 8480+ (x86)</td></tr>",
                "<tr><th>cores</th><td>56 physical, 112 logical</td></tr>",
                "<tr><th>caches</th><td>L1d 48.0 KiB, L2 2.0 MiB, L3 105.0 MiB (one core&#39;s; sysfs)</td></tr>",
                "<tr><th>NUMA nodes</th><td>2</td></tr>",
                "<tr><th>memory</th><td>23.5 GiB</td></tr>",
                "<tr><th>OS</th><td>Ubuntu 24.04 LTS</td></tr>",
                "<tr><th>Java</th><td>17.0.12 (Eclipse Adoptium)</td></tr>",
                "<tr><th>DJL</th><td>0.33.0</td></tr>",
                "<tr><th>engine</th><td>PyTorch 2.7.1 (cu128 natives)</td></tr>",
                "<tr><th>device</th><td>gpu:0</td></tr>",
                "<tr><th>threads</th><td>intra-op 8, inter-op 1; graph optimizer off</td></tr>",
                "<tr><th>engine built with</th><td>MKL, oneDNN, OpenMP, CUDA, cuDNN; CUDA runtime 12.8; 1 GPU seen by"
                        + " the engine</td></tr>",
                "<tr><th>GPUs</th><td>0: NVIDIA H200, 140.4 GiB, driver 570.124.06</td></tr>",
                "<tr><th>JVM arguments</th><td><details><summary>3 arguments</summary><code>-Xmx128m</code><br>")) {
            assertTrue(machine.contains(row), row + " in " + machine);
        }
        assertFalse(machine.contains("{"), "no JSON: " + machine);
        assertTrue(machine.indexOf("-XX:+UseSerialGC") > machine.indexOf("<details>"), "arguments folded away");
    }

    @Test
    void aResultWithoutGpusOrCapabilitiesSaysWhy() {
        assertEquals("unavailable: no nvidia-smi on the PATH", HtmlReport.gpus(new GpuSampler.GpuSnapshot(
                "unavailable: no nvidia-smi on the PATH", List.of())));
        assertEquals("none of MKL, oneDNN, OpenMP, CUDA, cuDNN", HtmlReport.capabilities(new EngineCapabilities(
                "2.7.1", "cpu", "/x", false, false, false, false, false, 0, null, List.of())));
    }

    @Test
    void itIsSelfContained() {
        assertFalse(html.contains("src="), "no external scripts or images");
        assertFalse(html.contains("href="), "no stylesheets or links");
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(html.contains("<svg class=\"chart\""));
    }
}
