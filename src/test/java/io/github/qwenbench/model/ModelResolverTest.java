package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.ModelSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {

    @TempDir
    Path dir;

    private ModelResolver resolver(ArtifactResolver artifacts) {
        return new ModelResolver(artifacts, dir.resolve("unpacked"));
    }

    private ModelResolver resolver() {
        return resolver((c, s) -> {
            throw new AssertionError("not expected");
        });
    }

    @Test
    void resolvesAPathAndRecordsItsChecksum() throws Exception {
        ModelFile model = resolver().resolve("baseline", TestModels.source("baseline.pt"), null);
        assertEquals(ModelResolver.sha256(TestModels.file("baseline.pt")), model.sha256());
        assertEquals(Files.size(TestModels.file("baseline.pt")), model.bytes());
    }

    @Test
    void aMissingFileNamesThePathAndTheSetting() {
        ModelSource source = new ModelSource(dir.resolve("nowhere.pt").toFile(), null, null);
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> resolver().resolve("candidate", source, null));
        assertTrue(e.getMessage().startsWith("Model file not found: " + dir.resolve("nowhere.pt")), e.getMessage());
        assertTrue(e.getMessage().contains("<candidate><path>"), e.getMessage());
    }

    @Test
    void aChecksumMismatchStopsBeforeLoading() {
        ModelSource source = new ModelSource(TestModels.file("degraded.pt").toFile(), null, "00ff");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> resolver().resolve("candidate", source, null));
        assertTrue(e.getMessage().contains("<candidate><sha256> expects 00ff"), e.getMessage());
    }

    @Test
    void unconfiguredOrDoublyConfiguredModelsAreErrors() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> resolver().resolve("baseline", null, null));
        assertTrue(e.getMessage().contains("-Dqwen-bench.baseline=PATH"), e.getMessage());
        ModelSource both = new ModelSource(TestModels.file("baseline.pt").toFile(), "g:a:1", null);
        assertThrows(BenchmarkSetupException.class, () -> resolver().resolve("baseline", both, null));
    }

    @Test
    void theCommandLineOverrideWins() throws Exception {
        ModelFile model = resolver().resolve("candidate", TestModels.source("baseline.pt"),
                TestModels.file("degraded.pt").toString());
        assertEquals(TestModels.file("degraded.pt").toString(), model.path());
    }

    @Test
    void unpacksAZipArtifact() throws Exception {
        Path zip = dir.resolve("model.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("the model".getBytes());
            out.putNextEntry(new ZipEntry("export/optimized.pt"));
            Files.copy(TestModels.file("optimized.pt"), out);
        }
        String sha = ModelResolver.sha256(zip);
        ModelFile model = resolver((coordinates, setting) -> {
            assertEquals("org.example:tiny-qwen:1.0:zip", coordinates);
            return zip;
        }).resolve("candidate", new ModelSource(null, "org.example:tiny-qwen:1.0:zip", sha), null);
        assertEquals(dir.resolve("unpacked/candidate/optimized.pt").toString(), model.path());
        assertEquals(ModelResolver.sha256(TestModels.file("optimized.pt")), model.sha256());
    }

    @Test
    void unpacksATarGzAndRejectsOneWithoutAModel() throws Exception {
        Path tgz = dir.resolve("model.tar.gz");
        try (OutputStream file = Files.newOutputStream(tgz);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry("baseline.pt");
            entry.setSize(Files.size(TestModels.file("baseline.pt")));
            tar.putArchiveEntry(entry);
            Files.copy(TestModels.file("baseline.pt"), tar);
            tar.closeArchiveEntry();
        }
        ModelFile model = resolver().resolve("baseline", new ModelSource(tgz.toFile(), null, null), null);
        assertTrue(model.path().endsWith("unpacked/baseline/baseline.pt"), model.path());

        Path empty = dir.resolve("empty.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new ZipEntry("notes.txt"));
        }
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> resolver().resolve("baseline", new ModelSource(empty.toFile(), null, null), null));
        assertTrue(e.getMessage().contains("holds 0 .pt files"), e.getMessage());
    }
}
