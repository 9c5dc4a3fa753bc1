package io.github.qwenbench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;

/**
 * This process's resident memory. On Linux it reads {@code /proc/self/status}: VmRSS now, and
 * VmHWM, the kernel's own high-water mark, which {@link #resetPeak()} restarts from the current
 * value (by writing 5 to {@code /proc/self/clear_refs}). Elsewhere it asks OSHI and keeps the peak
 * from its own samples.
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final boolean proc = Files.isReadable(STATUS);
    private final boolean kernelPeak;
    private final OSProcess process;
    private volatile long sampledPeak;

    public ResidentMemory() {
        this.kernelPeak = proc && Files.isWritable(CLEAR_REFS);
        this.process = proc ? null : new SystemInfo().getOperatingSystem().getCurrentProcess();
    }

    /** How the figures are obtained, for the results. */
    public String source() {
        if (kernelPeak) {
            return "/proc/self/status: VmRSS, and VmHWM reset per phase through /proc/self/clear_refs";
        }
        return proc ? "/proc/self/status VmRSS, peak from samples" : "OSHI resident set size, peak from samples";
    }

    /** Resident bytes now. */
    public long current() {
        long rss = proc ? statusField("VmRSS:") : refreshedProcess().getResidentSetSize();
        sampledPeak = Math.max(sampledPeak, rss);
        return rss;
    }

    /** Starts a new peak from the current resident size. */
    public void resetPeak() {
        sampledPeak = 0;
        if (kernelPeak) {
            try {
                Files.writeString(CLEAR_REFS, "5");
            } catch (IOException e) {
                throw new IllegalStateException("cannot reset the peak through " + CLEAR_REFS, e);
            }
        }
        current();
    }

    /** The largest resident size since the last {@link #resetPeak()}. */
    public long peak() {
        long sampled = Math.max(sampledPeak, current());
        return kernelPeak ? Math.max(sampled, statusField("VmHWM:")) : sampled;
    }

    private OSProcess refreshedProcess() {
        process.updateAttributes();
        return process;
    }

    private static long statusField(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS, e);
        }
        throw new IllegalStateException(STATUS + " has no " + field);
    }
}
