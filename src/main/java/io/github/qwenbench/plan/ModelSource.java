package io.github.qwenbench.plan;

import java.io.File;

/**
 * Where a model comes from, as configured in the pom ({@code <baseline>} or {@code <candidate>}):
 * a file {@code path} or a Maven {@code artifact}, and optionally the {@code sha256} it must have; for a
 * three-part ONNX package, the {@code variant} of its files; or an {@code endpoint} that serves the model.
 */
public class ModelSource {

    /**
     * A TorchScript file (.pt), an ONNX file (.onnx), a folder holding a three-part ONNX package, or a .zip /
     * .tar.gz holding one of them.
     */
    private File path;

    /** {@code groupId:artifactId:version[:extension[:classifier]]}, resolved from the project's repositories. */
    private String artifact;

    /** The expected SHA-256 (hex) of the file, checked before the model is loaded. */
    private String sha256;

    /**
     * A package's variant: the suffix of its files ({@code q4}, {@code quantized}, {@code fp16}, ...; {@code fp32}
     * for the files without one, the default), or one per part ({@code decoder_model_merged=q4,vision_encoder=fp32}).
     */
    private String variant;

    /** A served model instead of a file: an OpenAI-compatible server and the model it serves. */
    private EndpointConfig endpoint;

    public ModelSource() {
    }

    public ModelSource(File path, String artifact, String sha256) {
        this.path = path;
        this.artifact = artifact;
        this.sha256 = sha256;
    }

    public File getPath() {
        return path;
    }

    public String getArtifact() {
        return artifact;
    }

    public String getSha256() {
        return sha256;
    }

    public String getVariant() {
        return variant;
    }

    public void setVariant(String variant) {
        this.variant = variant;
    }

    public EndpointConfig getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(EndpointConfig endpoint) {
        this.endpoint = endpoint;
    }
}
