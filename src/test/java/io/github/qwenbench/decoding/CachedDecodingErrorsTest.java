package io.github.qwenbench.decoding;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.DataKind;
import io.github.qwenbench.plan.InputSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Models that break the cached-generation contract (generate_cache_faults.py) stop the run with a
 * message naming the model, what is wrong and where: a decode that returns no cache, a cache that
 * grows without bound, a sequence longer than the model allows.
 */
class CachedDecodingErrorsTest {

    private static final List<InputSpec> SPECS = List.of(InputSpec.fromWorkload("input_ids", DataKind.INT64),
            InputSpec.fromWorkload("attention_mask", DataKind.INT64));

    private static BenchmarkSetupException decode(String file, int tokens) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel model = LoadedModel.load(TestModels.model("candidate", file), false)) {
            NDList prompt = new NDList(manager.create(new long[] {1, 2, 3, 4, 5}, new Shape(1, 5)),
                    manager.create(new long[] {1, 1, 1, 1, 1}, new Shape(1, 5)));
            prompt.get(0).setName("input_ids");
            prompt.get(1).setName("attention_mask");
            return assertThrows(BenchmarkSetupException.class, () -> GreedyDecoder.decode(model, prompt, SPECS,
                    new GreedyDecoder.Options("input_ids", 0, tokens, Set.of()), manager));
        }
    }

    @Test
    void aCacheThatGrowsWithoutBoundIsRefused() throws Exception {
        BenchmarkSetupException e = decode("cache-doubling.pt", 8);
        assertTrue(e.getMessage().contains("cache-doubling.pt does not follow the cached-generation contract: at cache"
                + " length 5 its decode returned a cache of 640 bytes after 320"), e.getMessage());
        assertTrue(e.getMessage().contains("grows without bound") && e.getMessage().contains("README, \"Cached"
                + " generation\""), e.getMessage());
    }

    @Test
    void aDecodeThatReturnsNoCacheIsRefused() throws Exception {
        BenchmarkSetupException e = decode("cache-no-tuple.pt", 4);
        assertTrue(e.getMessage().contains("cache-no-tuple.pt does not follow the cached-generation contract: decode"
                + " returned one value, not the tuple (logits, cache...)"), e.getMessage());
    }

    @Test
    void aSequenceLongerThanTheModelAllowsNamesTheCacheLength() throws Exception {
        BenchmarkSetupException e = decode("cache-short.pt", 40);
        assertTrue(e.getMessage().contains("cache-short.pt failed in its decode method at cache length 32"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the sequence fits the model"), e.getMessage());
    }
}
