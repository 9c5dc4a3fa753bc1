package io.github.qwenbench.host;

import ai.djl.engine.Engine;
import io.github.qwenbench.host.GpuSampler.GpuSnapshot;
import io.github.qwenbench.plan.EngineSettings;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The machine and runtime a measurement ran on, enough to reproduce it.
 *
 * @param cpu processor model
 * @param physicalCores physical cores
 * @param logicalCores logical processors
 * @param architecture {@code x86} or {@code arm64} as {@code /proc/cpuinfo} shows, else the JVM's os.arch
 * @param caches the data caches of one core: L1d, L2, L3
 * @param numaNodes NUMA nodes
 * @param cpuFeatures the instruction-set extensions that matter for inference (AVX2, AVX-512, AMX; NEON,
 *     SVE, dot product, i8mm, bf16), under the kernel's names; see {@link CpuInfo#INFERENCE_FEATURES}
 * @param memoryBytes total physical memory
 * @param os operating system
 * @param javaVersion the worker JVM's version
 * @param javaVendor the worker JVM's vendor
 * @param jvmArguments the worker JVM's arguments
 * @param djlVersion DJL
 * @param engine the engine's name
 * @param engineVersion libtorch's version
 * @param device where inference ran: {@code cpu} or {@code gpu:N}
 * @param intraOpThreads the engine's intra-op threads, as it reports them
 * @param interOpThreads the engine's inter-op threads, as it reports them
 * @param graphOptimizer whether the TorchScript graph executor optimizer was on
 * @param engineCapabilities what libtorch was built with (MKL, oneDNN, OpenMP, CUDA, cuDNN) and the
 *     natives' flavour
 * @param gpus the NVIDIA GPUs nvidia-smi lists, or why there are none
 */
public record HostInfo(String cpu, int physicalCores, int logicalCores, String architecture, CpuCaches caches,
        int numaNodes, List<String> cpuFeatures, long memoryBytes, String os, String javaVersion,
        String javaVendor, List<String> jvmArguments, String djlVersion, String engine, String engineVersion,
        String device, int intraOpThreads, int interOpThreads, boolean graphOptimizer,
        EngineCapabilities engineCapabilities, GpuSnapshot gpus) {

    /**
     * Describes this JVM and its machine, with what the engine (already configured with
     * {@code settings}) reports of itself.
     */
    public static HostInfo collect(EngineSettings settings, String engineName, String engineVersion,
            int intraOpThreads, int interOpThreads, EngineCapabilities engineCapabilities) {
        SystemInfo system = new SystemInfo();
        HardwareAbstractionLayer hardware = system.getHardware();
        CentralProcessor processor = hardware.getProcessor();
        Optional<CpuInfo> cpuInfo = CpuInfo.read();
        String name = processor.getProcessorIdentifier().getName().trim();
        if (name.isEmpty() || name.equalsIgnoreCase("unknown")) {
            name = cpuInfo.map(CpuInfo::model).orElse(name);
        }
        return new HostInfo(name, processor.getPhysicalProcessorCount(), processor.getLogicalProcessorCount(),
                cpuInfo.map(CpuInfo::architecture).orElse(System.getProperty("os.arch")),
                CpuCaches.collect(processor), NumaNodes.count(),
                cpuInfo.map(CpuInfo::inferenceFeatures).orElse(List.of()), hardware.getMemory().getTotal(),
                system.getOperatingSystem().toString(), System.getProperty("java.version"),
                System.getProperty("java.vendor"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Engine.getDjlVersion(), engineName, engineVersion, settings.device(), intraOpThreads,
                interOpThreads, settings.graphOptimizer(), engineCapabilities, GpuSampler.snapshot());
    }
}
