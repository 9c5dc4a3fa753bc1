package io.github.qwenbench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.DataKind;
import io.github.qwenbench.plan.GenerationConfig;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.worker.WorkerMain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accuracy suite on the real engine with the bundled TorchScript models. */
class AccuracyRunnerTest {

    private static AccuracyMetrics run(BenchmarkPlan plan) throws Exception {
        SuiteResult result = WorkerMain.execute(Suite.named("accuracy"), plan, line -> { });
        return Json.mapper().treeToValue(result.metrics(), AccuracyMetrics.class);
    }

    private static AccuracyConfig samples(int samples) {
        AccuracyConfig config = new AccuracyConfig();
        config.setSamples(samples);
        return config;
    }

    @Test
    void int8OptimizedCandidateStaysWithinOnePercent() throws Exception {
        AccuracyConfig config = samples(4);
        config.setGeneration(new GenerationConfig("input_ids", 4, 0));
        AccuracyMetrics metrics = run(TestModels.plan("optimized.pt", config));
        OutputAccuracy logits = metrics.outputs().get(0);
        assertEquals(4, logits.samples());
        assertEquals(List.of(1L, 24L, 1024L), java.util.Arrays.stream(logits.shape()).boxed().toList());
        assertTrue(logits.worstRelativeL2Error() > 0, "int8 is not bit-exact: " + logits.worstRelativeL2Error());
        assertTrue(logits.worstRelativeL2Error() < 0.01, "relative error " + logits.worstRelativeL2Error());
        assertTrue(logits.top1Agreement() > 0.9, "top-1 " + logits.top1Agreement());
        assertEquals(0, metrics.stability().get(0).repeatRelativeDifference(), "CPU inference is deterministic");
        assertTrue(metrics.stability().get(1).perturbationOutputChange() > 0);
        assertNotNull(metrics.generation());
        assertEquals(4, metrics.generation().sequences());
        assertEquals(4, metrics.generation().firstBaselineTokens().size());
    }

    @Test
    void degradedCandidateIsFarOff() throws Exception {
        AccuracyMetrics metrics = run(TestModels.plan("degraded.pt", samples(2)));
        assertTrue(metrics.outputs().get(0).worstRelativeL2Error() > 0.1,
                "skipped layers: " + metrics.outputs().get(0).worstRelativeL2Error());
        assertFalse(AccuracyGates.evaluate(TestModels.plan("degraded.pt", samples(2)).accuracy(), metrics, false).stream()
                .allMatch(io.github.qwenbench.gate.Verdict::passed));
    }

    @Test
    void gradientFlowReachesEveryBaselineParameterButNotThroughInt8Layers() throws Exception {
        AccuracyConfig config = samples(1);
        config.setGradientFlow(true);
        AccuracyMetrics metrics = run(TestModels.plan("optimized.pt", config));
        AccuracyMetrics.GradientFlow baseline = metrics.gradientFlow().get(0);
        assertEquals(57, baseline.parameters());
        assertEquals(0, baseline.badParameters(), baseline.toString());
        AccuracyMetrics.GradientFlow candidate = metrics.gradientFlow().get(1);
        assertTrue(candidate.zeroGradient().contains("layers.0.post_attention_layernorm.weight"),
                "dynamic int8 linears have no backward, so the norm before them gets none: " + candidate);
    }

    @Test
    void anInputOfTheWrongDtypeIsRejectedWithTheEngineReason() throws Exception {
        BenchmarkPlan plan = TestModels.plan("optimized.pt", samples(1));
        List<InputSpec> inputs = new ArrayList<>(plan.inputs());
        InputSpec ids = inputs.get(0);
        inputs.set(0, new InputSpec(ids.name(), ids.shape(), io.github.qwenbench.plan.DataKind.FLOAT32,
                InputSpec.UNIFORM, 0, 1, 0, 1, null, null, 0));
        BenchmarkPlan wrong = plan.withInputs(inputs);
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> run(wrong));
        assertTrue(e.getMessage().startsWith("The baseline model " + plan.baseline().path() + " rejected its inputs"
                + " [input_ids float32(1, 24), pixel_values float32(16, 1536), image_grid_thw int64(1, 3)]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("RuntimeError: Expected tensor for argument #1 'indices'"), e.getMessage());
    }
}
