package io.github.qwenbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.model.ArtifactResolver;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.SweepConfig;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.plan.WorkloadSettings;
import io.github.qwenbench.workload.WorkloadResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFactoryTest {

    @TempDir
    Path dir;

    private BenchmarkPlan create(List<InputConfig> inputs) throws BenchmarkSetupException {
        return create(inputs, null, null, "optimized.pt");
    }

    private BenchmarkPlan create(List<InputConfig> inputs, WorkloadConfig workload, ScalabilityConfig scalability,
            String candidate) throws BenchmarkSetupException {
        return create("baseline.pt", candidate, inputs, workload, scalability, null);
    }

    private BenchmarkPlan create(String baseline, String candidate, List<InputConfig> inputs, WorkloadConfig workload,
            ScalabilityConfig scalability, MemoryConfig memory) throws BenchmarkSetupException {
        ArtifactResolver none = (c, s) -> {
            throw new AssertionError();
        };
        PlanFactory factory = new PlanFactory(new ModelResolver(none, dir), new WorkloadResolver(none, dir));
        return factory.create(new PlanFactory.Settings(TestModels.source(baseline), TestModels.source(candidate),
                null, null, inputs, 7, null, null, null, memory, scalability, null, null, null, workload,
                dir.resolve("inputs")));
    }

    private static WorkloadConfig workload() {
        WorkloadConfig workload = new WorkloadConfig();
        workload.setConversations(TestWorkloads.CONVERSATIONS.toFile());
        workload.setTokenizer(TestWorkloads.TOKENIZER.toFile());
        return workload;
    }

    @Test
    void aWorkloadFeedsTheForwardArgumentsItMakesByName() throws Exception {
        BenchmarkPlan plan = create(null, workload(), null, "optimized.pt");
        assertEquals(List.of("input_ids int64(per conversation)", "pixel_values float32(per conversation)",
                "image_grid_thw int64(per conversation)"), plan.inputs().stream().map(Object::toString).toList());
        assertTrue(plan.inputs().stream().allMatch(InputSpec::fromWorkload));
        WorkloadSettings workload = plan.workload();
        assertEquals(5, workload.samples(), "every conversation by default");
        assertEquals(List.of(1, 2, 3, 4, 5), workload.lines());
        assertEquals(151643, workload.padTokenId());
        assertEquals(List.of(), workload.replacedInputs());
        assertEquals(dir.resolve("inputs").toString(), workload.directory());
        assertEquals("3636d0f0bd6bef02654cdffdc447b79cb2cef8ab02cc75267345946291a489e4", workload.templateSha256(),
                "the bundled template, as its README states");
        assertEquals(ModelResolver.sha256(TestWorkloads.TOKENIZER), workload.tokenizerSha256());
        assertEquals(65536, workload.minPixels());
        assertEquals(16, workload.patchSize());
    }

    @Test
    void aWorkloadReplacesInputsThatReachTheGoalToo() throws Exception {
        WorkloadConfig workload = workload();
        workload.setSamples(2);
        BenchmarkPlan plan = create(TestModels.demoInputs(), workload, null, "optimized.pt");
        assertTrue(plan.inputs().stream().allMatch(InputSpec::fromWorkload));
        assertEquals(List.of(1, 2), plan.workload().lines());
        assertEquals(List.of("input_ids", "pixel_values", "image_grid_thw"),
                plan.workload().replacedInputs().stream().map(InputSpec::name).toList(),
                "kept to show the layout a model accepts");
        assertTrue(new PlanFactory.Settings(null, null, null, null, TestModels.demoInputs(), 0, null, null, null, null,
                null, null, null, null, workload, dir).workloadReplacesInputs());
    }

    @Test
    void neitherInputsNorWorkloadNamesBoth() {
        String message = assertThrows(BenchmarkSetupException.class, () -> create(List.of())).getMessage();
        assertTrue(message.startsWith("Neither <inputs> nor <workload> is configured: add one <input> per argument"
                + " of the baseline model's forward(input_ids, pixel_values, image_grid_thw), or a <workload>"), message);
    }

    @Test
    void aModelArgumentTheWorkloadDoesNotMakeIsNamed() {
        String message = assertThrows(BenchmarkSetupException.class,
                () -> create(null, workload(), null, "tiny-mlp.pt")).getMessage();
        assertTrue(message.startsWith("The candidate model "), message);
        assertTrue(message.contains("takes 'x' (forward(x)), which a <workload> does not make: it makes input_ids,"
                + " attention_mask, pixel_values, image_grid_thw, mm_token_type_ids"), message);
    }

    @Test
    void theGenerationMemoryMetricNeedsModelsThatGenerate() throws Exception {
        MemoryConfig memory = new MemoryConfig();
        memory.setReductionMetric("generationPeakMinusLoad");
        InputConfig x = new InputConfig();
        x.setName("x");
        x.setShape("1,64");
        String message = assertThrows(BenchmarkSetupException.class,
                () -> create("tiny-mlp.pt", "leaky.pt", List.of(x), null, null, memory)).getMessage();
        assertEquals("memory/reductionMetric is generationPeakMinusLoad, but the models do not generate: no input is"
                + " named 'input_ids' (generation/tokenInput; inputs: [x]), so there is no generation phase to"
                + " measure: name the token-id input in <generation><tokenInput> and keep memory/generationSamples"
                + " above 0, or choose one of peakMinusIdle, footprint, peak.", message);

        BenchmarkPlan generating = create("baseline.pt", "optimized.pt", TestModels.demoInputs(), null, null, memory);
        assertEquals(null, generating.memory().generationSkipped(generating.generation(), generating.inputs()),
                "baseline.pt takes input_ids and returns logits: it generates, by full recompute");
        memory.setGenerationSamples(0);
        message = assertThrows(BenchmarkSetupException.class,
                () -> create("baseline.pt", "optimized.pt", TestModels.demoInputs(), null, null, memory)).getMessage();
        assertTrue(message.startsWith("memory/reductionMetric is generationPeakMinusLoad, but"
                + " memory/generationSamples is 0, so there is no generation phase"), message);
    }

    @Test
    void sweepsAndAnotherBatchDimensionDoNotApplyToAWorkload() {
        ScalabilityConfig sweeps = new ScalabilityConfig();
        sweeps.setSweeps(List.of(new SweepConfig()));
        String message = assertThrows(BenchmarkSetupException.class,
                () -> create(null, workload(), sweeps, "optimized.pt")).getMessage();
        assertTrue(message.startsWith("scalability/sweeps resize one configured input"), message);
        ScalabilityConfig dimension = new ScalabilityConfig();
        dimension.setBatchDimension(1);
        message = assertThrows(BenchmarkSetupException.class,
                () -> create(null, workload(), dimension, "optimized.pt")).getMessage();
        assertTrue(message.startsWith("scalability/batchDimension is 1, but a workload's batches stack"), message);
    }

    @Test
    void putsInputsInForwardOrder() throws Exception {
        List<InputConfig> inputs = new ArrayList<>(TestModels.demoInputs());
        Collections.reverse(inputs);
        BenchmarkPlan plan = create(inputs);
        assertEquals(List.of("input_ids", "pixel_values", "image_grid_thw"),
                plan.inputs().stream().map(i -> i.name()).toList());
        assertEquals(7, plan.seed());
        assertEquals(16, plan.accuracy().samples(), "seed default");
    }

    @Test
    void anInputTheModelDoesNotTakeIsNamedWithTheSignature() {
        List<InputConfig> inputs = new ArrayList<>(TestModels.demoInputs());
        inputs.get(1).setName("images");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> create(inputs));
        assertTrue(e.getMessage().startsWith("inputs/input 'images' is not an argument of the baseline model"),
                e.getMessage());
        assertTrue(e.getMessage().contains("forward(input_ids, pixel_values, image_grid_thw)"), e.getMessage());
    }

    @Test
    void aMisspelledFileInputIsAnsweredWithTheSignatureNotTheFilesEntries() {
        List<InputConfig> inputs = new ArrayList<>(TestModels.demoInputs());
        inputs.get(0).setName("input_id");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> create(inputs));
        assertTrue(e.getMessage().startsWith("inputs/input 'input_id' is not an argument of the baseline model"),
                e.getMessage());
        assertTrue(e.getMessage().contains("forward(input_ids, pixel_values, image_grid_thw)"), e.getMessage());
    }

    @Test
    void aMissingInputIsNamed() {
        List<InputConfig> inputs = new ArrayList<>(TestModels.demoInputs());
        inputs.remove(2);
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> create(inputs));
        assertTrue(e.getMessage().contains("needs the input 'image_grid_thw'"), e.getMessage());
    }

    @Test
    void duplicateInputsAreRejected() {
        List<InputConfig> inputs = new ArrayList<>(TestModels.demoInputs());
        inputs.add(inputs.get(0));
        assertThrows(BenchmarkSetupException.class, () -> create(inputs));
    }
}
