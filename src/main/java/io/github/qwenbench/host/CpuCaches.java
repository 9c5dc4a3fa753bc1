package io.github.qwenbench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import oshi.hardware.CentralProcessor.ProcessorCache;
import oshi.hardware.CentralProcessor;

/**
 * The data caches one core sees, each level's size as one instance of it (the L1d and L2 of one core,
 * the L3 that core shares), as {@code /sys/devices/system/cpu/cpu0/cache/index*} reports them.
 *
 * @param l1dBytes level-1 data cache, or null if unknown
 * @param l2Bytes level-2 cache, or null
 * @param l3Bytes level-3 cache, or null
 * @param source where the sizes came from: {@code sysfs}, {@code oshi}, or {@code unavailable: why}
 */
public record CpuCaches(Long l1dBytes, Long l2Bytes, Long l3Bytes, String source) {

    /** The first CPU's caches from sysfs, else from OSHI, else unavailable with the reason. */
    public static CpuCaches collect(CentralProcessor processor) {
        CpuCaches sysfs = fromSysfs(Path.of("/sys/devices/system/cpu/cpu0/cache"));
        if (!sysfs.source().startsWith("unavailable")) {
            return sysfs;
        }
        CpuCaches oshi = fromOshi(processor.getProcessorCaches());
        return oshi.source().startsWith("unavailable") ? sysfs : oshi;
    }

    /** Reads a {@code cpuN/cache} folder: {@code indexK/level}, {@code type} and {@code size} ("48K"). */
    static CpuCaches fromSysfs(Path cacheDirectory) {
        if (!Files.isDirectory(cacheDirectory)) {
            return new CpuCaches(null, null, null, "unavailable: " + cacheDirectory + " does not exist");
        }
        Long l1d = null;
        Long l2 = null;
        Long l3 = null;
        try (Stream<Path> indexes = Files.list(cacheDirectory)) {
            for (Path index : indexes.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                String type = Files.readString(index.resolve("type")).trim();
                long bytes = size(Files.readString(index.resolve("size")).trim());
                if (level == 1 && type.equals("Data")) {
                    l1d = bytes;
                } else if (level == 2 && !type.equals("Instruction")) {
                    l2 = bytes;
                } else if (level == 3 && !type.equals("Instruction")) {
                    l3 = bytes;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new CpuCaches(null, null, null, "unavailable: " + cacheDirectory + " unreadable: " + e.getMessage());
        }
        return new CpuCaches(l1d, l2, l3, "sysfs");
    }

    static CpuCaches fromOshi(List<ProcessorCache> caches) {
        Long l1d = null;
        Long l2 = null;
        Long l3 = null;
        for (ProcessorCache cache : caches) {
            if (cache.getType() == ProcessorCache.Type.INSTRUCTION) {
                continue;
            }
            switch (cache.getLevel()) {
                case 1 -> l1d = (long) cache.getCacheSize();
                case 2 -> l2 = (long) cache.getCacheSize();
                case 3 -> l3 = (long) cache.getCacheSize();
                default -> {
                }
            }
        }
        return l1d == null && l2 == null && l3 == null
                ? new CpuCaches(null, null, null, "unavailable: OSHI reports no caches")
                : new CpuCaches(l1d, l2, l3, "oshi");
    }

    /** sysfs sizes: a number with an optional K, M or G suffix (binary units). */
    static long size(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        char unit = t.charAt(t.length() - 1);
        long multiplier = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(multiplier == 1 ? t : t.substring(0, t.length() - 1)) * multiplier;
    }
}
