package io.github.qwenbench.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputSpecTest {

    private static InputConfig input(String name, String shape, String dtype) {
        InputConfig config = new InputConfig();
        config.setName(name);
        config.setShape(shape);
        config.setDtype(dtype);
        return config;
    }

    @Test
    void parsesShapeAndDefaults() throws Exception {
        InputSpec spec = InputSpec.from(input("pixel_values", "1, 3,224,224", null), 0);
        assertArrayEquals(new long[] {1, 3, 224, 224}, spec.shape());
        assertEquals(DataKind.FLOAT32, spec.dtype());
        assertEquals(InputSpec.UNIFORM, spec.distribution());
        assertEquals(1.0, spec.max());

        InputSpec ids = InputSpec.from(input("input_ids", "(1,24)", "int64"), 1);
        assertEquals(DataKind.INT64, ids.dtype());
        assertEquals(100.0, ids.max(), "integers default to [0, 100]");
    }

    @Test
    void badShapeNamesTheInputAndTheSetting() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> InputSpec.from(input("pixel_values", "1,3,two", "float32"), 0));
        assertTrue(e.getMessage().startsWith("inputs/input 'pixel_values'/shape is '1,3,two'"), e.getMessage());
        e = assertThrows(BenchmarkSetupException.class, () -> InputSpec.from(input("x", "1,0", "float32"), 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void unknownDtypeListsTheKnownOnes() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> InputSpec.from(input("x", "1", "float8"), 0));
        assertTrue(e.getMessage().contains("float32, float16, bfloat16, float64, int32, int64, boolean"), e.getMessage());
    }

    @Test
    void missingNameOrShapeIsAnError() {
        assertThrows(BenchmarkSetupException.class, () -> InputSpec.from(input(null, "1", null), 2));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> InputSpec.from(input("x", null, null), 0));
        assertTrue(e.getMessage().contains("shape is missing"), e.getMessage());
    }

    @Test
    void normalNeedsAFloatingTypeAndMinNotAboveMax() {
        InputConfig normal = input("x", "2", "int64");
        normal.setDistribution("normal");
        assertThrows(BenchmarkSetupException.class, () -> InputSpec.from(normal, 0));
        InputConfig reversed = input("x", "2", "float32");
        reversed.setMin(2.0);
        reversed.setMax(1.0);
        assertThrows(BenchmarkSetupException.class, () -> InputSpec.from(reversed, 0));
    }

    @Test
    void missingFileIsNamed() {
        InputConfig config = input("input_ids", "1,24", "int64");
        config.setFile(new java.io.File("no/such/ids.npy"));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> InputSpec.from(config, 0));
        assertTrue(e.getMessage().contains("ids.npy does not exist"), e.getMessage());
    }
}
