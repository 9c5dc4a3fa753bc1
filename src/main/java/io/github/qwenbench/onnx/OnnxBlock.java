package io.github.qwenbench.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A single {@code .onnx} model as a DJL block, so that every suite runs it as it runs a TorchScript
 * model: the inputs go to the graph's inputs by name (or in order, when the arrays carry no names), every
 * output comes back named as the graph names it. The session runs at the engine's current intra-op
 * threads ({@link SessionsByThreads}).
 */
public final class OnnxBlock extends AbstractBlock implements AutoCloseable {

    private final Path file;
    private final String what;
    private final Map<String, NodeInfo> inputs;
    private final List<String> outputs;
    private final SessionsByThreads<OrtRuntime.Graph> sessions;

    private OnnxBlock(Path file, String what, Map<String, NodeInfo> inputs, List<String> outputs,
            SessionsByThreads<OrtRuntime.Graph> sessions) {
        this.file = file;
        this.what = what;
        this.inputs = inputs;
        this.outputs = outputs;
        this.sessions = sessions;
    }

    /**
     * Opens {@code file}, reading its declared inputs and outputs from a session at the current threads.
     *
     * @param profilePrefix where ONNX Runtime's profiler writes each session's trace, or null for no profiling
     * @param what the model in words, e.g. {@code the candidate model}
     */
    public static OnnxBlock open(Path file, IntSupplier threads, String optimization, boolean arena,
            Path profilePrefix, String what) throws BenchmarkSetupException {
        SessionsByThreads<OrtRuntime.Graph> sessions = new SessionsByThreads<>(threads,
                n -> OrtRuntime.open(file, new OrtRuntime.Options(n, optimization, arena, profilePrefix == null
                        ? null : profilePrefix.resolveSibling(profilePrefix.getFileName() + "-" + n)), what));
        try {
            OrtSession first = sessions.current().session();
            return new OnnxBlock(file, what, new LinkedHashMap<>(first.getInputInfo()),
                    new ArrayList<>(first.getOutputNames()), sessions);
        } catch (OrtException e) {
            closeQuietly(sessions);
            throw new BenchmarkSetupException(what + " " + file + ": ONNX Runtime cannot describe its graph: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks the inputs the suites will give against the graph's declared inputs, before anything is
     * measured: the same names (or as many, when matched in order), element types, and the dimensions the
     * graph fixes ({@code shape} is one sample's; the first axis is the batch).
     */
    public void check(List<InputSpec> specs) throws BenchmarkSetupException {
        List<String> declared = new ArrayList<>(inputs.keySet());
        if (specs.size() != declared.size()) {
            throw new BenchmarkSetupException(what + " " + file + " declares " + declared.size() + " inputs ("
                    + describe() + "), but " + specs.size() + " are configured (" + specs.stream().map(InputSpec::name)
                            .toList() + "). Configure one <input> per graph input.");
        }
        for (int i = 0; i < specs.size(); i++) {
            InputSpec spec = specs.get(i);
            String name = inputs.containsKey(spec.name()) ? spec.name() : declared.get(i);
            TensorInfo info = (TensorInfo) inputs.get(name).getInfo();
            String dtype = spec.dtype().toString().toLowerCase(Locale.ROOT);
            String expected = OnnxTensors.dataType(info.type).toString().toLowerCase(Locale.ROOT);
            if (!dtype.equals(expected)) {
                throw new BenchmarkSetupException(what + " " + file + " takes " + name + " as " + expected + ", but the"
                        + " input " + spec.name() + " is configured as " + dtype + ". Declared inputs: " + describe() + ".");
            }
            long[] graph = info.getShape();
            long[] sample = spec.shape();
            boolean fits = graph.length == sample.length + 1 || graph.length == sample.length;
            int offset = graph.length - sample.length;
            for (int d = 0; fits && d < sample.length; d++) {
                fits = graph[d + offset] < 0 || graph[d + offset] == sample[d];
            }
            if (!fits) {
                throw new BenchmarkSetupException(what + " " + file + " takes " + name + " shaped "
                        + OrtRuntime.describe(inputs.get(name)) + ", but the input " + spec.name() + " gives samples"
                        + " shaped " + java.util.Arrays.toString(sample) + " (batched along a first axis). Fix"
                        + " <inputs>, or export the graph with free dimensions.");
            }
        }
    }

    /** The declared inputs in words. */
    public String describe() {
        List<String> described = new ArrayList<>();
        inputs.forEach((name, info) -> described.add(name + " " + OrtRuntime.describe(info)));
        return String.join(", ", described);
    }

    public List<String> outputNames() {
        return outputs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList arrays, boolean training,
            PairList<String, Object> params) {
        List<String> declared = new ArrayList<>(inputs.keySet());
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (int i = 0; i < arrays.size(); i++) {
                NDArray a = arrays.get(i);
                String name = a.getName() != null && inputs.containsKey(a.getName()) ? a.getName()
                        : i < declared.size() ? declared.get(i) : "input" + i;
                if (feed.containsKey(name)) {
                    throw new IllegalStateException("two inputs go to the graph input " + name + " of " + file);
                }
                feed.put(name, OnnxTensors.of(a));
            }
            try (OrtSession.Result result = sessions.current().session().run(feed)) {
                NDList out = new NDList(outputs.size());
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.add(OnnxTensors.toArray((OnnxTensor) e.getValue(), e.getKey(), arrays.head().getManager()));
                }
                return out;
            }
        } catch (OrtException | BenchmarkSetupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("an ONNX graph's output shapes are known when it runs");
    }

    /** Ends the profiling of every session opened with a profile prefix; returns their traces. */
    public List<Path> endProfiling() throws BenchmarkSetupException {
        List<Path> traces = new ArrayList<>();
        try {
            for (OrtRuntime.Graph graph : sessions.opened()) {
                traces.add(graph.endProfiling());
            }
        } catch (OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime could not end its profiling of " + file + ": "
                    + e.getMessage(), e);
        }
        return traces;
    }

    @Override
    public void close() {
        closeQuietly(sessions);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a session that failed to open
        }
    }
}
