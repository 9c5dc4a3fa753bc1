package io.github.qwenbench.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.hardware.OperatorProfile.OperatorStats;
import io.github.qwenbench.hardware.ProfileComparison.OperatorChange;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profiles of the bundled Qwen3-VL-shaped models on the real engine, at one intra-op thread: what a
 * profile holds does not depend on the threads, and on a shared two-core machine two threads waiting
 * for each other made inferences ten times slower (15 ms instead of 1.5 ms) while other builds ran.
 */
class OperatorProfilerTest {

    private static final int INFERENCES = 3;

    private static NDManager manager;
    private static int engineThreads;
    private static OperatorProfile baseline;
    private static OperatorProfile optimized;

    @BeforeAll
    static void profileBothModels() throws Exception {
        manager = NDManager.newBaseManager();
        engineThreads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        List<InputSpec> specs = TestModels.demoInputSpecs();
        NDList inputs = new TensorInputs(specs, 42).sample(manager, 0);
        baseline = profile("baseline.pt", inputs, specs);
        optimized = profile("optimized.pt", inputs, specs);
    }

    @AfterAll
    static void close() {
        JniUtils.setNumThreads(engineThreads);
        manager.close();
    }

    private static OperatorProfile profile(String model, NDList inputs, List<InputSpec> specs) throws Exception {
        try (LoadedModel loaded = LoadedModel.load(TestModels.model("baseline", model), false)) {
            loaded.predict(inputs, specs).close();
            OperatorProfile profile = OperatorProfiler.profile(INFERENCES, true, () -> {
                for (int i = 0; i < INFERENCES; i++) {
                    loaded.predict(inputs, specs).close();
                }
            });
            System.out.printf("%s: %.0f FLOPs per inference, %.0f µs of operators per inference; top operators:%n",
                    model, profile.flopsPerInference(), profile.selfMicros() / INFERENCES);
            profile.operators().stream().limit(8).forEach(o -> System.out.printf("  %-28s %4d calls %8.0f µs self"
                    + " %5.1f%% %10.0f FLOPs %s%n", o.name(), o.calls(), o.selfMicros(), 100 * o.share(), o.flops(),
                    o.inputShapes().get(0).shapes()));
            return profile;
        }
    }

    /**
     * generate.py's architecture, two FLOPs per multiply-add of every matrix product; biases, norms,
     * softmax and elementwise work left out.
     */
    private static double handCountedFlopsPerInference() {
        int seq = 24;
        int hidden = 128;
        int heads = 4;
        int kvHeads = 2;
        int headDim = hidden / heads;
        int intermediate = 384;
        int vocab = 1024;
        int patches = 16;
        int patchValues = 1536;
        int visionHidden = 128;
        int visionMlp = 256;
        int merge = 4;
        double textLayer = product(seq, hidden, heads * headDim) + 2 * product(seq, hidden, kvHeads * headDim)
                + product(seq, heads * headDim, hidden)
                + 2 * heads * product(seq, headDim, seq)
                + 3 * product(seq, hidden, intermediate);
        double visionBlock = product(patches, visionHidden, 3 * visionHidden)
                + 2 * heads * product(patches, visionHidden / heads, patches)
                + product(patches, visionHidden, visionHidden)
                + 2 * product(patches, visionHidden, visionMlp);
        double merger = product(patches / merge, visionHidden * merge, visionMlp)
                + product(patches / merge, visionMlp, hidden);
        return 2 * textLayer + product(seq, hidden, vocab) + product(patches, patchValues, visionHidden)
                + 2 * visionBlock + merger;
    }

    /** FLOPs of an [m, k] by [k, n] product. */
    private static double product(int m, int k, int n) {
        return 2.0 * m * k * n;
    }

    @Test
    void baselineRunsTheExpectedOperatorsWithPositiveTimes() {
        for (String name : List.of("aten::mm", "aten::addmm", "aten::bmm", "aten::linear", "aten::matmul",
                "aten::softmax", "aten::layer_norm", "aten::embedding", "forward")) {
            OperatorStats op = baseline.operator(name).orElseThrow(() -> new AssertionError(name + " missing"));
            assertTrue(op.selfMicros() > 0 && op.totalMicros() >= op.selfMicros(), op.toString());
            assertEquals(0, op.calls() % INFERENCES, name + " runs as often in every inference");
        }
        assertEquals(1.0, baseline.operators().stream().mapToDouble(OperatorStats::share).sum(), 1e-9);
        assertEquals(List.of(List.of(16L, 1536L), List.of(1536L, 128L)),
                baseline.operator("aten::mm").orElseThrow().inputShapes().stream()
                        .filter(s -> s.shapes().get(0).get(1) == 1536).findFirst().orElseThrow().shapes(),
                "the patch embedding's product, shapes recorded");
        assertTrue(baseline.operator("aten::mm").orElseThrow().netBytes() > 0, "products allocate their outputs");
        assertTrue(baseline.operator("quantized::linear_dynamic").isEmpty());
    }

