package io.github.qwenbench.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the traces ONNX Runtime's profiler writes ({@code SessionOptions.enableProfiling}), one per session,
 * into an {@link OperatorProfile}: a JSON array of Chrome-trace events, among them one {@code model_run}
 * ({@code "cat": "Session"}) per run and, per node run, a {@code <node>_kernel_time} event ({@code "cat":
 * "Node"}) with its {@code dur} (microseconds), and in its {@code args} the {@code op_name} and the
 * {@code input_type_shape} / {@code output_type_shape} ({@code [{"float": [1, 8]}, ...]}). Operators are named
 * {@code ort::<op_name>}; a profile's time is its kernels' (the session's own work between kernels is not in
 * it). The sessions were profiled from their first run: each trace's first runs, as many per inference as
 * the whole trace has, belong to the warm-up and are left out.
 *
 * <p>FLOPs (two per multiply-add) are counted for the matrix products ({@code MatMul}, {@code Gemm},
 * {@code FusedMatMul}, and the quantized {@code MatMulInteger}, {@code MatMulIntegerToFloat},
 * {@code DynamicQuantizeMatMul}, {@code MatMulNBits}: output elements times the first input's last
 * dimension) and convolutions ({@code Conv}: output elements times the weight's elements per output channel),
 * from the recorded shapes.
 */
public final class OrtTrace {

    /** Matrix products whose FLOPs are the output's elements times the first input's last dimension, twice. */
    static final Set<String> MATRIX_PRODUCTS = Set.of("MatMul", "Gemm", "FusedMatMul", "MatMulInteger",
            "MatMulIntegerToFloat", "DynamicQuantizeMatMul", "MatMulNBits");

    private static final String KERNEL = "_kernel_time";

    private OrtTrace() {
    }

    /**
     * @param traces one per profiled session
     * @param warmup inferences run before the measured ones, in every session's trace
     * @param inferences the measured inferences the profile covers
     */
    public static OperatorProfile read(List<Path> traces, int warmup, int inferences) throws IOException {
        OperatorProfile.requireInferences(inferences);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Operator> byName = new LinkedHashMap<>();
        TreeSet<String> unestimated = new TreeSet<>();
        double total = 0;
        double flops = 0;
        for (Path trace : traces) {
            JsonNode events = mapper.readTree(trace.toFile());
            if (!events.isArray()) {
                throw new IOException(trace + " is not an ONNX Runtime profile (a JSON array of trace events)");
            }
            List<Double> runStarts = new ArrayList<>();
            for (JsonNode e : events) {
                if ("Session".equals(e.path("cat").asText()) && "model_run".equals(e.path("name").asText())) {
                    runStarts.add(e.path("ts").asDouble());
                }
            }
            if (runStarts.isEmpty()) {
                continue; // a session the inferences did not use (a vision encoder without images)
            }
            runStarts.sort(Comparator.naturalOrder());
            int skip = (int) Math.round((double) runStarts.size() * warmup / (warmup + inferences));
            double from = skip < runStarts.size() ? runStarts.get(skip) : Double.POSITIVE_INFINITY;
            for (JsonNode e : events) {
                String name = e.path("name").asText();
                if (!"Node".equals(e.path("cat").asText()) || !name.endsWith(KERNEL) || e.path("ts").asDouble() < from) {
                    continue;
                }
                JsonNode args = e.path("args");
                String op = args.path("op_name").asText("unknown");
                double micros = e.path("dur").asDouble();
                List<List<Long>> inputs = shapes(args.path("input_type_shape"));
                OptionalDouble f = flops(op, inputs, shapes(args.path("output_type_shape")));
                Operator o = byName.computeIfAbsent("ort::" + op, n -> new Operator());
                o.calls++;
                o.micros += micros;
                o.shapes.merge(inputs, 1L, Long::sum);
                if (f.isPresent()) {
                    o.flops += f.getAsDouble();
                    flops += f.getAsDouble();
                } else if (MATRIX_PRODUCTS.contains(op) || "Conv".equals(op)) {
                    unestimated.add("ort::" + op);
                }
                total += micros;
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalStateException("ONNX Runtime's profile " + traces + " recorded no operator of the"
                    + " measured inferences");
        }
        List<OperatorProfile.OperatorStats> operators = new ArrayList<>();
        double all = total;
        byName.forEach((name, o) -> operators.add(o.stats(name, all)));
        operators.sort(Comparator.comparingDouble(OperatorProfile.OperatorStats::selfMicros).reversed());
        return new OperatorProfile(inferences, false, total, flops / inferences, List.copyOf(unestimated),
                List.copyOf(operators));
    }

    /** The FLOPs of one call, where its operator counts them and its shapes say them. */
    static OptionalDouble flops(String op, List<List<Long>> inputs, List<List<Long>> outputs) {
        if (outputs.isEmpty() || inputs.isEmpty()) {
            return OptionalDouble.empty();
        }
        double outputElements = OperatorFlops.elements(outputs.get(0));
        if (MATRIX_PRODUCTS.contains(op)) {
            List<Long> a = inputs.get(0);
            return a.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(2 * outputElements * a.get(a.size() - 1));
        }
        if ("Conv".equals(op) && inputs.size() > 1 && inputs.get(1).size() > 1) {
            List<Long> weight = inputs.get(1);
            return OptionalDouble.of(2 * outputElements * OperatorFlops.elements(weight.subList(1, weight.size())));
        }
        return OptionalDouble.empty();
    }

    /** {@code [{"float": [1, 8]}, {"int64": [3]}]} as {@code [[1, 8], [3]]}. */
    private static List<List<Long>> shapes(JsonNode typed) {
        List<List<Long>> shapes = new ArrayList<>();
        for (JsonNode t : typed) {
            List<Long> dims = new ArrayList<>();
            t.elements().forEachRemaining(v -> v.forEach(d -> dims.add(d.asLong())));
            shapes.add(dims);
        }
        return shapes;
    }

    private static final class Operator {
        long calls;
        double micros;
        double flops;
        final Map<List<List<Long>>, Long> shapes = new LinkedHashMap<>();

        OperatorProfile.OperatorStats stats(String name, double total) {
            List<OperatorProfile.ShapeCount> counts = new ArrayList<>();
            shapes.forEach((s, n) -> counts.add(new OperatorProfile.ShapeCount(s, n)));
            counts.sort(Comparator.comparingLong(OperatorProfile.ShapeCount::calls).reversed());
            return new OperatorProfile.OperatorStats(name, calls, micros, micros, total > 0 ? micros / total : 0, null,
                    null, flops, List.copyOf(counts));
        }
    }
}
