package io.github.qwenbench.plan;

/**
 * A model resolved on disk, checked and ready to load.
 *
 * @param role {@code baseline} or {@code candidate}
 * @param path the absolute path of the .pt or .onnx file, or of the package's folder
 * @param source what was configured (a path or artifact coordinates), for messages and reports
 * @param sha256 the SHA-256 of the file (of a package: of its chosen parts' files, in order)
 * @param bytes the file's size (of a package: its chosen parts' files, external data included)
 * @param engine how it runs: {@link #TORCHSCRIPT}, {@link #ONNX} or {@link #ONNX_PACKAGE}
 * @param variant a package's variant ({@code fp32}, {@code q4}, ..., possibly per part), or null
 * @param runtime what ran it, as the worker recorded it in a result: the engine, its version and its
 *     session options (null in a plan, before anything ran)
 */
public record ModelFile(String role, String path, String source, String sha256, long bytes, String engine,
        String variant, String runtime) {

    /** A TorchScript file, through DJL's PyTorch engine. */
    public static final String TORCHSCRIPT = "torchscript";
    /** A single ONNX graph, through ONNX Runtime. */
    public static final String ONNX = "onnx";
    /** A three-part vision-language package, through ONNX Runtime. */
    public static final String ONNX_PACKAGE = "onnx-package";

    /** A TorchScript file. */
    public ModelFile(String role, String path, String source, String sha256, long bytes) {
        this(role, path, source, sha256, bytes, TORCHSCRIPT, null, null);
    }

    /** A model resolved for a plan: nothing has run it yet. */
    public ModelFile(String role, String path, String source, String sha256, long bytes, String engine,
            String variant) {
        this(role, path, source, sha256, bytes, engine, variant, null);
    }

    /** This model as a result records it: with what ran it. */
    public ModelFile withRuntime(String description) {
        return new ModelFile(role, path, source, sha256, bytes, engine, variant, description);
    }

    public ModelFile {
        engine = engine == null ? TORCHSCRIPT : engine;
    }

    /** Whether it runs in ONNX Runtime. */
    public boolean onnx() {
        return !TORCHSCRIPT.equals(engine);
    }
}
