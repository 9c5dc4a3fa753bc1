package io.github.qwenbench.plan;

import java.io.File;

/**
 * Where a model comes from, as configured in the pom ({@code <baseline>} or {@code <candidate>}):
 * a file {@code path} or a Maven {@code artifact}, and optionally the {@code sha256} it must have.
 */
public class ModelSource {

    /** A TorchScript file (.pt), or a .zip / .tar.gz holding one. */
    private File path;

    /** {@code groupId:artifactId:version[:extension[:classifier]]}, resolved from the project's repositories. */
    private String artifact;

    /** The expected SHA-256 (hex) of the file, checked before the model is loaded. */
    private String sha256;

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
}
