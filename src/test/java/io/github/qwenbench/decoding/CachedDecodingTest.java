package io.github.qwenbench.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.workload.WorkloadInputs;
import io.github.qwenbench.workload.WorkloadPreparation;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key/value-cache decoding against full recompute on the Qwen3-VL-shaped fixtures, from real
 * preprocessing of the test conversations (text only, one and several images, multi-turn) and a
 * left-padded batch: the same weights must give the same tokens either way.
 */
class CachedDecodingTest {

    @Test
    void cachedDecodingGivesTheTokensOfFullRecompute(@TempDir Path dir) throws Exception {
        BenchmarkPlan plan = TestWorkloads.planOf(dir, "qwen-vl-base.pt", "qwen-vl-cached.pt");
        WorkloadPreparation.prepare(plan, line -> { });
        WorkloadInputs inputs = WorkloadInputs.open(plan);
        GreedyDecoder.Options forced = new GreedyDecoder.Options("input_ids", 0, 32, Set.of());
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel full = LoadedModel.load(plan.baseline(), false);
                LoadedModel cached = LoadedModel.load(plan.candidate(), false)) {
            for (int k = 0; k < plan.workload().samples(); k++) {
                NDList prompt = inputs.sample(manager, k);
                GreedyDecoder.Decoded a = GreedyDecoder.decode(full, prompt, inputs.inputs(), forced, manager);
                GreedyDecoder.Decoded b = GreedyDecoder.decode(cached, prompt, inputs.inputs(), forced, manager);
                assertFalse(a.cached());
                assertTrue(b.cached());
                assertArrayEquals(a.tokens()[0], b.tokens()[0], "sample " + k);
                long prompt0 = prompt.get(0).getShape().get(1);
                assertEquals(prompt0 + 31, b.cachePositions(), "the prompt and the 31 tokens fed back");
                // float32 [layers 2, key/value 2, batch 1, kv heads 2, positions, head dim 16]
                assertEquals(4L * 2 * 2 * 2 * 16 * b.cachePositions(), b.cacheBytes());
            }
            NDList batch = inputs.batch(manager, 0, 3, 0);
            GreedyDecoder.Decoded a = GreedyDecoder.decode(full, batch, inputs.inputs(), forced, manager);
            GreedyDecoder.Decoded b = GreedyDecoder.decode(cached, batch, inputs.inputs(), forced, manager);
            for (int row = 0; row < 3; row++) {
                assertArrayEquals(a.tokens()[row], b.tokens()[row], "left-padded batch, row " + row);
            }
        }
    }

    @Test
    void aModelWithoutADecodeMethodRecomputes() throws Exception {
        ModelFile base = TestModels.model("baseline", "qwen-vl-base.pt");
        try (LoadedModel model = LoadedModel.load(base, false)) {
            assertEquals(null, CachedDecoding.of(model));
        }
    }
}
