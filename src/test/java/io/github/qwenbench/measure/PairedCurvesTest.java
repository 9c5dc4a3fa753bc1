package io.github.qwenbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.model.EngineThreads;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.EngineSettings;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedCurvesTest {

    /**
     * The time a point leaves goes to the points that ran out of time. baseline.pt against itself (one
     * loaded model, so no two copies differ) at minThroughputRatio 1.0 cannot decide: batch=1 spends its
     * share (half the 5 s ceiling) undecided. batch=64 then needs 100 pairs of four blocks of a 64-sample
     * inference, far more than its share, so it stops at once for its cost, leaving its share; batch=1 is
     * resumed with it, where its sequence stopped: more pairs, the same blocks, every block recorded.
     */
    @Test
    void theTimeLeftResumesAPointThatRanOutOfTime() throws Exception {
        List<InputSpec> specs = TestModels.demoInputSpecs();
        ScalabilityConfig config = new ScalabilityConfig();
        config.setMinPairs(100);
        config.setMaxPairs(1_000_000);
        config.setMaxDuration("5s");
        config.setWarmupIterations(3);
        config.setMinThroughputRatio("1.0");
        ScalabilitySettings settings = ScalabilitySettings.from(config, specs);
        List<String> progress = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel model = LoadedModel.load(TestModels.model("baseline", "baseline.pt"), false)) {
            InputFactory inputs = new TensorInputs(specs, 42);
            EngineThreads threads = new EngineThreads(new EngineSettings(null, null, true), new ArrayList<>());
            PairedCurves<NDList> curves = PairedCurves.of(model, model, specs, settings, threads, progress::add, 42);
            List<PairedCurves.Point<NDList>> points = List.of(
                    new PairedCurves.Point<>("batch=1", 1, List.of(inputs.batch(manager, 0, 1, 0))),
                    new PairedCurves.Point<>("batch=64", 1, List.of(inputs.batch(manager, 0, 64, 0))));
            CurveMetrics.Curve curve = curves.curve("batch", "batch", List.of(1, 64), points);

            assertEquals(SequentialComparison.Reason.TOO_COSTLY, curve.stops().get(1).reason(), progress.toString());
            String first = progress.stream().filter(l -> l.startsWith("batch=1:")).findFirst().orElseThrow();
            String resumed = progress.stream().filter(l -> l.startsWith("batch=1 (resumed with the time left):"))
                    .findFirst().orElseThrow(() -> new AssertionError("not resumed: " + progress));
            assertTrue(first.contains("time budget spent"), first);
            int pairsFirst = pairs(first);
            int pairs = curve.throughputRatio().get(0).pairs();
            assertEquals(pairs, pairs(resumed));
            assertTrue(pairs > pairsFirst, "the resumed point measured more pairs: " + pairsFirst + " then " + pairs);
            assertEquals(2 * pairs, curve.models().get(0).blockThroughput().get(0).size(),
                    "every block of both passes is kept, two of each model per pair");
            assertTrue(curve.conditions().get(0) != null && curve.stops().get(0) != null);
        }
    }

    private static int pairs(String line) {
        return Integer.parseInt(line.replaceAll(".* from (\\d+) pairs of four .*", "$1"));
    }
}
