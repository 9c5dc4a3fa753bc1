package io.github.qwenbench.model;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import io.github.qwenbench.host.EngineCapabilities;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.torchscript.TorchScript;

/**
 * What the loaded PyTorch engine offers for GPUs, and the check that a requested device exists.
 *
 * <p>DJL chooses the natives once, when the engine loads: {@code PYTORCH_LIBRARY_PATH} if set, else
 * the {@code pytorch-native-*} jar on the classpath whose flavour matches the machine, a CUDA flavour
 * ({@code cu128}) winning over {@code cpu} only when the NVIDIA driver reports CUDA of that version or
 * newer ({@code ai.djl.util.Platform.detectPlatform}). The plugin ships {@code pytorch-native-cpu}
 * only, so a GPU needs the CUDA natives added as a plugin dependency.
 *
 * @param cudaNatives whether the loaded libtorch was built with CUDA (DJL's {@code CUDA} capability)
 * @param cudaDriver whether DJL found the CUDA runtime and a driver ({@code CudaUtils.hasCuda})
 * @param gpuCount the GPUs the engine sees ({@code Engine.getGpuCount})
 * @param libtorch the folder DJL loaded libtorch from; its name carries version, flavour and platform
 */
public record GpuSupport(boolean cudaNatives, boolean cudaDriver, int gpuCount, String libtorch) {

    /** What the GPU figures of a suite say where inference ran on the CPU. */
    public static final String NOT_ON_GPU = "not applicable: inference ran on the CPU";

    /**
     * The CUDA natives of the loaded libtorch's version, as DJL's PyTorch engine README names them;
     * the version is read from the natives folder ({@code <version>-<flavour>-<platform>}).
     */
    public String cudaNativesArtifact() {
        return "ai.djl.pytorch:pytorch-native-cu128:" + libtorchVersion() + " (classifier linux-x86_64)";
    }

    /** The libtorch version of the natives folder ({@link EngineCapabilities#versionOf}), or a placeholder. */
    String libtorchVersion() {
        String version = EngineCapabilities.versionOf(libtorch);
        return version != null ? version : "<the engine's version>";
    }

    /** Asks the engine, which must already be loaded. */
    public static GpuSupport of(Engine engine) {
        return new GpuSupport(engine.hasCapability(StandardCapabilities.CUDA), CudaUtils.hasCuda(),
                engine.getGpuCount(), TorchScript.libtorchPath());
    }

    /**
     * Fails with a clear message unless {@code device} ({@code cpu} or {@code gpu:N}, as
     * {@code EngineSettings} spells it) can be used.
     */
    public void check(String device) throws BenchmarkSetupException {
        if (!device.startsWith("gpu:")) {
            return;
        }
        int index = Integer.parseInt(device.substring("gpu:".length()));
        String asked = "engine/device is " + device + ", but ";
        if (!cudaNatives) {
            throw new BenchmarkSetupException(asked + "the PyTorch natives loaded from " + libtorch
                    + " are a CPU build, which cannot use a GPU. Add the CUDA natives to the plugin's"
                    + " <dependencies>: " + cudaNativesArtifact() + "; DJL prefers them to pytorch-native-cpu when an"
                    + " NVIDIA driver for CUDA 12.8 or newer is installed. Or point PYTORCH_LIBRARY_PATH at the lib"
                    + " folder of a libtorch " + libtorchVersion() + " CUDA 12.8 build, with PYTORCH_VERSION="
                    + libtorchVersion() + " and"
                    + " PYTORCH_FLAVOR=cu128. Or set engine/device to cpu.");
        }
        if (gpuCount == 0) {
            throw new BenchmarkSetupException(asked + "the engine sees no GPU although its natives ("
                    + libtorch + ") are a CUDA build: " + (cudaDriver
                            ? "the CUDA runtime reports no device (check CUDA_VISIBLE_DEVICES and nvidia-smi)"
                            : "no NVIDIA driver was found (libcudart could not be loaded)")
                    + ". Install the NVIDIA driver (CUDA 12.8 or newer) and check that nvidia-smi lists the GPU,"
                    + " or set engine/device to cpu.");
        }
        if (index >= gpuCount) {
            throw new BenchmarkSetupException(asked + "the engine sees " + gpuCount + " GPU"
                    + (gpuCount == 1 ? " (gpu:0)" : "s (gpu:0 to gpu:" + (gpuCount - 1) + ")")
                    + ": choose one of those, or check CUDA_VISIBLE_DEVICES.");
        }
    }
}
