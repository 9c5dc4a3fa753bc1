package io.github.qwenbench.host;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The machine and runtime a measurement ran on, enough to reproduce it.
 *
 * @param cpu processor model
 * @param physicalCores physical cores
 * @param logicalCores logical processors
 * @param memoryBytes total physical memory
 * @param os operating system
 * @param javaVersion the worker JVM's version
 * @param javaVendor the worker JVM's vendor
 * @param jvmArguments the worker JVM's arguments
 * @param djlVersion DJL
 * @param engine the engine's name
 * @param engineVersion libtorch's version
 * @param device where inference ran
 * @param intraOpThreads the engine's intra-op threads, as it reports them
 * @param interOpThreads the engine's inter-op threads, as it reports them
 * @param graphOptimizer whether the TorchScript graph executor optimizer was on
 */
public record HostInfo(String cpu, int physicalCores, int logicalCores, long memoryBytes, String os,
        String javaVersion, String javaVendor, List<String> jvmArguments, String djlVersion, String engine,
        String engineVersion, String device, int intraOpThreads, int interOpThreads, boolean graphOptimizer) {

    /** Describes this JVM and the PyTorch engine, which must already be configured. */
    public static HostInfo collect(boolean graphOptimizer) {
        SystemInfo system = new SystemInfo();
        HardwareAbstractionLayer hardware = system.getHardware();
        CentralProcessor processor = hardware.getProcessor();
        Engine engine = Engine.getEngine("PyTorch");
        return new HostInfo(processor.getProcessorIdentifier().getName().trim(), processor.getPhysicalProcessorCount(),
                processor.getLogicalProcessorCount(), hardware.getMemory().getTotal(),
                system.getOperatingSystem().toString(), System.getProperty("java.version"),
                System.getProperty("java.vendor"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(),
                engine.defaultDevice().toString(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                graphOptimizer);
    }
}
