package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.hardware.CpuInfo;
import io.github.qwenbench.hardware.EngineCapabilities;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.report.Json;
import org.junit.jupiter.api.Test;

/** On this machine, with the engine the plugin ships (libtorch 2.7.1, CPU natives). */
class HostInfoTest {

    @Test
    void describesTheCpuAndWhatTheEngineWasBuiltWith() throws Exception {
        HostInfo host = HostInfo.collect(new EngineSettings(null, null, true));

        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(host));
        assertEquals("cpu", host.device());
        assertTrue(host.numaNodes() >= 1);
        assertNotNull(host.caches().source());
        CpuInfo.read().ifPresent(cpu -> assertEquals(cpu.inferenceFeatures(), host.cpuFeatures()));
        EngineCapabilities engine = host.engineCapabilities();
        assertEquals("2.7.1", engine.libtorchVersion());
        assertEquals("cpu", engine.flavor());
        assertFalse(engine.cuda(), "the plugin ships the CPU natives");
        assertEquals(0, engine.gpuCount());
        assertTrue(engine.mkldnn(), "libtorch's x86 CPU build includes oneDNN: " + engine.features());
        assertTrue(host.gpus().status().startsWith("unavailable: ") || !host.gpus().gpus().isEmpty());
    }

    @Test
    void readsTheFlavourFromTheNativesFolder() {
        assertEquals("cpu", EngineCapabilities.flavorOf("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
        assertEquals("cpu", EngineCapabilities.flavorOf("/root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64"));
        assertEquals("cu124-precxx11", EngineCapabilities.flavorOf("/x/2.5.1-cu124-precxx11-linux-x86_64"));
        assertEquals("cu128", EngineCapabilities.flavorOf("/home/ci/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64"));
        assertEquals("custom", EngineCapabilities.flavorOf("/opt/libtorch/lib"));
    }
}
