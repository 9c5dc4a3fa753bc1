package io.github.qwenbench.plan;

/**
 * A model resolved and checked, ready to load: a file on disk, or a served endpoint.
 *
 * @param role {@code baseline} or {@code candidate}
 * @param path the absolute path of the .pt or .onnx file, or of the package's folder; an endpoint's base URL
 * @param source what was configured (a path or artifact coordinates), for messages and reports
 * @param sha256 the SHA-256 of the file (of a package: of its chosen parts' files, in order); null for an
 *     endpoint
 * @param bytes the file's size (of a package: its chosen parts' files, external data included); 0 for an
 *     endpoint
 * @param engine how it runs: {@link #TORCHSCRIPT}, {@link #ONNX}, {@link #ONNX_PACKAGE} or {@link #ENDPOINT}
 * @param variant a package's variant ({@code fp32}, {@code q4}, ..., possibly per part), or null
 * @param runtime what ran it, as the worker recorded it in a result: the engine, its version and its
 *     session options (null in a plan, before anything ran)
 * @param endpoint the served model's settings, or null for a file
 */
public record ModelFile(String role, String path, String source, String sha256, long bytes, String engine,
        String variant, String runtime, EndpointSettings endpoint) {

    /** A TorchScript file, through DJL's PyTorch engine. */
    public static final String TORCHSCRIPT = "torchscript";
    /** A single ONNX graph, through ONNX Runtime. */
    public static final String ONNX = "onnx";
    /** A three-part vision-language package, through ONNX Runtime. */
    public static final String ONNX_PACKAGE = "onnx-package";
    /** A model served by an OpenAI-compatible server, measured as its client. */
    public static final String ENDPOINT = "endpoint";

    /** A TorchScript file. */
    public ModelFile(String role, String path, String source, String sha256, long bytes) {
        this(role, path, source, sha256, bytes, TORCHSCRIPT, null, null, null);
    }

    /** A model file resolved for a plan: nothing has run it yet. */
    public ModelFile(String role, String path, String source, String sha256, long bytes, String engine,
            String variant) {
        this(role, path, source, sha256, bytes, engine, variant, null, null);
    }

    /** A served model resolved for a plan. */
    public static ModelFile served(String role, EndpointSettings endpoint) {
        return new ModelFile(role, endpoint.url(), "<" + role + "><endpoint>", null, 0, ENDPOINT, null, null,
                endpoint);
    }

    /** This model as a result records it: with what ran it. */
    public ModelFile withRuntime(String description) {
        return new ModelFile(role, path, source, sha256, bytes, engine, variant, description, endpoint);
    }

    public ModelFile {
        engine = engine == null ? TORCHSCRIPT : engine;
    }

    /** Whether it runs in ONNX Runtime. */
    public boolean onnx() {
        return ONNX.equals(engine) || ONNX_PACKAGE.equals(engine);
    }

    /** Whether it is a served endpoint rather than a file. */
    public boolean served() {
        return ENDPOINT.equals(engine);
    }
}
