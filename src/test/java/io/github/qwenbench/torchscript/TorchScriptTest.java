package io.github.qwenbench.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.host.CpuInfo;
import io.github.qwenbench.host.EngineCapabilities;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.EngineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On this machine, with the engine the plugin's test classpath carries (pytorch-native-cpu): each
 * figure is checked against what the machine or the natives folder says, so the test holds on any
 * machine and fails when a probe reports something else.
 */
class TorchScriptTest {

    @Test
    void describesTheHostAndWhatTheEngineWasBuiltWith() throws Exception {
        HostInfo host = TorchScript.describeHost(new EngineSettings(null, null, true));

        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(host));
        assertEquals("cpu", host.device());
        assertEquals(Runtime.getRuntime().availableProcessors() <= host.logicalCores(), true,
                "the JVM cannot see more processors than the machine has: " + host.logicalCores());
        assertEquals(numaNodesInSysfs(), host.numaNodes());
        assertEquals(TorchScript.intraOpThreads(), host.intraOpThreads());
        CpuInfo.read().ifPresent(cpu -> assertEquals(cpu.inferenceFeatures(), host.cpuFeatures()));

        EngineCapabilities engine = host.engineCapabilities();
        String natives = Path.of(engine.libtorchPath()).getFileName().toString();
        assertTrue(natives.startsWith(engine.libtorchVersion() + "-"),
                "DJL names its natives folder <version>-<flavour>-<platform>: " + natives + " for libtorch "
                        + engine.libtorchVersion());
        assertEquals(engine.libtorchVersion(), host.engineVersion());
        assertEquals("cpu", engine.flavor(), "the test classpath carries pytorch-native-cpu: " + natives);
        assertFalse(engine.cuda(), "a CPU build of libtorch has no CUDA");
        assertEquals(0, engine.gpuCount());
        assertEquals(engine.features().contains("MKLDNN") || engine.features().stream()
                .anyMatch(f -> f.toUpperCase().contains("MKLDNN") || f.toUpperCase().contains("ONEDNN")),
                engine.mkldnn(), "oneDNN is reported both as a capability and a feature: " + engine.features());
        if (onPath("nvidia-smi")) {
            assertTrue(!host.gpus().gpus().isEmpty() || host.gpus().status().startsWith("unavailable: nvidia-smi "),
                    host.gpus().status());
        } else {
            assertEquals("unavailable: nvidia-smi not found", host.gpus().status());
            assertTrue(host.gpus().gpus().isEmpty());
        }
    }

    private static int numaNodesInSysfs() throws IOException {
        Path nodes = Path.of("/sys/devices/system/node");
        if (!Files.isDirectory(nodes)) {
            return 1;
        }
        try (Stream<Path> list = Files.list(nodes)) {
            return (int) Math.max(1, list.filter(p -> p.getFileName().toString().matches("node\\d+")).count());
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
