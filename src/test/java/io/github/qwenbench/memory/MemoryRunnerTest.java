package io.github.qwenbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.model.InputFiles;
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
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.worker.TestLaunchers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model's memory phases on the real engine, in a fresh worker JVM as the plugin runs them (in this
 * test JVM, memory that earlier tests freed absorbs the leak); reduction claims live in the ITs.
 */
class MemoryRunnerTest {

    @TempDir
    Path work;

    @Test
    void measuresEveryPhaseOfOneModel() throws Exception {
        InputConfig x = new InputConfig();
        x.setName("x");
        x.setShape("1,64");
        List<InputSpec> inputs = List.of(InputFiles.resolve(InputSpec.from(x, 0)));
        MemoryConfig config = new MemoryConfig();
        config.setInferences(10);
        config.setLeakInferences(100);
        config.setBandwidthMebibytes(16);
        BenchmarkPlan plan = new BenchmarkPlan(TestModels.model("baseline", "tiny-mlp.pt"),
                TestModels.model("candidate", "leaky.pt"), inputs, 42, new EngineSettings(null, null, true),
                AccuracySettings.from(new AccuracyConfig(), inputs), PerformanceSettings.from(new PerformanceConfig()),
                MemorySettings.from(config), io.github.qwenbench.plan.ScalabilitySettings.from(null, inputs),
                io.github.qwenbench.plan.SystemSettings.from(null), io.github.qwenbench.plan.HardwareSettings.from(null),
                io.github.qwenbench.plan.GenerationSettings.from(null, inputs), null);
        MemorySample sample = Json.mapper().treeToValue(TestLaunchers.launcher(work, List.of(), Duration.ofMinutes(2),
                line -> { }).run(Suite.named("memory"), plan, "candidate", 2).metrics(), MemorySample.class);
        assertEquals("candidate", sample.role());
        assertEquals(2, sample.repetition());
        assertTrue(sample.idleBytes() > 0 && sample.afterLoadBytes() > 0);
        assertTrue(sample.peakBytes() >= sample.afterLoadBytes(), sample.toString());
        assertTrue(sample.leakBytesPerInference() > 100_000,
                "leaky.pt keeps 256 KiB per call: " + sample.leakBytesPerInference());
        assertTrue(sample.machineBandwidthBytesPerSecond() > 1e8, "bandwidth " + sample.machineBandwidthBytesPerSecond());
        assertEquals(sample.fileBytes(), plan.candidate().bytes());
    }
}
