package io.github.qwenbench.memory;

import io.github.qwenbench.model.ModelCapacity;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import java.util.List;

/**
 * One model's capacity as its TorchScript or ONNX files hold it ({@link ModelCapacity}): tensors, elements
 * and bytes by dtype, quantized packed weights included (which the engine's parameter list misses),
 * and the share of zeros, per tensor and overall.
 *
 * @param role baseline or candidate
 * @param tensors how many tensors
 * @param elements their elements
 * @param bytes their bytes
 * @param sparsity share of zeros over all tensors (a quantized value equal to its zero point is a zero); NaN
 *     for ONNX files, whose zeros are not counted
 * @param byDtype totals per dtype
 * @param perTensor every tensor, with its share of zeros
 * @param unavailable why the file could not be read, or null
 */
public record Capacity(String role, int tensors, long elements, long bytes, double sparsity,
        List<ModelCapacity.DtypeTotals> byDtype, List<ModelCapacity.TensorStats> perTensor, String unavailable) {

    /** Reads {@code model}'s file; a file the reader does not understand gives an entry that says why. */
    public static Capacity of(ModelFile model) {
        try {
            ModelCapacity c = ModelCapacity.of(model);
            return new Capacity(model.role(), c.tensors().size(), c.elements(), c.bytes(), c.sparsity(), c.byDtype(),
                    c.tensors(), null);
        } catch (BenchmarkSetupException | RuntimeException e) {
            return new Capacity(model.role(), 0, 0, 0, Double.NaN, List.of(), List.of(), e.getMessage());
        }
    }
}
