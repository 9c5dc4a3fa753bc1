package io.github.qwenbench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine's NUMA nodes, as Linux lists them. */
public final class NumaNodes {

    private NumaNodes() {
    }

    /** The {@code nodeN} folders of {@code /sys/devices/system/node}; 1 where there are none (not Linux). */
    public static int count() {
        return count(Path.of("/sys/devices/system/node"));
    }

    static int count(Path nodeDirectory) {
        try (Stream<Path> nodes = Files.list(nodeDirectory)) {
            return (int) Math.max(1, nodes.filter(p -> p.getFileName().toString().matches("node\\d+")).count());
        } catch (IOException e) {
            return 1;
        }
    }
}
