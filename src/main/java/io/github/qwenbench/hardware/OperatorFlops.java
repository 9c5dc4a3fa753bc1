package io.github.qwenbench.hardware;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Floating-point operations of one call of a matrix-multiply-like operator, from the input shapes
 * the profiler recorded: two per multiply-add, bias additions, scaling and softmax left out.
 *
 * <p>Only the innermost counted call of a nest counts: {@code aten::linear} calls
 * {@code aten::matmul}, which calls {@code aten::mm}; {@code aten::conv2d} calls
 * {@code aten::convolution}, then {@code aten::_convolution}. An outer call is counted only when none
 * of the calls nested in it is (a backend that runs the product in a kernel of its own).
 *
 * <p>The trace records input shapes only, not output shapes nor the values of non-tensor arguments
 * (strides, padding). Two operators need more:
 * <ul>
 * <li>Convolutions: the output's size is read from the bytes the call left allocated (its output),
 *     assuming float32 elements; without memory profiling they are not estimated. Transposed
 *     convolutions reach {@code aten::_convolution} too but are not estimated.</li>
 * <li>{@code quantized::linear_dynamic}: its weight is a packed object, recorded as {@code []}.
 *     FBGEMM's kernel allocates its int32 accumulator with {@code aten::empty_like(output)}, whose
 *     recorded input shape is the output's: the output features are its last dimension. A kernel that
 *     does not leaves the call not estimated.</li>
 * </ul>
 *
 * <p>The argument counts are the schemas of libtorch 2.7: a call from the TorchScript interpreter
 * records the shapes of its whole stack, of which the arguments are the last (see
 * {@link TraceCall#arguments}).
 */
final class OperatorFlops {

    @FunctionalInterface
    private interface Formula {
        OptionalDouble flops(TraceCall call, List<List<Long>> arguments);
    }

    private record Counted(int arity, Formula formula) {
    }

    private static final Formula MATRIX_PRODUCT = (call, a) -> matmul(a.get(0), a.get(1));
    private static final Formula MATRIX_PRODUCT_PLUS_INPUT = (call, a) -> matmul(a.get(1), a.get(2));
    private static final Formula CONVOLUTION = OperatorFlops::convolution;
    private static final Formula ATTENTION = (call, a) -> attention(a.get(0), a.get(1), a.get(2));
    private static final Formula DYNAMIC_QUANTIZED_LINEAR = OperatorFlops::dynamicQuantizedLinear;

    private static final Map<String, Counted> COUNTED = Map.ofEntries(
            Map.entry("aten::mm", new Counted(2, MATRIX_PRODUCT)),
            Map.entry("aten::bmm", new Counted(2, MATRIX_PRODUCT)),
            Map.entry("aten::matmul", new Counted(2, MATRIX_PRODUCT)),
            Map.entry("aten::addmm", new Counted(5, MATRIX_PRODUCT_PLUS_INPUT)),
            Map.entry("aten::baddbmm", new Counted(5, MATRIX_PRODUCT_PLUS_INPUT)),
            Map.entry("aten::linear", new Counted(3, (call, a) -> linear(a.get(0), a.get(1)))),
            Map.entry("aten::conv1d", new Counted(7, CONVOLUTION)),
            Map.entry("aten::conv2d", new Counted(7, CONVOLUTION)),
            Map.entry("aten::conv3d", new Counted(7, CONVOLUTION)),
            Map.entry("aten::convolution", new Counted(9, CONVOLUTION)),
            Map.entry("aten::_convolution", new Counted(13, CONVOLUTION)),
            Map.entry("aten::scaled_dot_product_attention", new Counted(8, ATTENTION)),
            Map.entry("aten::_scaled_dot_product_flash_attention_for_cpu", new Counted(7, ATTENTION)),
            Map.entry("aten::_scaled_dot_product_attention_math", new Counted(9, ATTENTION)),
            Map.entry("quantized::linear_dynamic", new Counted(3, DYNAMIC_QUANTIZED_LINEAR)),
            Map.entry("quantized::linear_relu_dynamic", new Counted(3, DYNAMIC_QUANTIZED_LINEAR)));

    /** {@code aten::empty_like(self, dtype, layout, device, pin_memory, memory_format)}. */
    private static final int EMPTY_LIKE_ARITY = 6;

    private OperatorFlops() {
    }

    /** Whether calls of {@code operator} carry FLOPs this class counts. */
    static boolean counts(String operator) {
        return COUNTED.containsKey(operator);
    }

    /** Whether {@code call} is the one of its nest whose FLOPs count: counted, and nothing counted inside it. */
    static boolean countsAt(TraceCall call) {
        return counts(call.name()) && call.descendants().stream().noneMatch(c -> counts(c.name()));
    }

    /** The call's FLOPs; empty when its recorded shapes do not determine them. */
    static OptionalDouble of(TraceCall call) {
        Counted counted = COUNTED.get(call.name());
        List<List<Long>> arguments = call.arguments(counted.arity());
        if (arguments.size() < counted.arity()) {
            return OptionalDouble.empty();
        }
        return counted.formula().flops(call, arguments);
    }

    /** {@code torch.matmul}'s semantics: vectors are promoted to matrices, batch dimensions broadcast. */
    static OptionalDouble matmul(List<Long> a, List<Long> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return OptionalDouble.empty();
        }
        long m = a.size() == 1 ? 1 : a.get(a.size() - 2);
        long k = a.get(a.size() - 1);
        long kOfB = b.size() == 1 ? b.get(0) : b.get(b.size() - 2);
        long n = b.size() == 1 ? 1 : b.get(b.size() - 1);
        if (k != kOfB) {
            return OptionalDouble.empty();
        }
        List<Long> batchA = a.subList(0, Math.max(0, a.size() - 2));
        List<Long> batchB = b.subList(0, Math.max(0, b.size() - 2));
        double batch = 1;
        for (int i = 1; i <= Math.max(batchA.size(), batchB.size()); i++) {
            long da = i <= batchA.size() ? batchA.get(batchA.size() - i) : 1;
            long db = i <= batchB.size() ? batchB.get(batchB.size() - i) : 1;
            batch *= Math.max(da, db);
        }
        return OptionalDouble.of(2.0 * batch * m * k * n);
    }

    /** {@code input [..., k]} times {@code weight [n, k]} transposed. */
    static OptionalDouble linear(List<Long> input, List<Long> weight) {
        if (input.isEmpty() || weight.size() != 2 || !weight.get(1).equals(input.get(input.size() - 1))) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(2.0 * elements(input) * weight.get(0));
    }

    /**
     * Each output element sums {@code in channels per group × kernel} products; the weight is
     * {@code [out channels, in channels per group, kernel...]}.
     */
    private static OptionalDouble convolution(TraceCall call, List<List<Long>> arguments) {
        List<Long> weight = arguments.get(1);
        Long outputBytes = call.netBytes();
        if (weight.size() < 3 || outputBytes == null || outputBytes <= 0
                || call.insideCallStartingWith("aten::conv_transpose")) {
            return OptionalDouble.empty();
        }
        double outputElements = outputBytes / (double) Float.BYTES;
        return OptionalDouble.of(2.0 * outputElements * elements(weight.subList(1, weight.size())));
    }

    /** {@code softmax(q kᵀ) v} for {@code q [..., L, E]}, {@code k [..., S, E]}, {@code v [..., S, Ev]}. */
    static OptionalDouble attention(List<Long> query, List<Long> key, List<Long> value) {
        if (query.size() < 2 || key.size() < 2 || value.size() < 2) {
            return OptionalDouble.empty();
        }
        double batch = elements(query.subList(0, query.size() - 2));
        long targetLength = query.get(query.size() - 2);
        long sourceLength = key.get(key.size() - 2);
        long embedding = query.get(query.size() - 1);
        long valueEmbedding = value.get(value.size() - 1);
        return OptionalDouble.of(2.0 * batch * targetLength * sourceLength * (embedding + valueEmbedding));
    }

    private static OptionalDouble dynamicQuantizedLinear(TraceCall call, List<List<Long>> arguments) {
        List<Long> input = arguments.get(0);
        for (TraceCall nested : call.descendants()) {
            if (nested.name().equals("aten::empty_like") && nested.shapes().size() >= EMPTY_LIKE_ARITY) {
                List<Long> output = nested.arguments(EMPTY_LIKE_ARITY).get(0);
                if (!input.isEmpty() && output.size() == input.size()
                        && output.subList(0, output.size() - 1).equals(input.subList(0, input.size() - 1))) {
                    return OptionalDouble.of(2.0 * elements(input) * output.get(output.size() - 1));
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** The elements of a tensor of {@code shape}. */
    static double elements(List<Long> shape) {
        double product = 1;
        for (long d : shape) {
            product *= d;
        }
        return product;
    }
}
