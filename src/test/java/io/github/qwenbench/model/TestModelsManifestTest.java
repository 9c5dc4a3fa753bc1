package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed fixtures are exactly what generate.py (with generate_sparse.py), generate_qwen_vl.py,
 * generate_cache_faults.py, generate_hf_qwen3vl_cached.py, generate_onnx_packages.py (with
 * transformersjs_check.mjs) and generate_onnx_grid_inputs.py wrote, and stay small.
 */
class TestModelsManifestTest {

    @Test
    void everyFixtureMatchesItsManifestEntry() throws Exception {
        List<String> lines = Files.readAllLines(TestModels.file("MANIFEST.sha256"));
        assertEquals(54, lines.size(), lines.toString());
        long total = 0;
        for (String line : lines) {
            String[] parts = line.split("\\s+");
            assertEquals(parts[0], ModelResolver.sha256(TestModels.file(parts[1])), parts[1]);
            total += Files.size(TestModels.file(parts[1]));
        }
        // 20 MB for generate.py's fixtures, plus the four qwen-vl-*.pt (about 1.5 MB each) and
        // hf-qwen3vl-cached.pt with its .json (1 MB, generate_hf_qwen3vl_cached.py), plus the two ONNX
        // packages with their int8 and 4-bit variants (11 MB, generate_onnx_packages.py), plus a vision encoder
        // that takes the grid's derived values (0.4 MB, generate_onnx_grid_inputs.py).
        assertTrue(total <= 39L * 1024 * 1024, "fixtures take " + total + " bytes, more than 39 MB");
    }
}
