package io.github.qwenbench.model;

import io.github.qwenbench.onnx.OnnxGraphFile;
import io.github.qwenbench.onnx.OnnxPackage;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.torchscript.TorchScriptTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model file holds: every tensor (for TorchScript, as {@link TorchScriptTensors} walks the
 * archive) with its dtype, shape, bytes and share of zeros; totals by dtype; overall sparsity.
 *
 * @param tensors every distinct tensor, in the module tree's order
 * @param byDtype totals per dtype, by name
 * @param elements all tensors' elements
 * @param bytes all tensors' bytes (elements times element size)
 * @param zeros all tensors' zeros
 * @param zerosCounted whether zeros were counted (TorchScript files); false for ONNX files, whose zeros are 0 here
 */
public record ModelCapacity(List<TensorStats> tensors, List<DtypeTotals> byDtype, long elements, long bytes,
        long zeros, boolean zerosCounted) {

    /**
     * One tensor.
     *
     * @param name its path in the module tree ({@code fc1.weight}; a packed int8 Linear's weight is
     *     {@code fc1._packed_params._packed_params.weight})
     * @param kind {@code parameter}, {@code buffer}, {@code packed} (inside a TorchScript class object:
     *     quantized packed weights), or {@code attribute} (a plain tensor attribute)
     * @param dtype {@code float32}, {@code float16}, {@code bfloat16}, {@code int64}, ..., or {@code qint8},
     *     {@code quint8}, {@code qint32} for quantized tensors
     * @param shape its dimensions
     * @param elements its elements
     * @param bytes elements times element size
     * @param zeros elements equal to zero; for a quantized tensor, stored values equal to their zero point
     */
    public record TensorStats(String name, String kind, String dtype, List<Long> shape, long elements, long bytes,
            long zeros) {

        /** Share of zeros, 0 for an empty tensor. */
        public double zerosFraction() {
            return elements == 0 ? 0 : (double) zeros / elements;
        }
    }

    /**
     * The tensors of one dtype.
     *
     * @param dtype the dtype
     * @param tensors how many
     * @param elements their elements
     * @param bytes their bytes
     * @param zeros their zeros
     */
    public record DtypeTotals(String dtype, int tensors, long elements, long bytes, long zeros) {

        public double sparsity() {
            return elements == 0 ? 0 : (double) zeros / elements;
        }
    }

    /** Share of zeros over all tensors; NaN where they were not counted (ONNX files). */
    public double sparsity() {
        return !zerosCounted ? Double.NaN : elements == 0 ? 0 : (double) zeros / elements;
    }

    /**
     * Reads what {@code model} runs: a TorchScript file's tensors ({@link #of(Path)}), or the initializers of an
     * ONNX file or of a package's parts in its variant (kind {@code initializer}, named {@code <file>:<name>}),
     * whose sizes come from their dimensions and types; zeros are not counted in ONNX files.
     */
    public static ModelCapacity of(ModelFile model) throws BenchmarkSetupException {
        if (!model.onnx()) {
            return of(Path.of(model.path()));
        }
        List<TensorStats> tensors = new ArrayList<>();
        for (Path file : OnnxPackage.graphFiles(model)) {
            for (OnnxGraphFile.Weight w : OnnxGraphFile.read(file).weightList()) {
                tensors.add(new TensorStats(file.getFileName() + ":" + w.name(), "initializer", w.dtype(), w.shape(),
                        w.elements(), w.bytes(), 0));
            }
        }
        return summarize(tensors, false);
    }

    /** Elements of the tensors of {@code kind} ({@code parameter}, {@code buffer}, {@code packed}, ...). */
    public long elementsOf(String kind) {
        return tensors.stream().filter(t -> t.kind().equals(kind)).mapToLong(TensorStats::elements).sum();
    }

    /** Reads {@code model}, a TorchScript file ({@link TorchScriptTensors}). */
    public static ModelCapacity of(Path model) throws BenchmarkSetupException {
        try {
            return summarize(TorchScriptTensors.read(model).stream().map(t -> new TensorStats(t.name(), t.kind(),
                    t.dtype(), t.shape(), t.elements(), t.bytes(), t.zeros())).toList(), true);
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkSetupException("Cannot read the tensors of " + model + ": " + e.getMessage()
                    + ". It must be a TorchScript file (torch.jit.trace or torch.jit.script, then save).", e);
        }
    }

    private static ModelCapacity summarize(List<TensorStats> tensors, boolean zerosCounted) {
        Map<String, long[]> totals = new TreeMap<>();
        for (TensorStats t : tensors) {
            long[] sum = totals.computeIfAbsent(t.dtype(), k -> new long[4]);
            sum[0]++;
            sum[1] += t.elements();
            sum[2] += t.bytes();
            sum[3] += t.zeros();
        }
        List<DtypeTotals> byDtype = totals.entrySet().stream()
                .map(e -> new DtypeTotals(e.getKey(), (int) e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        e.getValue()[3]))
                .toList();
        return new ModelCapacity(List.copyOf(tensors), byDtype,
                tensors.stream().mapToLong(TensorStats::elements).sum(),
                tensors.stream().mapToLong(TensorStats::bytes).sum(),
                tensors.stream().mapToLong(TensorStats::zeros).sum(), zerosCounted);
    }

}
