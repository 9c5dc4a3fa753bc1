package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.hardware.OperatorProfile;
import io.github.qwenbench.hardware.OrtTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardware suite's operator profile of a package, from ONNX Runtime's own profiler: the tiny package's
 * prefill, profiled from its sessions' first run, read back with the warm-up's runs left out.
 */
class OrtProfilingTest {

    @Test
    void theProfileCountsTheMeasuredRunsOperatorsAndTheirFlops(@TempDir Path dir) throws Exception {
        OnnxPackage pkg = OnnxPackage.open(PackageGenerationTest.PACKAGES.resolve("qwen3vl-tiny"), "fp32", Map.of(),
                "tiny");
        List<Path> traces;
        try (PackageGraphs graphs = PackageGraphs.open(pkg, new OrtRuntime.Options(1, "all", true,
                dir.resolve("baseline")), "tiny")) {
            PackageGeneration generation = new PackageGeneration(graphs, pkg.config());
            PackageGeneration.Prompt prompt = PackageGenerationTest.prompt(List.of("one_image"));
            for (int i = 0; i < 2 + 3; i++) {
                generation.prefill(prompt);
            }
            traces = graphs.endProfiling();
        }
        assertEquals(3, traces.size(), "one trace per part");
        assertTrue(traces.stream().allMatch(t -> Files.isRegularFile(t) && t.startsWith(dir)), traces.toString());

        OperatorProfile measured = OrtTrace.read(traces, 2, 3);
        OperatorProfile all = OrtTrace.read(traces, 0, 5);
        assertEquals(3, measured.inferences());
        OperatorProfile.OperatorStats gather = measured.operator("ort::Gather").orElseThrow();
        assertEquals(5 * gather.calls(), 3 * all.operator("ort::Gather").orElseThrow().calls(),
                "the warm-up's two runs of every part are left out: " + gather.calls() + " calls");
        assertTrue(measured.operators().stream().anyMatch(o -> o.name().equals("ort::MatMul")), measured.operators()
                .stream().map(OperatorProfile.OperatorStats::name).toList().toString());
        // the logits alone: one position of a 151936-token vocabulary over a 64-wide hidden state, per inference
        assertTrue(measured.flopsPerInference() >= 2.0 * 151936 * 64, "FLOPs " + measured.flopsPerInference());
        assertEquals(measured.selfMicros(), measured.operators().stream()
                .mapToDouble(OperatorProfile.OperatorStats::selfMicros).sum(), 1e-6);
        assertEquals(List.of(), measured.unestimatedFlopOperators());
    }
}