    @Test
    void baselineFlopsMatchTheHandCount() {
        double hand = handCountedFlopsPerInference();
        assertEquals(42_008_576, hand);
        assertTrue(baseline.unestimatedFlopOperators().isEmpty(), baseline.unestimatedFlopOperators().toString());
        assertEquals(1.0, baseline.flopsPerInference() / hand, 0.01,
                "estimated " + baseline.flopsPerInference() + ", hand count " + hand);
        assertEquals(0, baseline.operator("aten::linear").orElseThrow().flops(),
                "linear reaches mm or addmm, which count instead");
    }

    @Test
    void optimizedRunsDynamicQuantizedLinearsWhoseFlopsAreCounted() {
        OperatorStats quantized = optimized.operator("quantized::linear_dynamic").orElseThrow();
        assertEquals(10L * INFERENCES, quantized.calls(), "3 text MLP linears × 2 layers, 2 vision × 2 blocks");
        assertTrue(quantized.selfMicros() > 0);
        assertTrue(quantized.flops() > 0);
        assertTrue(optimized.unestimatedFlopOperators().isEmpty(), optimized.unestimatedFlopOperators().toString());
        assertEquals(baseline.flopsPerInference(), optimized.flopsPerInference(), 1e-6 * baseline.flopsPerInference(),
                "the same architecture: int8 MLPs do the same products");
    }

    @Test
    void comparisonSortsByChangeOfShareAndHasTheQuantizedLinearsOnlyInTheCandidate() {
        ProfileComparison comparison = ProfileComparison.of(baseline, optimized, 5);
        comparison.changes().forEach(c -> System.out.printf("  %-28s share %5.1f%% -> %5.1f%%, %7.1f -> %7.1f µs"
                + " per inference%n", c.name(), 100 * c.baselineShare(), 100 * c.candidateShare(),
                c.baselineMicrosPerInference(), c.candidateMicrosPerInference()));

        assertEquals(5, comparison.changes().size());
        for (int i = 1; i < comparison.changes().size(); i++) {
            assertTrue(Math.abs(comparison.changes().get(i - 1).shareChange())
                    >= Math.abs(comparison.changes().get(i).shareChange()));
        }
        OperatorChange quantized = ProfileComparison.of(baseline, optimized, 1000).changes().stream()
                .filter(c -> c.name().equals("quantized::linear_dynamic")).findFirst().orElseThrow();
        assertEquals(0, quantized.baselineShare());
        assertEquals(0, quantized.baselineCallsPerInference());
        assertEquals(10, quantized.candidateCallsPerInference());
        assertTrue(quantized.candidateShare() > 0);
    }

    /** The output's size comes from the memory events: 8 channels of 16×16 float32 is 8 KiB. */
    @Test
    void convolutionFlopsNeedTheMemoryEvents() {
        NDArray input = manager.randomNormal(new Shape(1, 3, 32, 32));
        NDArray weight = manager.randomNormal(new Shape(8, 3, 3, 3));
        NDArray bias = manager.zeros(new Shape(8));
        OperatorProfiler.Work<RuntimeException> convolution = () -> input.getNDArrayInternal()
                .convolution(input, weight, bias, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1).close();

        OperatorProfile withMemory = OperatorProfiler.profile(1, true, convolution);
        assertEquals(2.0 * (8 * 16 * 16) * (3 * 3 * 3), withMemory.flopsPerInference());
        assertEquals(8192, withMemory.operator("aten::conv2d").orElseThrow().netBytes());

        OperatorProfile withoutMemory = OperatorProfiler.profile(1, false, convolution);
        assertEquals(0, withoutMemory.flopsPerInference());
        assertEquals(List.of("aten::_convolution"), withoutMemory.unestimatedFlopOperators());
        assertEquals(null, withoutMemory.operator("aten::conv2d").orElseThrow().netBytes());
    }

    @Test
    void aProfileInsideAnotherIsRefusedAndBothAreStopped() throws IOException {
        List<Path> before = traceFiles();
        NDArray a = manager.ones(new Shape(4, 4));
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> OperatorProfiler.profile(1, false, () -> OperatorProfiler.profile(1, false, () -> a.add(a))));
        assertTrue(nested.getMessage().contains("inside the work of another"), nested.getMessage());

        OperatorProfile next = OperatorProfiler.profile(1, false, () -> a.add(a).close());
        assertTrue(next.operator("aten::add").isPresent(), "the failed profile was stopped");
        assertEquals(before, traceFiles(), "no trace file left behind");
    }

    @Test
    void failingWorkStopsTheProfileAndPassesItsExceptionOn() {
        NDArray a = manager.ones(new Shape(4, 4));
        IOException failure = assertThrows(IOException.class, () -> OperatorProfiler.profile(1, false, () -> {
            a.mul(a).close();
            throw new IOException("the work failed");
        }));
        assertEquals("the work failed", failure.getMessage());
        assertThrows(RuntimeException.class, () -> JniUtils.stopProfile(Path.of("unused").toString()),
                "no profile is left running");
    }

    @Test
    void workOnAnotherThreadIsNotRecordedAndSaysSo() {
        NDArray a = manager.ones(new Shape(4, 4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OperatorProfiler.profile(1, false,
                () -> {
                    Thread other = new Thread(() -> a.add(a).close());
                    other.start();
                    other.join();
                }));
        assertTrue(e.getMessage().contains("records only that thread"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static List<Path> traceFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("qwen-bench-operator-profile")).sorted()
                    .toList();
        }
    }
}
