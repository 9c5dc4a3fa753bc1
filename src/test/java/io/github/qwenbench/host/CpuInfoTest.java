package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CpuInfoTest {

    static String resource(String name) throws IOException {
        try (InputStream in = CpuInfoTest.class.getResourceAsStream("/hardware/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Recorded on the H200 server: the first processor's block of a 16-core Sapphire Rapids guest. */
    @Test
    void recordedSapphireRapidsHasAvx512AndAmx() throws IOException {
        CpuInfo cpu = CpuInfo.parse(resource("cpu-x86-sapphire/cpuinfo-first-processor.txt"));

        assertEquals("x86", cpu.architecture());
        assertEquals("Intel(R) Xeon(R) Processor", cpu.model());
        assertEquals(16, cpu.physicalCores());
        assertEquals(16, cpu.logicalProcessors());
        assertEquals(List.of("avx2", "fma", "f16c", "avx_vnni", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
                "avx512_bf16", "avx512_fp16", "amx_tile", "amx_int8", "amx_bf16"), cpu.inferenceFeatures());
        assertTrue(cpu.has("sse4_2"));
        assertFalse(cpu.has("asimd"));
    }

    /**
     * Written by hand from the kernel's documented arm64 format, not recorded (see the README beside
     * it): four Neoverse-V1 cores, which have SVE but not SVE2.
     */
    @Test
    void documentedNeoverseV1HasSveDotProductAndI8mmButNotSve2() throws IOException {
        CpuInfo cpu = CpuInfo.parse(resource("cpu-arm64-neoverse-v1/cpuinfo.txt"));

        assertEquals("arm64", cpu.architecture());
        assertEquals("Neoverse-V1", cpu.model());
        assertEquals(4, cpu.logicalProcessors());
        assertEquals(4, cpu.physicalCores());
        assertEquals(List.of("asimd", "asimdhp", "asimddp", "i8mm", "bf16", "sve", "svei8mm", "svebf16"),
                cpu.inferenceFeatures());
        assertFalse(cpu.has("sve2"));
        assertFalse(cpu.has("avx2"));
    }

    @Test
    void countsDistinctCoresAcrossProcessorBlocks() {
        String block = "processor\t: %d\nmodel name\t: Test CPU\nphysical id\t: 0\nsiblings\t: 4\ncore id\t\t: %d\n"
                + "cpu cores\t: 2\nflags\t\t: fpu avx2 fma ht\n\n";
        CpuInfo cpu = CpuInfo.parse(String.format(block, 0, 0) + String.format(block, 1, 1)
                + String.format(block, 2, 0) + String.format(block, 3, 1));

        assertEquals(4, cpu.logicalProcessors());
        assertEquals(2, cpu.physicalCores());
        assertEquals(List.of("avx2", "fma"), cpu.inferenceFeatures());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisMachine() throws IOException {
        CpuInfo cpu = CpuInfo.read().orElseThrow();
        String text = Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1);

        System.out.println("This machine: " + cpu.architecture() + " " + cpu.model() + ", "
                + cpu.physicalCores() + " cores, " + cpu.logicalProcessors() + " threads, inference features "
                + cpu.inferenceFeatures());
        assertEquals(text.lines().filter(l -> l.startsWith("processor")).count(), cpu.logicalProcessors());
        assertTrue(cpu.physicalCores() >= 1 && cpu.physicalCores() <= cpu.logicalProcessors());
        if (cpu.architecture().equals("x86")) {
            assertEquals(text.contains(" avx2 "), cpu.has("avx2"));
        }
    }
}
