package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.DataKind;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.InputSpec;
import org.junit.jupiter.api.Test;

class InputFilesTest {

    private static InputSpec resolve(String shape, String dtype) throws Exception {
        InputConfig config = new InputConfig();
        config.setName("input_ids");
        config.setShape(shape);
        config.setDtype(dtype);
        config.setFile(TestModels.file("demo-inputs.npz").toFile());
        return InputFiles.resolve(InputSpec.from(config, 0));
    }

    @Test
    void aStackOfRowsGivesOneSamplePerRow() throws Exception {
        InputSpec spec = resolve("1,24", null);
        assertArrayEquals(new long[] {1, 24}, spec.shape());
        assertEquals(16, spec.fileSamples());
        assertEquals(DataKind.INT64, spec.dtype(), "taken from the file");
        assertEquals(16, resolve("24", "int64").fileSamples());
    }

    @Test
    void withoutShapeTheWholeArrayIsOneSample() throws Exception {
        InputSpec spec = resolve(null, null);
        assertArrayEquals(new long[] {16, 24}, spec.shape());
        assertEquals(1, spec.fileSamples());
    }

    @Test
    void mismatchesAreExplained() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> resolve("1,32", null));
        assertTrue(e.getMessage().contains("declares shape (1, 32), but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds [16, 24]"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Set <shape> to 24 (or 1,24) to take its 16 rows as samples, or to 16,24"
                + " (or leave it out) to give every run the whole array."), e.getMessage());
        e = assertThrows(BenchmarkSetupException.class, () -> resolve("1,24", "int32"));
        assertTrue(e.getMessage().contains("declares dtype int32, but"), e.getMessage());
    }
}
