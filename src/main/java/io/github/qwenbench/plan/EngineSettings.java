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
     * The intra-op threads for {@code callers} threads calling the engine at once: the pom's setting
     * when there is one; otherwise the engine's default, unless callers times it would oversubscribe
     * the cores, then {@code max(1, cores / callers)}.
     */
    public int intraOpThreadsFor(int callers, int engineDefault, int cores) {
        if (intraOpThreads != null) {
            return intraOpThreads;
        }
        return callers * engineDefault <= cores ? engineDefault : Math.max(1, cores / callers);
    }

    /**
     * A warning when the pom's threads, or the callers alone, oversubscribe the {@code cores} (those
     * other processes leave free); null when they fit.
     */
    public String oversubscription(String where, int callers, int cores) {
        if (callers > cores) {
            return String.format(java.util.Locale.ROOT, "%s: %d threads on %d free cores compete for the CPU whatever"
                    + " the engine's threads; its figures measure contention", where, callers, cores);
        }
        if (intraOpThreads != null && callers * intraOpThreads > cores) {
            return String.format(java.util.Locale.ROOT, "%s: %d threads x engine/intraOpThreads %d oversubscribe %d"
                    + " free cores; leave intraOpThreads unset to let the plugin use %d per thread", where, callers,
                    intraOpThreads, cores, Math.max(1, cores / callers));
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
