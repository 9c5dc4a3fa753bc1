package io.github.qwenbench.scalability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.TensorInputs;
import org.junit.jupiter.api.Test;

/** Point inputs built on the real engine from the demo's Qwen-style inputs. */
class PointInputsTest {

    @Test
    void aBatchStacksDifferentSamplesAlongTheBatchDimension() throws Exception {
        InputFactory inputs = new TensorInputs(TestModels.demoInputSpecs(), 42);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList batch = inputs.batch(manager, 0, 4, 0);
            assertArrayEquals(new long[] {4, 24}, batch.get(0).getShape().getShape());
            assertArrayEquals(new long[] {64, 1536}, batch.get(1).getShape().getShape(), "patches of 4 images");
            assertArrayEquals(new long[] {4, 3}, batch.get(2).getShape().getShape());
            assertEquals("pixel_values", batch.get(1).getName());
            long[] ids = batch.get(0).toLongArray();
            long[] second = inputs.sample(manager, 1).get(0).toLongArray();
            assertArrayEquals(second, java.util.Arrays.copyOfRange(ids, 24, 48), "row 1 is sample 1");
        }
    }

    @Test
    void resizingDropsOrRepeatsLeadingPositions() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[] {7, 8, 9}, new ai.djl.ndarray.types.Shape(1, 3));
            ids.setName("input_ids");
            assertArrayEquals(new long[] {8, 9}, PointInputs.resize(ids, 1, 2).toLongArray());
            NDArray grown = PointInputs.resize(ids, 1, 5);
            assertArrayEquals(new long[] {7, 7, 7, 8, 9}, grown.toLongArray());
            assertEquals("input_ids", grown.getName());
        }
    }
}
