package io.github.qwenbench.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.worker.WorkerMain;
import java.util.ArrayList;
import java.util.List;
import io.github.qwenbench.stats.ConfidenceSequence;
import org.junit.jupiter.api.Test;

/** The measurement's structure on the real engine; speed claims live in the ITs and BENCHMARKS.md. */
class PerformanceRunnerTest {

    @Test
    void measuresBothModelsInPairedBlocks() throws Exception {
        PerformanceConfig config = new PerformanceConfig();
        config.setWarmupIterations(3);
        int pairs = ConfidenceSequence.minimumPairs(0.95);
        config.setMaxPairs(pairs);
        config.setBlockSize("5");
        List<String> progress = new ArrayList<>();
        SuiteResult result = WorkerMain.execute(Suite.named("performance"),
                TestModels.plan("optimized.pt", new AccuracyConfig(), config), progress::add);
        PerformanceMetrics metrics = Json.mapper().treeToValue(result.metrics(), PerformanceMetrics.class);
        assertEquals(pairs, metrics.speedup().pairs());
        assertEquals(2 * pairs, metrics.baselineBlockMillis().size(), "two blocks of each model per pair");
        assertEquals(5, metrics.blockSize());
        assertEquals(List.of("baseline", "candidate"), metrics.models().stream().map(m -> m.role()).toList());
        for (PerformanceMetrics.ModelPerformance model : metrics.models()) {
            assertEquals(2 * 5 * pairs, model.latency().count());
            assertEquals(1, model.batchSize());
            assertTrue(model.loadMillis() > 0 && model.coldMillis() > 0);
            assertTrue(model.latency().minMillis() <= model.latency().p50Millis());
        }
        assertTrue(metrics.speedup().hasInterval());
        assertTrue(progress.stream().anyMatch(line -> line.startsWith("measured " + pairs + " pairs of four 5-inference"
                + " blocks in ")), progress.toString());
        assertEquals(1, metrics.conditions().callers());
        assertTrue(metrics.conditions().free().source().startsWith("/proc/stat over"),
                metrics.conditions().free().source());
        assertEquals(PerformanceMetrics.METHOD, metrics.method());
    }

    @Test
    void measuresMoreWhileTheIntervalCannotDecide() throws Exception {
        PerformanceConfig config = new PerformanceConfig();
        config.setWarmupIterations(3);
        int pairs = ConfidenceSequence.minimumPairs(0.95);
        config.setMaxPairs(pairs + 4);
        config.setBlockSize("5");
        config.setMinSpeedup("1.0");
        List<String> progress = new ArrayList<>();
        SuiteResult result = WorkerMain.execute(Suite.named("performance"),
                TestModels.plan("baseline.pt", new AccuracyConfig(), config), progress::add);
        PerformanceMetrics metrics = Json.mapper().treeToValue(result.metrics(), PerformanceMetrics.class);
        // the same model against itself at 1.0: the interval cannot leave the threshold, so measuring
        // goes on, pair by pair, to maxIterations (unless, rarely and within the stated error, it decides)
        if (metrics.stop().decided()) {
            assertTrue(metrics.speedup().decides(1.0), "stopped early only because the interval decided");
        } else {
            assertEquals(pairs + 4, metrics.speedup().pairs(), "measured up to maxPairs: " + progress);
            assertEquals("pair budget spent", metrics.stop().stoppedBecause());
        }
        assertEquals(metrics.speedup().pairs() * 2 * 5, metrics.models().get(0).latency().count());
    }

    @Test
    void medianOfABlock() {
        assertEquals(2.0, PerformanceRunner.median(new long[] {3_000_000, 1_000_000, 2_000_000}), 1e-12);
        assertEquals(2.5, PerformanceRunner.median(new long[] {4_000_000, 1_000_000, 2_000_000, 3_000_000}), 1e-12);
    }
}
