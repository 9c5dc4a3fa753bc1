package io.github.qwenbench.workload;

import io.github.qwenbench.json.Json;
import io.github.qwenbench.model.NumpyArray;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The directory of a workload's samples ({@code target/benchmark-results/inputs}): for sample k,
 * {@code sample-<k>.npz} (one array per forward argument, as {@code numpy.load} reads it) and
 * {@code sample-<k>.txt} (the rendered prompt), and {@link #MANIFEST}, what was prepared and for which
 * build. The suites' workers read the tensors from here: the files are what the models got.
 */
public final class SampleFiles {

    /** What the last preparation wrote: {@link PreparedWorkload}, as JSON. */
    public static final String MANIFEST = "workload.json";

    /** Every file a preparation writes, and the temporary files of an interrupted write. */
    private static final Pattern OURS = Pattern.compile("\\.?(sample-\\d+\\.(npz|txt)|" + Pattern.quote(MANIFEST)
            + ")(\\.[0-9a-z]+\\.tmp)?");

    private final Path directory;

    public SampleFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path npz(int sample) {
        return directory.resolve("sample-" + sample + ".npz");
    }

    public Path txt(int sample) {
        return directory.resolve("sample-" + sample + ".txt");
    }

    public Path manifest() {
        return directory.resolve(MANIFEST);
    }

    /**
     * Removes the files of an earlier preparation, so that none of its samples outlives it (a
     * workload of 3 conversations after one of 5 must not leave sample-3 and sample-4 behind).
     */
    public void clear() throws BenchmarkSetupException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory,
                f -> OURS.matcher(f.getFileName().toString()).matches())) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot remove the earlier samples in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes sample {@code k}'s tensors and prompt, each to a temporary file first, then moved into place. */
    public void write(int sample, Map<String, NumpyArray> tensors, String prompt) throws BenchmarkSetupException {
        try {
            Json.writeAtomically(npz(sample), NumpyArray.npz(tensors));
            Json.writeAtomically(txt(sample), prompt.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot write sample " + sample + " to " + directory + ": "
                    + e.getMessage() + ". Check that the directory is writable.", e);
        }
    }

    /** Writes the manifest, atomically. */
    public void writeManifest(PreparedWorkload prepared) throws BenchmarkSetupException {
        try {
            Json.writeAtomically(manifest(), prepared);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot write " + manifest() + ": " + e.getMessage(), e);
        }
    }

    /** The manifest of an earlier preparation, or null when there is none or it cannot be read. */
    public PreparedWorkload readManifest() {
        try {
            return Files.isRegularFile(manifest()) ? Json.mapper().readValue(manifest().toFile(), PreparedWorkload.class)
                    : null;
        } catch (IOException e) {
            return null;
        }
    }
}
