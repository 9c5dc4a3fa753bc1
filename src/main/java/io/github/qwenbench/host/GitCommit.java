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
                return read(git);
            }
        }
        return null;
    }

    private static String read(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Files.readString(loose).trim();
            }
            Path packed = git.resolve("packed-refs");
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
