package io.github.qwenbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputConfig;
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
        PlanFactory factory = new PlanFactory(new ModelResolver((c, s) -> {
            throw new AssertionError();
        }, dir));
        return factory.create(new PlanFactory.Settings(TestModels.source("baseline.pt"), TestModels.source("optimized.pt"),
                null, null, inputs, 7, null, null, null, null, null, null, null, null));
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
        e = assertThrows(BenchmarkSetupException.class, () -> create(List.of()));
        assertTrue(e.getMessage().startsWith("No <inputs> are configured"), e.getMessage());
    }

    @Test
    void duplicateInputsAreRejected() {
        List<InputConfig> inputs = new ArrayList<>(TestModels.demoInputs());
        inputs.add(inputs.get(0));
        assertThrows(BenchmarkSetupException.class, () -> create(inputs));
    }
}
