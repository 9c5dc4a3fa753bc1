package io.github.qwenbench.host;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the loaded libtorch was built with, as DJL reports it ({@code TorchScript.capabilities}).
 *
 * @param libtorchVersion libtorch's version ({@code Engine.getVersion})
 * @param flavor the natives' flavour ({@code cpu}, {@code cu128}, ...), read from the folder DJL loaded
 *     them from ({@code <version>-<flavour>-<platform>}); {@code custom} for a {@code PYTORCH_LIBRARY_PATH}
 *     folder named otherwise
 * @param libtorchPath that folder
 * @param mkl built with Intel MKL
 * @param mkldnn built with oneDNN (MKL-DNN), libtorch's CPU kernels for convolutions and matrix products
 * @param openmp built with OpenMP (intra-op parallelism)
 * @param cuda built with CUDA
 * @param cudnn built with cuDNN
 * @param gpuCount GPUs the engine sees ({@code Engine.getGpuCount}: 0 for a CPU build)
 * @param cudaRuntime the CUDA runtime DJL found on the machine ({@code CudaUtils}), or null if none
 * @param features every feature libtorch reports ({@code JniUtils.getFeatures})
 */
public record EngineCapabilities(String libtorchVersion, String flavor, String libtorchPath, boolean mkl,
        boolean mkldnn, boolean openmp, boolean cuda, boolean cudnn, int gpuCount, String cudaRuntime,
        List<String> features) {

    /** {@code <version>[-<build date>]-<flavour>[-precxx11]-<os>-<arch>}, as DJL names its natives folders. */
    private static final Pattern NATIVES_FOLDER = Pattern.compile(
            "(\\d+\\.\\d+\\.\\d+)(?:-\\d+)?-(cpu|mkl|cu\\d+)(-precxx11)?-[a-z]+-[a-z0-9_]+");

    /** The flavour in a DJL natives folder name ({@code 2.7.1-cpu-linux-x86_64}), or {@code custom}. */
    public static String flavorOf(String libtorchPath) {
        Path name = Path.of(libtorchPath).getFileName();
        Matcher m = NATIVES_FOLDER.matcher(name == null ? "" : name.toString());
        return m.matches() ? m.group(2) + (m.group(3) == null ? "" : m.group(3)) : "custom";
    }

    /** The libtorch version in a DJL natives folder name ({@code 2.7.1} of {@code 2.7.1-cpu-linux-x86_64}), or null. */
    public static String versionOf(String libtorchPath) {
        Path name = Path.of(libtorchPath).getFileName();
        Matcher m = NATIVES_FOLDER.matcher(name == null ? "" : name.toString());
        return m.matches() ? m.group(1) : null;
    }
}
