package io.github.qwenbench.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How many cores other processes leave free: read from {@code /proc/stat} over a short window just
 * before a suite's workers start, less what this process itself used. A model that runs with more
 * intra-op threads than there are free cores waits for its slowest thread, and its latencies turn
 * bimodal (seen here with one core kept busy: blocks of 2 ms and of 6 ms), so the comparison needs
 * many times the measuring to decide.
 *
 * @param cores the machine's logical cores
 * @param busyElsewhere cores' worth of CPU that other processes used during the probe; NaN when unknown
 * @param source how it was measured, or why it could not be
 */
public record FreeCores(int cores, double busyElsewhere, String source) {

    /** The system property that hands the probe's result to the workers, as {@code cores/busy}. */
    public static final String PROPERTY = "qwen-bench.freeCores";

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Cores' worth of CPU other processes left free, unrounded; all cores when unknown. */
    public double freeShare() {
        return Double.isNaN(busyElsewhere) ? cores : Math.max(0, cores - busyElsewhere);
    }

    /** Cores free for the models: at least one. */
    public int free() {
        if (Double.isNaN(busyElsewhere)) {
            return cores;
        }
        return Math.max(1, (int) Math.round(cores - busyElsewhere));
    }

    /** The value of {@link #PROPERTY}. */
    public String property() {
        return String.format(Locale.ROOT, "%d/%.2f", cores, busyElsewhere);
    }

    /** What the worker was told by Maven's probe, or all cores when it was not told. */
    public static FreeCores inThisWorker() {
        String value = System.getProperty(PROPERTY);
        int cores = Runtime.getRuntime().availableProcessors();
        if (value == null || !value.contains("/")) {
            return new FreeCores(cores, Double.NaN, "not probed");
        }
        String[] parts = value.split("/");
        return new FreeCores(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), "probed before the suite");
    }

    /** Measures for {@code window} how much CPU other processes use. */
    public static FreeCores probe(Duration window) {
        Window open = open();
        LockSupport.parkNanos(window.toNanos());
        return open.close();
    }

    /**
     * Starts measuring how much CPU other processes use from now until {@link Window#close}: over a
     * whole measurement, so that load that comes and goes during it is seen, not only the load of
     * the moment before. This process's own CPU (the worker measuring) is excluded.
     */
    public static Window open() {
        return new Window(readStat(), ownCpuNanos(), System.nanoTime());
    }

    /** A measuring window opened by {@link #open}. */
    public static final class Window {
        private final long[] before;
        private final long ownBefore;
        private final long start;

        private Window(long[] before, long ownBefore, long start) {
            this.before = before;
            this.ownBefore = ownBefore;
            this.start = start;
        }

        /** Milliseconds since the window opened. */
        public long elapsedMillis() {
            return (System.nanoTime() - start) / 1_000_000;
        }

        /** The cores other processes left free since the window opened. */
        public FreeCores close() {
            int cores = Runtime.getRuntime().availableProcessors();
            if (before == null) {
                return new FreeCores(cores, Double.NaN, "unavailable: " + PROC_STAT + " cannot be read");
            }
            long[] after = readStat();
            long wall = System.nanoTime() - start;
            long ownAfter = ownCpuNanos();
            if (after == null || after[0] == before[0]) {
                return new FreeCores(cores, Double.NaN, "unavailable: " + PROC_STAT + " did not move");
            }
            double busyShare = (double) (after[1] - before[1]) / (after[0] - before[0]);
            double own = ownBefore < 0 ? 0 : (double) (ownAfter - ownBefore) / wall;
            double elsewhere = Math.max(0, busyShare * cores - own);
            return new FreeCores(cores, elsewhere, String.format(Locale.ROOT, "/proc/stat over %d ms, less this"
                    + " worker's own CPU", wall / 1_000_000));
        }
    }

    /** {total, busy} jiffies of the aggregate {@code cpu} line, or null. */
    static long[] readStat() {
        try {
            return parseStat(Files.readAllLines(PROC_STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {total, busy} of a {@code cpu user nice system idle iowait irq softirq steal ...} line; idle and iowait are not busy. */
    static long[] parseStat(String line) {
        String[] fields = line.trim().split("\\s+");
        if (!"cpu".equals(fields[0]) || fields.length < 5) {
            return null;
        }
        long total = 0;
        long idle = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            long value = Long.parseLong(fields[i]);
            total += value;
            if (i == 4 || i == 5) {
                idle += value;
            }
        }
        return new long[] {total, total - idle};
    }

    private static long ownCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
