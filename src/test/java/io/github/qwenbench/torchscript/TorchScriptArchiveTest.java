package io.github.qwenbench.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptArchiveTest {

    @Test
    void readsTheForwardSignatureOfTracedModels() {
        List<String> expected = List.of("input_ids", "pixel_values", "image_grid_thw");
        assertEquals(expected, TorchScriptArchive.forwardArguments(TestModels.file("baseline.pt")));
        assertEquals(expected, TorchScriptArchive.forwardArguments(TestModels.file("optimized.pt")),
                "quantized export: its root class lives in a mangled module");
    }

    @Test
    void parsesDefaultsAndAnnotations() {
        List<TorchScriptArchive.Argument> arguments = TorchScriptArchive.parseForward(
                "  def forward(self: __torch__.M,\n    x: Tensor,\n    mask: Optional[Tensor]=None) -> Tensor:\n");
        assertEquals(List.of(new TorchScriptArchive.Argument("x", false),
                new TorchScriptArchive.Argument("mask", true)), arguments);
    }

    @Test
    void aCorruptFileIsNotTorchScript(@TempDir Path dir) throws Exception {
        Path corrupt = dir.resolve("model.pt");
        byte[] head = Files.readAllBytes(TestModels.file("baseline.pt"));
        Files.write(corrupt, java.util.Arrays.copyOf(head, 4096));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> TorchScriptArchive.check(corrupt, "candidate"));
        assertTrue(e.getMessage().startsWith("The candidate model " + corrupt + " is not a TorchScript file"),
                e.getMessage());
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    }
}
