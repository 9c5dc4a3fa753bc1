package io.github.qwenbench.model;

import io.github.qwenbench.onnx.OnnxPackage;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EndpointSettings;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.ModelSource;
import io.github.qwenbench.torchscript.TorchScriptArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Turns a configured {@link ModelSource} into a checked model on disk: a TorchScript file, an ONNX file,
 * or a three-part ONNX package (a folder); resolves artifacts, unpacks a .zip or .tar.gz that holds the
 * model, and verifies the SHA-256 when one is given.
 */
public final class ModelResolver {

    private final ArtifactResolver artifacts;
    private final Path unpackDirectory;

    /**
     * @param artifacts resolves {@code <artifact>} coordinates
     * @param unpackDirectory where archives are unpacked (one sub-folder per role)
     */
    public ModelResolver(ArtifactResolver artifacts, Path unpackDirectory) {
        this.artifacts = artifacts;
        this.unpackDirectory = unpackDirectory;
    }

    /**
     * @param role {@code baseline} or {@code candidate}, also the pom element's name
     * @param source the configured source
     * @param overridePath a path given on the command line ({@code -Dqwen-bench.<role>}), or null
     */
    public ModelFile resolve(String role, ModelSource source, String overridePath) throws BenchmarkSetupException {
        Path file;
        String described;
        String expectedSha = null;
        boolean served = source != null && source.getEndpoint() != null;
        if (served && (overridePath == null || overridePath.isBlank())) {
            if (source.getPath() != null || !blank(source.getArtifact())) {
                throw new BenchmarkSetupException("<" + role + "> has an <endpoint> and a <path> or <artifact>: a model"
                        + " is either served or a file; keep one.");
            }
            return ModelFile.served(role, EndpointSettings.from(source.getEndpoint(), role));
        }
        if (overridePath != null && !overridePath.isBlank()) {
            file = Path.of(overridePath.trim()).toAbsolutePath().normalize();
            described = "-Dqwen-bench." + role + "=" + overridePath.trim();
            requireFile(file, described);
        } else if (source == null || (source.getPath() == null && blank(source.getArtifact()))) {
            throw new BenchmarkSetupException("<" + role + "> is not configured: give it a <path> to a TorchScript"
                    + " or ONNX file or a package folder, an <artifact> (groupId:artifactId:version[:extension"
                    + "[:classifier]]) or an <endpoint> (an OpenAI-compatible server), or pass -Dqwen-bench." + role
                    + "=PATH.");
        } else if (source.getPath() != null && !blank(source.getArtifact())) {
            throw new BenchmarkSetupException("<" + role + "> has both <path> and <artifact>: keep one.");
        } else if (source.getPath() != null) {
            file = source.getPath().toPath().toAbsolutePath().normalize();
            described = "<" + role + "><path>" + source.getPath() + "</path>";
            if (Files.isDirectory(file)) {
                return onnxPackage(role, file, described, source.getVariant(), source.getSha256());
            }
            requireFile(file, described);
            expectedSha = source.getSha256();
        } else {
            described = "<" + role + "><artifact>" + source.getArtifact().trim() + "</artifact>";
            file = artifacts.resolve(source.getArtifact().trim(), "<" + role + "><artifact>");
            expectedSha = source.getSha256();
        }
        String sha = sha256(file);
        if (!blank(expectedSha) && !expectedSha.trim().equalsIgnoreCase(sha)) {
            throw new BenchmarkSetupException("The " + role + " model " + file + " has SHA-256 " + sha
                    + ", but <" + role + "><sha256> expects " + expectedSha.trim()
                    + ": the file is not the one the pom names. Replace the file, or update <sha256> if the"
                    + " change was intended.");
        }
        if (isArchive(file) && holdsPackage(file)) {
            Path folder = unpackedPackage(role, file, described);
            return onnxPackage(role, folder, described, source == null ? null : source.getVariant(), null);
        }
        Path model = isArchive(file) ? unpack(role, file, described) : file;
        if (!model.equals(file)) {
            sha = sha256(model);
        }
        String engine = model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx") ? ModelFile.ONNX
                : ModelFile.TORCHSCRIPT;
        if (ModelFile.TORCHSCRIPT.equals(engine)) {
            TorchScriptArchive.check(model, role);
        }
        try {
            return new ModelFile(role, model.toString(), described, sha, Files.size(model), engine, null);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read the " + role + " model " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * A three-part package in {@code folder}, with its chosen variant's files: their combined SHA-256 and
     * size (external data included).
     */
    private static ModelFile onnxPackage(String role, Path folder, String described, String variant,
            String expectedSha) throws BenchmarkSetupException {
        if (!OnnxPackage.isPackage(folder)) {
            throw new BenchmarkSetupException("The " + role + " model " + folder + " (from " + described + ") is a"
                    + " folder, but not a package in the three-part ONNX layout: it needs onnx/vision_encoder.onnx,"
                    + " onnx/embed_tokens.onnx, onnx/decoder_model_merged.onnx (each possibly with a variant suffix)"
                    + " and config.json.");
        }
        OnnxPackage.Variants chosen = OnnxPackage.Variants.parse(variant, "<" + role + "><variant>");
        OnnxPackage pkg = OnnxPackage.open(folder, chosen.all(), chosen.parts(), described);
        long bytes = 0;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (OnnxPackage.Part part : OnnxPackage.Part.values()) {
                digest.update(HexFormat.of().parseHex(sha256(pkg.files().get(part))));
                bytes += pkg.bytes(part);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (!blank(expectedSha) && !expectedSha.trim().equalsIgnoreCase(sha)) {
                throw new BenchmarkSetupException("The " + role + " package " + folder + " (variant "
                        + pkg.describeVariants() + ") has SHA-256 " + sha + " (over its three parts' files), but <" + role
                        + "><sha256> expects " + expectedSha.trim() + ": the files are not the ones the pom names.");
            }
            return new ModelFile(role, folder.toString(), described, sha, bytes, ModelFile.ONNX_PACKAGE,
                    pkg.describeVariants());
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read the " + role + " package " + folder + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether an archive holds a package: an entry under an {@code onnx/} folder named like a decoder part. */
    private static boolean holdsPackage(Path archive) throws BenchmarkSetupException {
        try (ArchiveInputStream<? extends ArchiveEntry> in = open(archive)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().replace('\\', '/');
                if (name.matches("(.*/)?onnx/decoder_model_merged[a-z0-9_]*\\.onnx")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read the archive " + archive + ": " + e.getMessage()
                    + ". Check that it is a valid .zip or .tar.gz.", e);
        }
    }

    /**
     * Unpacks a package archive, keeping its folders, into {@code <unpackDirectory>/<role>-package/}, emptied
     * first so that no file of an earlier package is taken for this one's.
     */
    private Path unpackedPackage(String role, Path archive, String described) throws BenchmarkSetupException {
        Path target = unpackDirectory.resolve(role + "-package");
        try {
            deleteTree(target);
            unpackTree(archive, target);
            try (java.util.stream.Stream<Path> walk = Files.walk(target)) {
                return walk.filter(p -> Files.isDirectory(p) && OnnxPackage.isPackage(p)).findFirst()
                        .orElseThrow(() -> new IOException("no folder in it holds onnx/decoder_model_merged*.onnx"
                                + " beside config.json"));
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot unpack the " + role + " package archive " + archive + " (from "
                    + described + "): " + e.getMessage() + ".", e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Unpacks every file of an archive under {@code target}, keeping its folders; no entry may leave {@code target}. */
    static void unpackTree(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (ArchiveInputStream<? extends ArchiveEntry> in = open(archive)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("the entry " + entry.getName() + " would be written outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Path partial = out.resolveSibling(out.getFileName() + ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static void requireFile(Path file, String described) throws BenchmarkSetupException {
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkSetupException("Model file not found: " + file + " (from " + described
                    + "). Check the path; relative paths start at the project's directory.");
        }
        if (!Files.isReadable(file)) {
            throw new BenchmarkSetupException("Model file " + file + " (from " + described + ") is not readable.");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Whether {@code file} is a .zip, .tar.gz or .tgz. */
    public static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /** Unpacks the single model file (.pt or .onnx) an archive holds into {@code <unpackDirectory>/<role>/}. */
    private Path unpack(String role, Path archive, String described) throws BenchmarkSetupException {
        List<Path> found;
        try {
            found = unpack(archive, unpackDirectory.resolve(role), name -> {
                String lower = name.toLowerCase(Locale.ROOT);
                return lower.endsWith(".pt") || lower.endsWith(".onnx");
            });
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot unpack the " + role + " archive " + archive + " (from "
                    + described + "): " + e.getMessage() + ". Check that it is a valid .zip or .tar.gz.", e);
        }
        if (found.size() != 1) {
            throw new BenchmarkSetupException("The " + role + " archive " + archive + " holds " + found.size()
                    + " .pt or .onnx files " + found.stream().map(Path::getFileName).toList()
                    + ", but it must hold exactly one model (a TorchScript or ONNX file), or a package in the"
                    + " three-part ONNX layout.");
        }
        return found.get(0);
    }

    /**
     * Unpacks the files of a .zip or .tar.gz whose names {@code wanted} accepts into {@code target}
     * (without their folders), each written to a temporary file and moved into place; returns them in
     * archive order.
     */
    public static List<Path> unpack(Path archive, Path target, Predicate<String> wanted) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.createDirectories(target);
        try (ArchiveInputStream<? extends ArchiveEntry> in = open(archive)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isDirectory() || !wanted.test(name)) {
                    continue;
                }
                Path out = target.resolve(name);
                Path partial = target.resolve(name + ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                found.add(out);
            }
        }
        return found;
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(Path archive) throws IOException {
        InputStream raw = Files.newInputStream(archive);
        if (archive.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return new ZipArchiveInputStream(raw);
        }
        return new TarArchiveInputStream(new GzipCompressorInputStream(raw));
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) throws BenchmarkSetupException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
