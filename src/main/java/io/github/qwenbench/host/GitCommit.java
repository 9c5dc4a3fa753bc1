package io.github.qwenbench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The commit a project directory is checked out at, read from {@code .git} without running git. */
public final class GitCommit {

    private GitCommit() {
    }

    /** The commit id, or null when the directory is not in a git work tree or the ref cannot be read. */
    public static String of(Path directory) {
        for (Path dir = directory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return read(git, git);
            }
            if (Files.isRegularFile(git)) {
                return worktree(git);
            }
        }
        return null;
    }

    /** A linked work tree (git worktree) or submodule: {@code .git} is a file naming the real git directory. */
    private static String worktree(Path file) {
        try {
            String text = Files.readString(file).trim();
            if (!text.startsWith("gitdir: ")) {
                return null;
            }
            Path gitDir = file.getParent().resolve(text.substring(8).trim()).normalize();
            Path common = gitDir.resolve("commondir");
            Path refs = Files.isRegularFile(common)
                    ? gitDir.resolve(Files.readString(common).trim()).normalize() : gitDir;
            return read(gitDir, refs);
        } catch (IOException e) {
            return null;
        }
    }

    /** HEAD from {@code git}, the branch it names from {@code refs} (the same directory outside work trees). */
    private static String read(Path git, Path refs) {
        try {
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            String ref = head.substring(5);
            Path loose = refs.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Files.readString(loose).trim();
            }
            Path packed = refs.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" " + ref)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
