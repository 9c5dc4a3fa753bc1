package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.plan.BenchmarkSetupException;
import org.junit.jupiter.api.Test;

class GpuSupportTest {

    private static final String CPU_NATIVES = "/root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64";
    private static final String CUDA_NATIVES = "/root/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64";

    @Test
    void theCpuNeedsNothing() {
        assertDoesNotThrow(() -> new GpuSupport(false, false, 0, CPU_NATIVES).check("cpu"));
    }

    @Test
    void cpuNativesNameTheCudaDependencyAndTheSettings() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> new GpuSupport(false, false, 0, CPU_NATIVES).check("gpu:0"));

        assertTrue(e.getMessage().startsWith("engine/device is gpu:0, but the PyTorch natives loaded from "
                + CPU_NATIVES + " are a CPU build"), e.getMessage());
        assertTrue(e.getMessage().contains("ai.djl.pytorch:pytorch-native-cu128:2.7.1 (classifier linux-x86_64)"));
        assertTrue(e.getMessage().contains("PYTORCH_VERSION=2.7.1"), "the version comes from the natives folder");
        String other = assertThrows(BenchmarkSetupException.class, () -> new GpuSupport(false, false, 0,
                "/home/ci/.djl.ai/pytorch/2.9.0-cpu-linux-aarch64").check("gpu:0")).getMessage();
        assertTrue(other.contains("pytorch-native-cu128:2.9.0 ") && other.contains("PYTORCH_VERSION=2.9.0"), other);
        assertTrue(e.getMessage().contains("PYTORCH_FLAVOR=cu128"));
        assertTrue(e.getMessage().endsWith("Or set engine/device to cpu."));
    }

    @Test
    void cudaNativesWithoutADriverSayTheDriverIsMissing() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> new GpuSupport(true, false, 0, CUDA_NATIVES).check("gpu:0"));

        assertTrue(e.getMessage().contains("no NVIDIA driver was found"), e.getMessage());
        assertTrue(e.getMessage().contains("Install the NVIDIA driver (CUDA 12.8 or newer)"));
    }

    @Test
    void aGpuNumberBeyondTheLastIsNamed() {
        assertDoesNotThrow(() -> new GpuSupport(true, true, 2, CUDA_NATIVES).check("gpu:1"));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> new GpuSupport(true, true, 2, CUDA_NATIVES).check("gpu:2"));

        assertTrue(e.getMessage().startsWith("engine/device is gpu:2, but the engine sees 2 GPUs (gpu:0 to gpu:1)"),
                e.getMessage());
    }
}
