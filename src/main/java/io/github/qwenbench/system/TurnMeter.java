package io.github.qwenbench.system;

import io.github.qwenbench.measure.ResidentMemory;
import java.lang.management.ManagementFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OSProcess;

/**
 * What one turn of this worker costs: its time, the process's CPU time, the CPU package's energy
 * (RAPL, where readable), and at its end the process's CPU use, threads and resident memory and the
 * machine's CPU use and load. Call {@link #start()} and {@link #stop()} once per turn, on one thread.
 */
final class TurnMeter {

    /**
     * One turn.
     *
     * @param epochMillis when the turn began, milliseconds since the epoch
     * @param fromMillis when serving began, milliseconds since the epoch
     * @param toMillis when its last request returned, milliseconds since the epoch
     * @param seconds from the start of serving until its last request returned
     * @param cpuNanos this process's CPU time in it
     * @param microjoules the CPU package's energy in it; 0 where RAPL is unreadable
     * @param processCpuPercent this process's CPU use in it, 100 per fully used core
     * @param machineCpuPercent the whole machine's CPU use in it, 0 to 100
     * @param threads this process's threads at its end
     * @param loadAverage the machine's one-minute load average at its end
     * @param residentBytes this process's resident memory at its end
     */
    record Cost(long epochMillis, long fromMillis, long toMillis, double seconds, long cpuNanos, long microjoules,
            double processCpuPercent, double machineCpuPercent, int threads, double loadAverage,
            long residentBytes) {
    }

    private final ResidentMemory memory = new ResidentMemory();
    private final Resources resources = new Resources();
    private final String energyUnavailableReason = Rapl.unavailableReason();
    private long epochMillis;
    private long energyStart;
    private long cpuStart;
    private long startNanos;
    private long fromMillis;

    /** Why RAPL cannot be read here ({@link Rapl#unavailableReason()}), or null when it can. */
    String energyUnavailableReason() {
        return energyUnavailableReason;
    }

    /** Starts a turn; returns the {@link System#nanoTime()} at which its serving starts. */
    long start() {
        epochMillis = System.currentTimeMillis();
        energyStart = energyUnavailableReason == null ? Rapl.microjoules() : -1;
        cpuStart = processCpuNanos();
        resources.read();
        startNanos = System.nanoTime();
        fromMillis = System.currentTimeMillis();
        return startNanos;
    }

    /** Ends the turn begun by {@link #start()}, once its last request has returned. */
    Cost stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long toMillis = System.currentTimeMillis();
        long cpuNanos = processCpuNanos() - cpuStart;
        long microjoules = energyStart >= 0 ? Rapl.microjoules() - energyStart : 0;
        Resources.Reading reading = resources.read();
        return new Cost(epochMillis, fromMillis, toMillis, seconds, cpuNanos, microjoules, reading.processCpuPercent(),
                reading.machineCpuPercent(), reading.threads(), reading.loadAverage(), memory.current());
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Process and machine resources through OSHI, each reading over the time since the one before. */
    private static final class Resources {
        private final SystemInfo system = new SystemInfo();
        private final CentralProcessor processor = system.getHardware().getProcessor();
        private final OSProcess process = system.getOperatingSystem().getCurrentProcess();
        private long[] ticks = processor.getSystemCpuLoadTicks();
        private long cpuNanos = processCpuNanos();
        private long at = System.nanoTime();

        record Reading(double processCpuPercent, double machineCpuPercent, int threads, double loadAverage) {
        }

        Reading read() {
            long now = System.nanoTime();
            long cpu = processCpuNanos();
            double processPercent = 100.0 * (cpu - cpuNanos) / (now - at);
            double machinePercent = 100.0 * processor.getSystemCpuLoadBetweenTicks(ticks);
            ticks = processor.getSystemCpuLoadTicks();
            cpuNanos = cpu;
            at = now;
            process.updateAttributes();
            return new Reading(processPercent, machinePercent, process.getThreadCount(),
                    processor.getSystemLoadAverage(1)[0]);
        }
    }
}
