package io.github.qwenbench.plugin;

import io.github.qwenbench.model.ArtifactResolver;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** Resolves model artifacts from the project's repositories (the local one first). */
final class MavenArtifactResolver implements ArtifactResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    MavenArtifactResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public Path resolve(String coordinates, String setting) throws BenchmarkSetupException {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(withDefaultExtension(coordinates));
        } catch (IllegalArgumentException e) {
            throw new BenchmarkSetupException(setting + " is '" + coordinates + "', which is not"
                    + " groupId:artifactId:version[:extension[:classifier]].");
        }
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new BenchmarkSetupException(setting + " " + coordinates + " cannot be resolved: " + e.getMessage()
                    + ". Install or deploy the artifact, or configure its file's path instead.", e);
        }
    }

    /**
     * Aether's syntax is {@code g:a[:extension[:classifier]]:version}; the pom's is the Maven
     * dependency order {@code g:a:version[:extension[:classifier]]}, whose extension defaults to pt.
     */
    static String withDefaultExtension(String coordinates) {
        String[] parts = coordinates.split(":");
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException(coordinates);
        }
        String extension = parts.length >= 4 ? parts[3] : "pt";
        String base = parts[0] + ":" + parts[1] + ":" + extension;
        return parts.length == 5 ? base + ":" + parts[4] + ":" + parts[2] : base + ":" + parts[2];
    }
}
