package io.github.qwenbench.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validated engine settings.
 *
 * @param intraOpThreads intra-op threads, or null for the engine's default
 * @param interOpThreads inter-op threads, or null for the engine's default
 * @param graphOptimizer whether the TorchScript graph executor optimizer is on
 * @param device where inference runs, spelled {@code cpu} or {@code gpu:N}
 */
public record EngineSettings(Integer intraOpThreads, Integer interOpThreads, boolean graphOptimizer, String device) {

    /** Where inference runs unless {@code <engine><device>} says otherwise. */
    public static final String CPU = "cpu";

    private static final Pattern DEVICE = Pattern.compile("(cpu)|(gpu)(?::(\\d{1,3}))?");

    /** The defaults: the engine's thread counts, the graph optimizer on, the CPU. */
    public EngineSettings(Integer intraOpThreads, Integer interOpThreads, boolean graphOptimizer) {
        this(intraOpThreads, interOpThreads, graphOptimizer, CPU);
    }

    /**
     * The engine's intra-op threads per calling thread: the pom's setting, or 1. A fixed number, not
     * one fitted to the load of the moment, so that every run measures the same experiment; thread
     * scaling is the hardware suite's question.
     */
    public int intraOpThreadsPerCaller() {
        return intraOpThreads != null ? intraOpThreads : 1;
    }

    /**
     * A warning when {@code callers} x the intra-op threads exceed the machine's {@code cores}: then the
     * conditions can never fit, and the comparison's gates always end INCONCLUSIVE as busy; null when they fit.
     */
    public String oversubscription(String where, int callers, int cores) {
        int threads = intraOpThreadsPerCaller();
        if (callers * threads > cores) {
            return String.format(java.util.Locale.ROOT, "%s: %d threads x %d intra-op threads need more than the"
                    + " machine's %d cores; the comparison uses all %d, and it decides only when no other process"
                    + " takes CPU", where, callers, threads, cores, cores);
        }
        return null;
    }

    public static EngineSettings from(EngineConfig config) throws BenchmarkSetupException {
        if (config == null) {
            return new EngineSettings(null, null, true);
        }
        if (config.intraOpThreads != null) {
            Thresholds.atLeast("engine/intraOpThreads", config.intraOpThreads, 1);
        }
        if (config.interOpThreads != null) {
            Thresholds.atLeast("engine/interOpThreads", config.interOpThreads, 1);
        }
        return new EngineSettings(config.intraOpThreads, config.interOpThreads, config.graphOptimizer,
                device(config.device));
    }

    /** {@code cpu}, {@code gpu} or {@code gpu:N} (any case, blank: cpu), spelled {@code cpu} or {@code gpu:N}. */
    static String device(String value) throws BenchmarkSetupException {
        if (value == null || value.isBlank()) {
            return CPU;
        }
        Matcher m = DEVICE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BenchmarkSetupException("engine/device is '" + value + "', which is not a device: use cpu"
                    + " (the default), gpu (the first GPU) or gpu:N (GPU number N, counting from 0).");
        }
        return m.group(1) != null ? CPU : "gpu:" + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** Whether inference runs on a GPU. */
    public boolean gpu() {
        return !CPU.equals(device);
    }

    /** The GPU's number, or -1 on the CPU. */
    public int gpuIndex() {
        return gpu() ? Integer.parseInt(device.substring("gpu:".length())) : -1;
    }

    /** The name DJL's {@code Device.fromName} reads: {@code cpu} or {@code gpuN}. */
    public String djlDeviceName() {
        return gpu() ? "gpu" + gpuIndex() : CPU;
    }
}
