package io.github.qwenbench;

import io.github.qwenbench.model.InputFiles;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.HardwareSettings;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.ModelSource;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.plan.SystemSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bundled Qwen3-VL-shaped TorchScript models (src/test/models) and a plan over them. */
public final class TestModels {

    private TestModels() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("qwenbench.testModels", "src/test/models")).toAbsolutePath().normalize();
    }

    public static Path file(String name) {
        return directory().resolve(name);
    }

    public static ModelSource source(String name) {
        return new ModelSource(file(name).toFile(), null, null);
    }

    public static ModelFile model(String role, String name) throws Exception {
        return new ModelResolver((c, s) -> {
            throw new AssertionError("no artifacts in this test");
        }, Path.of("target/test-unpack")).resolve(role, source(name), null);
    }

    /** The demo's inputs: real Qwen3 token ids from the npz file, normal pixel values, the grid. */
    public static List<InputConfig> demoInputs() {
        List<InputConfig> inputs = new ArrayList<>();
        InputConfig ids = new InputConfig();
        ids.setName("input_ids");
        ids.setShape("1,24");
        ids.setFile(file("demo-inputs.npz").toFile());
        inputs.add(ids);
        InputConfig pixels = new InputConfig();
        pixels.setName("pixel_values");
        pixels.setShape("16,1536");
        pixels.setDistribution("normal");
        inputs.add(pixels);
        InputConfig grid = new InputConfig();
        grid.setName("image_grid_thw");
        grid.setShape("1,3");
        grid.setFile(file("demo-inputs.npz").toFile());
        inputs.add(grid);
        return inputs;
    }

    public static List<InputSpec> demoInputSpecs() throws Exception {
        List<InputSpec> specs = new ArrayList<>();
        List<InputConfig> inputs = demoInputs();
        for (int i = 0; i < inputs.size(); i++) {
            specs.add(InputFiles.resolve(InputSpec.from(inputs.get(i), i)));
        }
        return specs;
    }

    /** A plan comparing {@code candidate} with baseline.pt on the demo inputs. */
    public static BenchmarkPlan plan(String candidate, AccuracyConfig accuracy) throws Exception {
        return plan(candidate, accuracy, new PerformanceConfig());
    }

    public static BenchmarkPlan plan(String candidate, AccuracyConfig accuracy, PerformanceConfig performance)
            throws Exception {
        List<InputSpec> inputs = demoInputSpecs();
        return new BenchmarkPlan(model("baseline", "baseline.pt"), model("candidate", candidate), inputs, 42,
                new EngineSettings(null, null, true), AccuracySettings.from(accuracy, inputs),
                PerformanceSettings.from(performance), MemorySettings.from(new MemoryConfig()),
                ScalabilitySettings.from(new ScalabilityConfig(), inputs), SystemSettings.from(null),
                io.github.qwenbench.plan.HardwareSettings.from(null),
                io.github.qwenbench.plan.GenerationSettings.from(null, inputs), null);
    }
}
