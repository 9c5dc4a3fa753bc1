package io.github.qwenbench.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.decoding.GreedyDecoder;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.GenerationSuiteConfig;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.worker.WorkerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Greedy decoding and the generation suite's measurement on the real engine and the bundled models. */
class GenerationRunnerTest {

    @Test
    void aStopTokenEndsTheAnswerBeforeItAndAForcedRunIgnoresIt() throws Exception {
        BenchmarkPlan plan = TestModels.plan("optimized.pt", new AccuracyConfig());
        InputFactory inputs = new TensorInputs(plan.inputs(), plan.seed());
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel model = LoadedModel.load(plan.baseline(), false)) {
            NDList prompt = inputs.sample(manager, 0);
            GreedyDecoder.Decoded forced = GreedyDecoder.decode(model, prompt, inputs.inputs(),
                    new GreedyDecoder.Options("input_ids", 0, 6, Set.of()), manager);
            assertEquals(6, forced.tokens()[0].length);
            assertEquals(6, forced.forwardNanos().length);
            assertFalse(forced.stopped()[0]);
            long third = forced.tokens()[0][2];
            int firstOccurrence = 0;
            while (forced.tokens()[0][firstOccurrence] != third) {
                firstOccurrence++;
            }
            GreedyDecoder.Decoded stopped = GreedyDecoder.decode(model, prompt, inputs.inputs(),
                    new GreedyDecoder.Options("input_ids", 0, 6, Set.of(third)), manager);
            assertTrue(stopped.stopped()[0]);
            long[] before = new long[firstOccurrence];
            System.arraycopy(forced.tokens()[0], 0, before, 0, firstOccurrence);
            assertArrayEquals(before, stopped.tokens()[0], "greedy decoding is deterministic up to the stop token");
            assertEquals(firstOccurrence + 1, stopped.forwardNanos().length);
        }
    }

    @Test
    void timesPairedRequestsAndComparesTheAnswers() throws Exception {
        GenerationSuiteConfig config = new GenerationSuiteConfig();
        config.setMaxNewTokens(4);
        config.setSamples(2);
        config.setMaxPairs(11);
        BenchmarkPlan base = TestModels.plan("optimized.pt", new AccuracyConfig(), new PerformanceConfig());
        BenchmarkPlan plan = base.withGeneration(GenerationSettings.from(config, base.inputs()));
        List<String> progress = new ArrayList<>();
        SuiteResult result = WorkerMain.execute(Suite.named("generation"), plan, progress::add);
        GenerationMetrics metrics = Json.mapper().treeToValue(result.metrics(), GenerationMetrics.class);

        assertEquals(DecodingMethod.FULL_RECOMPUTE, metrics.decoding());
        assertEquals(2, metrics.answers().size());
        for (GenerationMetrics.Answer answer : metrics.answers()) {
            assertTrue(answer.baselineTokens().size() <= 4 && answer.candidateTokens().size() <= 4);
            assertTrue(answer.agreement() >= 0 && answer.agreement() <= 1);
        }
        int pairs = metrics.tokensPerSecondRatio().pairs();
        assertTrue(pairs >= 9 && pairs <= 11, "pairs " + pairs);
        for (GenerationMetrics.ModelGeneration model : metrics.models()) {
            assertTrue(model.requests() >= pairs);
            assertEquals(model.requests(), model.timeToFirstToken().count());
            assertEquals(3L * model.requests(), model.timePerOutputToken().count(), "4 tokens: 1 prefill + 3 steps");
            assertTrue(model.tokensPerSecond() > 0 && model.timeToFirstToken().p50Millis() > 0);
        }
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("timed ")), progress.toString());
        List<String> gates = GenerationGates.evaluate(plan.generation(), metrics).stream().map(v -> v.name()).toList();
        assertEquals(List.of("minTokensPerSecondRatio", "maxTimeToFirstTokenRatio"), gates);
    }
}
