package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuCachesTest {

    /**
     * The sysfs layout with the sizes lscpu reported on the recorded Sapphire Rapids machine (768 KiB
     * of L1d over 16 instances is 48K each, 32 MiB of L2 is 2048K each, one 300 MiB L3).
     */
    @Test
    void readsEachLevelFromSysfs(@TempDir Path cache) throws IOException {
        index(cache, 0, 1, "Data", "48K");
        index(cache, 1, 1, "Instruction", "32K");
        index(cache, 2, 2, "Unified", "2048K");
        index(cache, 3, 3, "Unified", "307200K");

        CpuCaches caches = CpuCaches.fromSysfs(cache);

        assertEquals(new CpuCaches(48L * 1024, 2048L * 1024, 307200L * 1024, "sysfs"), caches);
    }

    @Test
    void saysWhyWhenSysfsHasNoCaches(@TempDir Path root) {
        CpuCaches caches = CpuCaches.fromSysfs(root.resolve("cache"));

        assertNull(caches.l1dBytes());
        assertTrue(caches.source().startsWith("unavailable: "), caches.source());
    }

    @Test
    void sizesUseBinaryUnits() {
        assertEquals(48 * 1024, CpuCaches.size("48K"));
        assertEquals(32L << 20, CpuCaches.size("32M"));
        assertEquals(512, CpuCaches.size("512"));
    }

    @Test
    void countsNumaNodeFolders(@TempDir Path node) throws IOException {
        Files.createDirectories(node.resolve("node0"));
        Files.createDirectories(node.resolve("node1"));
        Files.createDirectories(node.resolve("power"));
        Files.writeString(node.resolve("online"), "0-1\n");

        assertEquals(2, NumaNodes.count(node));
        assertEquals(1, NumaNodes.count(node.resolve("absent")));
    }

    private static void index(Path cache, int index, int level, String type, String size) throws IOException {
        Path dir = Files.createDirectories(cache.resolve("index" + index));
        Files.writeString(dir.resolve("level"), level + "\n");
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("size"), size + "\n");
    }
}
