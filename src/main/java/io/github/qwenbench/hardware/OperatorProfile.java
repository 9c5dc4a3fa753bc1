package io.github.qwenbench.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Where the engine's time went during some inferences, operator by operator, as libtorch's profiler
 * recorded it ({@link OperatorProfiler}) or ONNX Runtime's ({@link OrtTrace}), with the FLOPs of the matrix
 * products they ran.
 *
 * <p>Times are wall time on the thread that ran the inferences, with the profiler's own overhead (a
 * few microseconds per call): good for shares and comparisons, not for absolute latency.
 *
 * @param inferences how many inferences the profile covers; per-inference figures divide by it
 * @param memoryRecorded whether memory was profiled; if not, every byte figure is null
 * @param selfMicros all the calls' self time: the wall time of the outermost calls
 * @param flopsPerInference per inference, the FLOPs (two per multiply-add) of the matrix products
 *     ({@code mm}, {@code addmm}, {@code bmm}, {@code baddbmm}, {@code matmul}, {@code linear}),
 *     convolutions, scaled-dot-product attention and dynamic quantized linears whose recorded shapes
 *     determine them, each counted once, at the innermost such call of a nest
 * @param unestimatedFlopOperators operators with FLOPs of which some calls could not be estimated
 *     from their recorded shapes; {@link #flopsPerInference} leaves those calls out
 * @param operators every operator, most self time first
 */
public record OperatorProfile(int inferences, boolean memoryRecorded, double selfMicros, double flopsPerInference,
        List<String> unestimatedFlopOperators, List<OperatorStats> operators) {

    /**
     * One operator's calls.
     *
     * @param name the operator ({@code aten::mm}, {@code quantized::linear_dynamic}, {@code forward} for
     *     a TorchScript method, whose self time is the interpreter's)
     * @param calls how many calls, nested calls of the same name included
     * @param selfMicros wall time in the calls themselves, nested calls excluded
     * @param totalMicros wall time in the calls, nested calls included (a call nested in one of the same
     *     name counted once)
     * @param share {@link #selfMicros} as a fraction of the profile's
     * @param netBytes bytes the calls left allocated (allocations minus frees while they ran, nested calls
     *     included, as PyTorch's "CPU Mem"): about the outputs, less any inputs freed inside the call;
     *     null when memory was not profiled. DJL's trace rounds each call's figure to two decimals of
     *     its unit (KiB, MiB), and attributes allocations on the engine's worker threads to no call.
     * @param selfNetBytes the same without nested calls (PyTorch's "Self CPU Mem"); null likewise
     * @param flops FLOPs of the calls where they count (see {@link OperatorProfile#flopsPerInference});
     *     0 for other operators
     * @param inputShapes each distinct list of recorded input shapes, most calls first
     */
    public record OperatorStats(String name, long calls, double selfMicros, double totalMicros, double share,
            Long netBytes, Long selfNetBytes, double flops, List<ShapeCount> inputShapes) {
    }

    /**
     * One list of input shapes and how many calls had it. A call from the TorchScript interpreter
     * records the shapes of the interpreter's whole stack: the operator's arguments are the last ones,
     * after values that wait for later operators. A non-tensor argument is {@code []}.
     *
     * @param shapes the recorded shapes
     * @param calls how many calls recorded them
     */
    public record ShapeCount(List<List<Long>> shapes, long calls) {
    }

    /** The operator named {@code name}, if it ran. */
    public Optional<OperatorStats> operator(String name) {
        return operators.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * Reads a trace written by DJL's {@code JniUtils.stopProfile}.
     *
     * @param inferences how many inferences the profiled work ran
     * @param memoryRecorded whether the profile was started with memory profiling
     */
    public static OperatorProfile read(Path trace, int inferences, boolean memoryRecorded) throws IOException {
        try (InputStream in = Files.newInputStream(trace)) {
            return of(ProfilerTrace.read(in, memoryRecorded), inferences, memoryRecorded);
        }
    }

    static OperatorProfile of(List<TraceCall> roots, int inferences, boolean memoryRecorded) {
        requireInferences(inferences);
        Map<String, Accumulator> byName = new LinkedHashMap<>();
        TreeSet<String> unestimated = new TreeSet<>();
        double totalFlops = 0;
        List<TraceCall> calls = new ArrayList<>();
        for (TraceCall root : roots) {
            calls.add(root);
            calls.addAll(root.descendants());
        }
        for (TraceCall call : calls) {
            Accumulator a = byName.computeIfAbsent(call.name(), n -> new Accumulator());
            a.add(call);
            if (OperatorFlops.countsAt(call)) {
                OptionalDouble flops = OperatorFlops.of(call);
                if (flops.isPresent()) {
                    a.flops += flops.getAsDouble();
                    totalFlops += flops.getAsDouble();
                } else {
                    unestimated.add(call.name());
                }
            }
        }
        double selfMicros = roots.stream().mapToDouble(TraceCall::durationMicros).sum();
        List<OperatorStats> operators = new ArrayList<>();
        byName.forEach((name, a) -> operators.add(a.stats(name, selfMicros, memoryRecorded)));
        operators.sort(Comparator.comparingDouble(OperatorStats::selfMicros).reversed());
        return new OperatorProfile(inferences, memoryRecorded, selfMicros, totalFlops / inferences,
                List.copyOf(unestimated), List.copyOf(operators));
    }

    static void requireInferences(int inferences) {
        if (inferences < 1) {
            throw new IllegalArgumentException("inferences is " + inferences + ", but a profile covers at least 1");
        }
    }

    private static final class Accumulator {
        long calls;
        double selfMicros;
        double totalMicros;
        long netBytes;
        long selfNetBytes;
        double flops;
        final Map<List<List<Long>>, Long> shapes = new LinkedHashMap<>();

        void add(TraceCall call) {
            calls++;
            selfMicros += call.selfMicros();
            if (!call.insideCallOfSameName()) {
                totalMicros += call.durationMicros();
                if (call.netBytes() != null) {
                    netBytes += call.netBytes();
                }
            }
            if (call.selfNetBytes() != null) {
                selfNetBytes += call.selfNetBytes();
            }
            shapes.merge(call.shapes(), 1L, Long::sum);
        }

        OperatorStats stats(String name, double profileMicros, boolean memoryRecorded) {
            List<ShapeCount> counts = new ArrayList<>();
            shapes.forEach((s, n) -> counts.add(new ShapeCount(s, n)));
            counts.sort(Comparator.comparingLong(ShapeCount::calls).reversed());
            return new OperatorStats(name, calls, selfMicros, totalMicros,
                    profileMicros > 0 ? selfMicros / profileMicros : 0, memoryRecorded ? netBytes : null,
                    memoryRecorded ? selfNetBytes : null, flops, List.copyOf(counts));
        }
    }
}
