package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.model.ModelCapacity.DtypeTotals;
import io.github.qwenbench.model.ModelCapacity.TensorStats;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expected figures are Python's, printed by generate_sparse.py and by torch.jit.load(...).state_dict()
 * plus torch.ops.quantized.linear_unpack on each packed Linear (torch 1.13).
 */
class ModelCapacityTest {

    @Test
    void prunedFp32HasExactlyHalfItsLinearWeightsZero() throws Exception {
        ModelCapacity capacity = ModelCapacity.of(TestModels.file("pruned-fp32.pt"));
        print("pruned-fp32.pt", capacity);

        assertEquals(6, capacity.tensors().size());
        for (TensorStats t : capacity.tensors()) {
            assertEquals("parameter", t.kind(), t.name());
            assertEquals("float32", t.dtype());
            assertEquals(t.name().endsWith(".weight") ? 0.5 : 0.0, t.zerosFraction(), t.name());
        }
        assertEquals(new TensorStats("fc1.weight", "parameter", "float32", List.of(64L, 32L), 2048, 8192, 1024),
                find(capacity, "fc1.weight"));
        assertEquals(List.of(new DtypeTotals("float32", 6, 4456, 17824, 2176)), capacity.byDtype());
        assertEquals(2176.0 / 4456, capacity.sparsity(), 1e-12);
        assertEquals(4456, capacity.elementsOf("parameter"));
    }

    @Test
    void prunedInt8KeepsHalfItsPackedWeightsAtTheirZeroPoint() throws Exception {
        ModelCapacity capacity = ModelCapacity.of(TestModels.file("pruned-int8.pt"));
        print("pruned-int8.pt", capacity);

        TensorStats weight = find(capacity, "fc2._packed_params._packed_params.weight");
        assertEquals(new TensorStats("fc2._packed_params._packed_params.weight", "packed", "qint8",
                List.of(32L, 64L), 2048, 2048, 1024), weight);
        assertEquals(0.5, weight.zerosFraction());
        assertEquals(List.of(new DtypeTotals("float32", 3, 104, 416, 0), new DtypeTotals("qint8", 3, 4352, 4352, 2176)),
                capacity.byDtype());
        assertEquals(0.5, capacity.byDtype().get(1).sparsity());
        assertEquals(2176.0 / 4456, capacity.sparsity(), 1e-12);
        assertEquals(4456, capacity.elementsOf("packed"));
    }

    @Test
    void baselineCountsMatchPython() throws Exception {
        ModelCapacity capacity = ModelCapacity.of(TestModels.file("baseline.pt"));

        assertEquals(List.of(new DtypeTotals("float32", 58, 1_284_240, 5_136_960, 641)), capacity.byDtype());
        assertEquals(1_284_240, capacity.elementsOf("parameter") + capacity.elementsOf("buffer"));
    }

    /** The int8 candidate's MLP weights are packed: PtSymbolBlock.getParameters() would miss them. */
    @Test
    void optimizedCountsIncludeThePackedInt8Weights() throws Exception {
        ModelCapacity capacity = ModelCapacity.of(TestModels.file("optimized.pt"));
        print("optimized.pt", capacity);

        assertEquals(List.of(new DtypeTotals("float32", 48, 858_256, 3_433_024, 640),
                new DtypeTotals("qint8", 10, 425_984, 425_984, 5_757)), capacity.byDtype());
        assertEquals(1_284_240, capacity.elements(), "the baseline's parameter count, a quarter of it in int8");
        assertEquals(3_433_024 + 425_984, capacity.bytes());
    }

    @Test
    void aFileThatIsNotTorchScriptIsASetupError(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("model.pt"), "not a zip");

        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> ModelCapacity.of(text));
        assertTrue(e.getMessage().startsWith("Cannot read the tensors of " + text), e.getMessage());
    }

    /**
     * A package's capacity is its chosen variant's three files' initializers; the expected figures are Python
     * onnx 1.23.1's (onnx.load, then each initializer's dims and numpy itemsize, 4-bit types at half a byte).
     */
    @Test
    void aPackageCountsTheInitializersOfItsVariantsFiles() throws Exception {
        String folder = Path.of("src/test/models/onnx/qwen3vl-tiny").toAbsolutePath().toString();
        ModelCapacity fp32 = ModelCapacity.of(new ModelFile("baseline", folder, "test", "x", 0, ModelFile.ONNX_PACKAGE,
                "fp32"));
        ModelCapacity q4 = ModelCapacity.of(new ModelFile("candidate", folder, "test", "x", 0, ModelFile.ONNX_PACKAGE,
                "q4"));
        ModelCapacity int8 = ModelCapacity.of(new ModelFile("candidate", folder, "test", "x", 0,
                ModelFile.ONNX_PACKAGE, "quantized"));
        assertEquals(List.of(47, 469_294L, 1_877_176L), List.of(fp32.tensors().size(), fp32.elements(), fp32.bytes()));
        assertEquals(List.of(61, 434_734L, 1_628_344L), List.of(q4.tensors().size(), q4.elements(), q4.bytes()));
        assertEquals(List.of(99, 469_346L, 1_075_709L), List.of(int8.tensors().size(), int8.elements(), int8.bytes()));
        assertEquals(List.of(new DtypeTotals("float32", 47, 469_294L, 1_877_176L, 0)), fp32.byDtype());
        assertEquals(Set.of("float32", "int8", "uint8"),
                int8.byDtype().stream().map(DtypeTotals::dtype).collect(Collectors.toSet()));
        assertTrue(Double.isNaN(q4.sparsity()), "zeros are not counted in ONNX files: " + q4.sparsity());
        assertTrue(int8.tensors().stream().anyMatch(t -> t.name().startsWith("decoder_model_merged_quantized.onnx:")),
                "tensors are named by their file");
    }

    private static TensorStats find(ModelCapacity capacity, String name) {
        return capacity.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static void print(String model, ModelCapacity capacity) {
        System.out.println(model + ": " + capacity.elements() + " elements, " + capacity.bytes() + " bytes, sparsity "
                + capacity.sparsity() + ", by dtype " + capacity.byDtype());
        capacity.tensors().forEach(t -> System.out.println("  " + t.name() + " " + t.kind() + " " + t.dtype() + " "
                + t.shape() + " zeros " + t.zerosFraction()));
    }
}
