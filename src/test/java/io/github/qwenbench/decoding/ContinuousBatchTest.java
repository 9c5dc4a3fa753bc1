package io.github.qwenbench.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.workload.WorkloadInputs;
import io.github.qwenbench.workload.WorkloadPreparation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous batching on the Qwen3-VL-shaped cached fixtures, from real preprocessing of the test
 * conversations (text, one and several images, multi-turn): every conversation decoded in a running
 * batch, which others join and leave at other steps, gets exactly the tokens it gets alone.
 */
class ContinuousBatchTest {

    private static final Set<Long> STOPS = Set.of(151645L, 151643L);

    @Test
    void aSequenceInTheBatchGetsTheTokensItGetsAlone(@TempDir Path dir) throws Exception {
        BenchmarkPlan plan = TestWorkloads.planOf(dir, "qwen-vl-cached.pt", "qwen-vl-cached-int8kv.pt");
        WorkloadPreparation.prepare(plan, line -> { });
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        int samples = plan.workload().samples();
        assertTrue(samples >= 4, "the test needs conversations of several lengths");
        // fp32 cache, answers ending at their stop tokens (or 40 tokens); int8 cache with its scales, exactly 12
        // tokens each: in both, sequences join at other steps and leave at others
        record Case(ModelFile file, GreedyDecoder.Options options) {
        }
        for (Case c : List.of(new Case(plan.baseline(), new GreedyDecoder.Options("input_ids", 0, 40, STOPS)),
                new Case(plan.candidate(), new GreedyDecoder.Options("input_ids", 0, 12, Set.of())))) {
            assertBatchedAsAlone(c.file(), c.options(), inputs, samples);
        }
    }

    /** Every conversation alone, then all of them through one batch that they join every third step. */
    private static void assertBatchedAsAlone(ModelFile file, GreedyDecoder.Options options, WorkloadInputs inputs,
            int samples) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(file, false)) {
            Map<Long, long[]> alone = new HashMap<>();
            for (int k = 0; k < samples; k++) {
                alone.put((long) k, GreedyDecoder.decode(model, inputs.sample(manager, k), inputs.inputs(),
                        options, manager).tokens()[0]);
            }
            Map<Long, ContinuousBatch.Finished> batched = new HashMap<>();
            int largest = 0;
            try (ContinuousBatch batch = new ContinuousBatch(model, inputs.inputs(), options, manager)) {
                // a new conversation joins every third step, while the earlier ones decode and leave
                int next = 0;
                for (int step = 0; next < samples || batch.size() > 0; step++) {
                    if (step % 3 == 0 && next < samples) {
                        ContinuousBatch.Finished done = batch.add(next, inputs.sample(manager, next));
                        if (done != null) {
                            batched.put(done.id(), done);
                        }
                        next++;
                    }
                    largest = Math.max(largest, batch.size());
                    for (ContinuousBatch.Finished done : batch.step()) {
                        batched.put(done.id(), done);
                    }
                }
                long tokens = batched.values().stream().mapToLong(f -> f.tokens().length + (f.stopped() ? 1 : 0))
                        .sum();
                assertEquals(tokens, batch.tokens(), "every token decoded, stop tokens included");
            }
            assertTrue(largest >= 3, file.path() + ": sequences overlapped in the batch (" + largest + ")");
            for (long k = 0; k < samples; k++) {
                ContinuousBatch.Finished done = batched.get(k);
                assertNotNull(done, "conversation " + k + " finished");
                assertArrayEquals(alone.get(k), done.tokens(), file.path() + ", conversation " + k + ", "
                        + options.maxNewTokens() + " tokens at most");
                assertTrue(done.prefillStartNanos() <= done.firstTokenNanos()
                        && done.firstTokenNanos() <= done.endNanos());
            }
            if (options.stopTokens().isEmpty()) {
                batched.values().forEach(f -> assertEquals(12, f.tokens().length));
            }
        }
    }

    @Test
    void aModelWithoutACacheIsRefusedWithTheWayOut(@TempDir Path dir) throws Exception {
        BenchmarkPlan plan = TestWorkloads.planOf(dir, "qwen-vl-base.pt", "qwen-vl-cached.pt");
        WorkloadPreparation.prepare(plan, line -> { });
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(plan.baseline(), false)) {
            BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> new ContinuousBatch(model,
                    inputs.inputs(), new GreedyDecoder.Options("input_ids", 0, 8, STOPS), manager));
            assertTrue(e.getMessage().contains("qwen-vl-base.pt") && e.getMessage().contains("has no decode method")
                    && e.getMessage().contains("one-at-a-time"), e.getMessage());
        }
    }
}
