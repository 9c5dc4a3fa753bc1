package io.github.qwenbench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class GpuSamplerTest {

    @Test
    void withoutNvidiaSmiItIsUnavailableAndSamplesNothing(@TempDir Path empty) {
        Optional<Path> found = GpuSampler.find(empty.toString());

        try (GpuSampler sampler = GpuSampler.start(found, Duration.ofMillis(100))) {
            assertEquals("unavailable: nvidia-smi not found", sampler.status());
            assertEquals(List.of(), sampler.samples());
        }
        assertEquals(new GpuSampler.GpuSnapshot("unavailable: nvidia-smi not found", List.of()),
                GpuSampler.snapshot(found));
    }

    /** These machines have no GPU: the PATH sampler says so rather than failing. */
    @Test
    void onThisMachine() {
        try (GpuSampler sampler = GpuSampler.start(Duration.ofMillis(100))) {
            System.out.println("GPU sampler here: " + sampler.status());
            if (GpuSampler.find(System.getenv("PATH")).isEmpty()) {
                assertEquals("unavailable: nvidia-smi not found", sampler.status());
            }
        }
    }

    /**
     * A stand-in nvidia-smi that loops like {@code -lms} over a recorded line: samples arrive while it
     * runs, and close() stops the process.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void samplesUntilClosedThenStopsTheProcess(@TempDir Path bin) throws Exception {
        Path fake = fakeNvidiaSmi(bin, "while true; do echo '2026/11/27 21:39:13.486, 0, NVIDIA H200, "
                + "GPU-4f5b61fa-5b41-2ff4-94cf-9cd10db0a1da, 580.159.04, 100, 25, 1139, 143771, 693.02, 54, 1425';"
                + " sleep 0.05; done");
        GpuSampler sampler = GpuSampler.start(GpuSampler.find(bin.toString()), Duration.ofMillis(50));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sampler.samples().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        sampler.close();

        assertEquals(GpuSampler.AVAILABLE, sampler.status());
        assertTrue(sampler.samples().size() >= 3, "samples: " + sampler.samples().size());
        assertEquals(693.02, sampler.samples().get(0).powerDrawWatts());
        int afterClose = sampler.samples().size();
        Thread.sleep(200);
        assertEquals(afterClose, sampler.samples().size(), "no samples after close()");
        assertFalse(ProcessHandle.current().children().anyMatch(p -> p.info().command().orElse("")
                .endsWith(fake.toString())), "the stand-in nvidia-smi still runs");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailingNvidiaSmiIsUnavailableWithItsMessage(@TempDir Path bin) throws Exception {
        fakeNvidiaSmi(bin, "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\";"
                + " exit 9");

        GpuSampler.GpuSnapshot snapshot = GpuSampler.snapshot(GpuSampler.find(bin.toString()));

        assertEquals("unavailable: nvidia-smi exited with code 9: NVIDIA-SMI has failed because it couldn't"
                + " communicate with the NVIDIA driver.", snapshot.status());
        try (GpuSampler sampler = GpuSampler.start(GpuSampler.find(bin.toString()), Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sampler.status().equals(GpuSampler.AVAILABLE) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(sampler.status().startsWith("unavailable: nvidia-smi exited with code 9: NVIDIA-SMI has"
                    + " failed"), sampler.status());
        }
    }

    private static Path fakeNvidiaSmi(Path bin, String body) throws IOException {
        Path fake = bin.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }
}
