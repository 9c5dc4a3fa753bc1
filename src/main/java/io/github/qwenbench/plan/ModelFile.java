package io.github.qwenbench.plan;

/**
 * A model resolved to a TorchScript file on disk, checked and ready to load.
 *
 * @param role {@code baseline} or {@code candidate}
 * @param path the absolute path of the .pt file
 * @param source what was configured (a path or artifact coordinates), for messages and reports
 * @param sha256 the file's SHA-256, as computed
 * @param bytes the file's size
 */
public record ModelFile(String role, String path, String source, String sha256, long bytes) {
}
