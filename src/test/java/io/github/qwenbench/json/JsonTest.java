package io.github.qwenbench.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {

    @TempDir
    Path dir;

    @Test
    void aResultFileGetsThePermissionsOfAnOrdinaryFile() throws Exception {
        Path result = dir.resolve("accuracy_benchmark_results.json");
        Json.writeAtomically(result, Map.of("suite", "accuracy"));
        Path ordinary = Files.createFile(dir.resolve("ordinary.txt"));
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(result));
        assertEquals("accuracy", Json.mapper().readTree(result.toFile()).path("suite").asText());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(result, ordinary), files.sorted().toList(), "no temporary file is left");
        }
    }
}
