package io.github.qwenbench.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * A three-part package as a DJL block: its forward pass is the prefill of the workload's prompts
 * ({@code input_ids}, {@code attention_mask}, {@code pixel_values}, {@code image_grid_thw}; the workload's
 * {@code mm_token_type_ids} is not needed) and gives the logits, so that the tensor suites (accuracy,
 * performance, scalability, hardware, memory) measure and compare the prefill; greedy generation runs
 * the package's own cached loop ({@link #generate}). The parts run at the engine's current intra-op
 * threads ({@link SessionsByThreads}).
 */
public final class PackageBlock extends AbstractBlock implements AutoCloseable {

    /** The workload inputs the package takes, by name. */
    public static final List<String> INPUTS = List.of("input_ids", "attention_mask", "pixel_values", "image_grid_thw");

    private final OnnxPackage pkg;
    private final SessionsByThreads<Opened> sessions;

    /** The three parts open at one thread count, and their generation loop. */
    private record Opened(PackageGraphs graphs, PackageGeneration generation) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            graphs.close();
        }
    }

    private PackageBlock(OnnxPackage pkg, SessionsByThreads<Opened> sessions) {
        this.pkg = pkg;
        this.sessions = sessions;
    }

    /**
     * Opens {@code pkg}'s parts (and checks their inputs and outputs) at the current threads.
     *
     * @param profilePrefix where ONNX Runtime's profiler writes each session's trace, or null for no profiling
     */
    public static PackageBlock open(OnnxPackage pkg, IntSupplier threads, String optimization, boolean arena,
            Path profilePrefix, String what) throws BenchmarkSetupException {
        SessionsByThreads<Opened> sessions = new SessionsByThreads<>(threads, n -> {
            PackageGraphs graphs = PackageGraphs.open(pkg, new OrtRuntime.Options(n, optimization, arena,
                    profilePrefix == null ? null : profilePrefix.resolveSibling(profilePrefix.getFileName() + "-" + n)),
                    what);
            return new Opened(graphs, new PackageGeneration(graphs, pkg.config()));
        });
        sessions.current();
        return new PackageBlock(pkg, sessions);
    }

    /** Ends the profiling of every session opened with a profile prefix; returns their traces. */
    public List<Path> endProfiling() throws BenchmarkSetupException {
        List<Path> traces = new ArrayList<>();
        try {
            for (Opened opened : sessions.opened()) {
                traces.addAll(opened.graphs().endProfiling());
            }
        } catch (ai.onnxruntime.OrtException e) {
            throw new BenchmarkSetupException("ONNX Runtime could not end its profiling of " + pkg.root() + ": "
                    + e.getMessage(), e);
        }
        return traces;
    }

    public OnnxPackage onnxPackage() {
        return pkg;
    }

    /** Whether the decoder takes DeepStack features. */
    public boolean deepstack() throws BenchmarkSetupException {
        return sessions.current().graphs().deepstack();
    }

    /** The next-token logits after the prefill and after each forced token ({@link PackageGeneration#forced}). */
    public List<PackageGeneration.Logits> forced(NDList prompt, long[][] tokens) throws BenchmarkSetupException {
        return sessions.current().generation().forced(prompt(prompt), tokens);
    }

    /** Prefills {@code prompt} as a batch that other sequences may join (continuous batching), at the current threads. */
    public PackageBatch prefillBatch(NDList prompt) throws BenchmarkSetupException {
        return sessions.current().generation().prefillBatch(prompt(prompt));
    }

    /** Greedy generation over the package's cache, at the current threads. */
    public PackageGeneration.Generated generate(NDList prompt, int maxNewTokens, Set<Long> stops)
            throws BenchmarkSetupException {
        return sessions.current().generation().generate(prompt(prompt), maxNewTokens, stops);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList arrays, boolean training,
            PairList<String, Object> params) {
        try {
            PackageGeneration.Logits logits = sessions.current().generation().prefill(prompt(arrays));
            NDManager manager = arrays.head().getManager();
            NDArray out = manager.create(FloatBuffer.wrap(logits.values()), new Shape(logits.shape()),
                    DataType.FLOAT32);
            out.setName(PackageGraphs.LOGITS);
            return new NDList(out);
        } catch (BenchmarkSetupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The workload's arrays as the package's prompt. */
    static PackageGeneration.Prompt prompt(NDList arrays) throws BenchmarkSetupException {
        NDArray ids = named(arrays, "input_ids");
        NDArray mask = named(arrays, "attention_mask");
        long[] shape = ids.getShape().getShape();
        if (shape.length != 2) {
            throw new BenchmarkSetupException("input_ids has shape " + ids.getShape() + ": a package takes token ids"
                    + " shaped [batch, sequence].");
        }
        long[][] idRows = rows(ids.toType(DataType.INT64, false).toLongArray(), shape);
        long[][] maskRows = mask == null ? ones(shape) : rows(mask.toType(DataType.INT64, false).toLongArray(), shape);
        NDArray pixels = named(arrays, "pixel_values");
        NDArray grid = named(arrays, "image_grid_thw");
        List<long[]> grids = new ArrayList<>();
        float[] values = new float[0];
        int patchLength = 1;
        if (grid != null && grid.size() > 0) {
            long[] flat = grid.toType(DataType.INT64, false).toLongArray();
            for (int i = 0; i + 2 < flat.length; i += 3) {
                grids.add(new long[] {flat[i], flat[i + 1], flat[i + 2]});
            }
            if (pixels == null) {
                throw new BenchmarkSetupException("the prompts hold images (image_grid_thw) but no pixel_values.");
            }
            values = pixels.toType(DataType.FLOAT32, false).toFloatArray();
            patchLength = (int) pixels.getShape().get(pixels.getShape().dimension() - 1);
        }
        return new PackageGeneration.Prompt(idRows, maskRows, values, patchLength, grids);
    }

    private static NDArray named(NDList arrays, String name) throws BenchmarkSetupException {
        for (NDArray a : arrays) {
            if (name.equals(a.getName())) {
                return a;
            }
        }
        if ("input_ids".equals(name)) {
            throw new BenchmarkSetupException("a three-part package needs the workload's input_ids (and, with images,"
                    + " pixel_values and image_grid_thw); the inputs given are " + arrays.stream().map(NDArray::getName)
                            .toList() + ". Give the baseline and candidate a <workload> of conversations.");
        }
        return null;
    }

    private static long[][] rows(long[] flat, long[] shape) {
        int b = (int) shape[0];
        int s = (int) shape[1];
        long[][] out = new long[b][s];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * s, out[i], 0, s);
        }
        return out;
    }

    private static long[][] ones(long[] shape) {
        long[][] out = new long[(int) shape[0]][(int) shape[1]];
        for (long[] row : out) {
            java.util.Arrays.fill(row, 1);
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("a package's logits are shaped when it runs");
    }

    @Override
    public void close() {
        try {
            sessions.close();
        } catch (Exception ignored) {
            // closing sessions at the end of the run
        }
    }
}
