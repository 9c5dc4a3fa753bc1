package io.github.qwenbench.model;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;

/** Resolves Maven coordinates to a local file; the Maven side implements it with the project's repositories. */
@FunctionalInterface
public interface ArtifactResolver {

    /**
     * @param coordinates {@code groupId:artifactId:version[:extension[:classifier]]}
     * @param setting the pom setting that named it, for messages
     */
    Path resolve(String coordinates, String setting) throws BenchmarkSetupException;
}
