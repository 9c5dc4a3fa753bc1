package io.github.qwenbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.worker.TestLaunchers;
import io.github.qwenbench.worker.WorkerLauncher;
import io.github.qwenbench.workload.WorkloadPreparation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory workers' generation phase on the real engine, in fresh worker JVMs as the memory suite runs
 * them: the Qwen3-VL-shaped fixtures with a key/value cache (fp32, and an int8 cache) answer the test
 * conversations, preprocessed as the plugin does it.
 */
class GenerationPhaseTest {

    @TempDir
    Path dir;

    @Test
    void decodesOverTheCacheAndRecordsTheGenerationPeak() throws Exception {
        MemoryConfig config = new MemoryConfig();
        config.setInferences(10);
        config.setLeakInferences(20);
        config.setBandwidthMebibytes(0);
        config.setReductionMetric(MemorySettings.GENERATION_METRIC);
        BenchmarkPlan workload = TestWorkloads.planOf(dir, "qwen-vl-cached.pt", "qwen-vl-cached-int8kv.pt");
        BenchmarkPlan plan = workload.withMemory(MemorySettings.from(config));
        WorkloadPreparation.prepare(plan, line -> { });
        List<String> progress = new ArrayList<>();
        WorkerLauncher launcher = TestLaunchers.launcher(dir, List.of(), Duration.ofMinutes(3), progress::add)
                .withSteadyMemory();
        List<MemorySample> samples = new ArrayList<>();
        for (String role : List.of("baseline", "candidate")) {
            samples.add(launcher.run(Suite.named("memory"), plan, role, 1).metrics(MemorySample.class));
        }

        int maxNewTokens = plan.generation().maxNewTokens();
        for (MemorySample sample : samples) {
            GenerationMemorySample generation = sample.generation();
            assertNotNull(generation, sample.role() + ": the plan generates");
            assertEquals(DecodingMethod.KV_CACHE, generation.decoding(), sample.role());
            assertEquals(3, generation.answers());
            assertEquals(maxNewTokens, generation.tokensPerAnswer());
            assertTrue(generation.peakBytes() > sample.afterLoadBytes(), sample.toString());
            assertTrue(sample.generationPeakMinusLoadBytes() > 0, sample.toString());
            assertTrue(generation.cachePositions() > maxNewTokens, "the prompt and the tokens fed back: "
                    + generation.cachePositions());
        }
        GenerationMemorySample fp32 = samples.get(0).generation();
        GenerationMemorySample int8 = samples.get(1).generation();
        assertEquals(fp32.cachePositions(), int8.cachePositions(), "the same samples and answer lengths");
        // float32 [layers 2, key/value 2, batch 1, kv heads 2, positions, head dim 16], as CachedDecodingTest has it
        assertEquals(4L * 2 * 2 * 2 * 16 * fp32.cachePositions(), fp32.kvCacheBytes());
        assertTrue(int8.kvCacheBytes() > 0 && int8.kvCacheBytes() < fp32.kvCacheBytes() / 2,
                "an int8 cache with per-token scales: " + int8.kvCacheBytes() + " against " + fp32.kvCacheBytes());
        assertTrue(progress.stream().anyMatch(l -> l.contains(", generation peak ")), progress.toString());

        MemoryMetrics metrics = MemoryMetrics.combine(samples, List.of(),
                plan.memory().generationSkipped(plan.generation(), plan.inputs()));
        assertTrue(metrics.generation().startsWith("greedy answers to 3 samples of " + maxNewTokens + " tokens"),
                metrics.generation());
        assertEquals(1, metrics.generationPeakMinusLoad().ratio().pairs());
        System.out.printf("generation phase: %s%n", new MemorySuite().headline(metrics));
        new MemorySuite().tableLines(metrics).forEach(System.out::println);
    }
}
