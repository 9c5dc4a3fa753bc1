package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed fixtures are exactly what generate.py wrote, and stay small. */
class TestModelsManifestTest {

    @Test
    void everyFixtureMatchesItsManifestEntry() throws Exception {
        List<String> lines = Files.readAllLines(TestModels.file("MANIFEST.sha256"));
        assertEquals(13, lines.size(), lines.toString());
        long total = 0;
        for (String line : lines) {
            String[] parts = line.split("\\s+");
            assertEquals(parts[0], ModelResolver.sha256(TestModels.file(parts[1])), parts[1]);
            total += Files.size(TestModels.file(parts[1]));
        }
        assertTrue(total <= 20L * 1024 * 1024, "fixtures take " + total + " bytes, more than 20 MB");
    }
}
