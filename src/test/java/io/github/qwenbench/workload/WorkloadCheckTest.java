package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * baseline.pt takes any sequence length but only grids whose patches come in groups of 16, as it was
 * traced for 4x4 images: a 200x300 photo (grid 14x20) is rejected, and the message says so.
 */
class WorkloadCheckTest {

    private static final String TEXT = "{\"messages\": [{\"role\": \"user\", \"content\": \"What is the capital of"
            + " France? Answer in one word.\"}]}\n";
    private static final String PHOTO = "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\","
            + " \"image\": \"" + TestWorkloads.DIRECTORY.resolve("images/exif_rotated_200x300.jpg")
            + "\"}, {\"type\": \"text\", \"text\": \"What is shown?\"}]}]}\n";

    @TempDir
    Path dir;

    private String rejected(String conversations, List<InputConfig> inputs) throws Exception {
        Path file = Files.writeString(dir.resolve("conversations.jsonl"), conversations);
        BenchmarkPlan plan = TestWorkloads.plan(dir, TestWorkloads.config(file), "optimized.pt", inputs);
        WorkloadPreparation.prepare(plan, line -> { });
        return assertThrows(BenchmarkSetupException.class, () -> WorkloadCheck.run(plan, line -> { })).getMessage();
    }

    @Test
    void aModelTracedForOneGridIsAskedAboutItWithTheLayoutOfItsInputs() throws Exception {
        String message = rejected(PHOTO, TestModels.demoInputs());
        assertTrue(message.startsWith("The baseline model " + TestModels.file("baseline.pt") + " rejected sample 0"
                + " of the workload (" + dir.resolve("conversations.jsonl") + " line 1), which gives it input_ids"
                + " [1, "), message);
        assertTrue(message.contains("pixel_values [280, 1536], image_grid_thw [1, 3] = [[1, 14, 20]]: RuntimeError:"
                + " shape '[-1, 16, 128]' is invalid"), message);
        assertTrue(message.contains("This model accepts only [1, 24] input_ids, [16, 1536] pixel_values and [1, 3]"
                + " image_grid_thw (the layout of <inputs>, which it ran): was it traced for a fixed layout?"), message);
        assertTrue(message.endsWith("or benchmark it with <inputs>."), message);
    }

    @Test
    void theSamplesItAcceptedAreNamed() throws Exception {
        String message = rejected(TEXT + PHOTO, TestModels.demoInputs());
        assertTrue(message.contains("rejected sample 1 of the workload (" + dir.resolve("conversations.jsonl")
                + " line 2)"), message);
        assertTrue(message.contains("This model accepts [1, 24] input_ids, [16, 1536] pixel_values and [1, 3]"
                + " image_grid_thw (the layout of <inputs>, which it ran) and the workload's sample 0, but not this"
                + " one: was it traced for a fixed layout?"), message);
        message = rejected(TEXT + PHOTO, null);
        assertTrue(message.contains("It accepted the workload's sample 0, but not this one: was it traced"), message);
        message = rejected(PHOTO, null);
        assertTrue(message.contains("It accepted none of the workload's samples: was it traced"), message);
    }

    @Test
    void samplesBothModelsRunPass() throws Exception {
        Path file = Files.writeString(dir.resolve("conversations.jsonl"), TEXT);
        BenchmarkPlan plan = TestWorkloads.plan(dir, TestWorkloads.config(file), "optimized.pt", null);
        WorkloadPreparation.prepare(plan, line -> { });
        List<String> progress = new ArrayList<>();
        WorkloadCheck.run(plan, progress::add);
        assertEquals(List.of("workload: the baseline model runs every sample",
                "workload: the candidate model runs every sample"), progress);
    }

    /** Past the check (a scalability batch, say), a rejection still asks the question, not to check <inputs>. */
    @Test
    void aLaterRejectionOfWorkloadTensorsAsksAboutTheLayoutToo() throws Exception {
        Path file = Files.writeString(dir.resolve("conversations.jsonl"), PHOTO);
        BenchmarkPlan plan = TestWorkloads.plan(dir, TestWorkloads.config(file), "optimized.pt", null);
        WorkloadPreparation.prepare(plan, line -> { });
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        try (LoadedModel model = LoadedModel.load(plan.baseline(), false);
                NDManager manager = NDManager.newBaseManager()) {
            String message = assertThrows(BenchmarkSetupException.class,
                    () -> model.predict(inputs.batch(manager, 0, 2, 0), inputs.inputs())).getMessage();
            assertTrue(message.contains("rejected its inputs [input_ids int64(2, "), message);
            assertTrue(message.endsWith("The workload's conversations give it tensors of their own lengths and image"
                    + " grids: was it traced for a fixed layout? Export it to take any, or benchmark it with <inputs>."),
                    message);
        }
    }
}
