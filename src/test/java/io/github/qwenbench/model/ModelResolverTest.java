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
import java.util.List;
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
        assertTrue(e.getMessage().contains("holds 0 .pt or .onnx files"), e.getMessage());
    }

    /** Zips {@code files} of {@code root} (relative paths) under the folder {@code prefix}. */
    private Path zip(String name, Path root, String prefix, List<String> files) throws Exception {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String f : files) {
                out.putNextEntry(new ZipEntry(prefix + f));
                Files.copy(root.resolve(f), out);
            }
        }
        return zip;
    }

    @Test
    void unpacksAnOnnxFileAndAPackageAndForgetsAnEarlierPackage() throws Exception {
        Path tiny = TestModels.file("onnx/qwen3vl-tiny");
        Path single = zip("embed.zip", tiny, "", List.of("onnx/embed_tokens.onnx"));
        ModelFile onnx = resolver().resolve("baseline", new ModelSource(single.toFile(), null, null), null);
        assertEquals(ModelFile.ONNX, onnx.engine());
        assertTrue(onnx.path().endsWith("unpacked/baseline/embed_tokens.onnx"), onnx.path());

        List<String> fp32 = List.of("config.json", "generation_config.json", "onnx/vision_encoder.onnx",
                "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx");
        List<String> withQ4 = new java.util.ArrayList<>(fp32);
        withQ4.addAll(List.of("onnx/vision_encoder_q4.onnx", "onnx/embed_tokens_q4.onnx",
                "onnx/decoder_model_merged_q4.onnx"));
        Path first = zip("first.zip", tiny, "qwen3vl-tiny/", withQ4);
        ModelSource q4 = new ModelSource(first.toFile(), null, null);
        q4.setVariant("q4");
        ModelFile pkg = resolver().resolve("candidate", q4, null);
        assertEquals(List.of(ModelFile.ONNX_PACKAGE, "q4"), List.of(pkg.engine(), pkg.variant()));
        assertTrue(pkg.path().endsWith("unpacked/candidate-package/qwen3vl-tiny"), pkg.path());

        Path second = zip("second.zip", tiny, "qwen3vl-tiny/", fp32);
        ModelSource again = new ModelSource(second.toFile(), null, null);
        again.setVariant("q4");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> resolver().resolve("candidate", again, null));
        assertTrue(e.getMessage().contains("q4"), "the first archive's q4 files are gone: " + e.getMessage());
    }
}
