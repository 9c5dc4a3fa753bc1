package io.github.qwenbench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The package energy counter of Intel RAPL ({@code /sys/class/powercap}), where the machine exposes it. */
final class Rapl {

    private static final Path COUNTER = Path.of("/sys/class/powercap/intel-rapl:0/energy_uj");

    private Rapl() {
    }

    /** Why energy cannot be measured here, or null when it can. */
    static String unavailableReason() {
        if (!Files.isDirectory(Path.of("/sys/class/powercap"))) {
            return "unavailable: /sys/class/powercap is absent on this machine (no RAPL counters, as on most VMs);"
                    + " CPU-seconds per inference is reported as the proxy";
        }
        if (!Files.isReadable(COUNTER)) {
            return "unavailable: " + COUNTER + " is missing or not readable; CPU-seconds per inference is reported"
                    + " as the proxy";
        }
        return null;
    }

    static String source() {
        return COUNTER.toString();
    }

    /** Microjoules so far; the counter wraps, which a run of seconds does not reach. */
    static long microjoules() {
        try {
            return Long.parseLong(Files.readString(COUNTER).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
