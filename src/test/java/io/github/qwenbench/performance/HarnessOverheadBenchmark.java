package io.github.qwenbench.performance;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.TestModels;
import io.github.qwenbench.measure.LatencyLoop;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.TensorInputs;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A benchmark, not a test: the plugin's per-inference overhead (the measured loop of
 * {@link LatencyLoop}: clock reads, error translation, histogram recording) against a bare DJL
 * {@code predict} loop on the same model, in the same JVM, in alternating rounds (A B B A).
 * Run it with {@code benchmarks/harness-overhead.sh}.
 */
public final class HarnessOverheadBenchmark {

    private HarnessOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "baseline.pt";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        System.setProperty("ai.djl.offline", "true");
        ModelFile file = TestModels.model("baseline", model);
        List<InputSpec> specs = TestModels.demoInputSpecs();
        InputFactory inputs = new TensorInputs(specs, 42);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel loaded = LoadedModel.load(file, false);
                Predictor<NDList, NDList> bare = loaded.zooModel().newPredictor()) {
            List<NDList> samples = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                samples.add(inputs.sample(manager, i));
            }
            for (int i = 0; i < 200; i++) {
                bare.predict(samples.get(i % 4)).close();
                LatencyLoop.run(loaded, samples, specs, i, 1, null);
            }
            double[] bareNanos = new double[rounds];
            double[] harnessNanos = new double[rounds];
            Histogram histogram = LatencySummary.newHistogram();
            for (int r = 0; r < rounds; r++) {
                boolean bareFirst = r % 2 == 0;
                if (bareFirst) {
                    bareNanos[r] = bareLoop(bare, samples, perRound);
                    harnessNanos[r] = harnessLoop(loaded, samples, specs, perRound, histogram);
                } else {
                    harnessNanos[r] = harnessLoop(loaded, samples, specs, perRound, histogram);
                    bareNanos[r] = bareLoop(bare, samples, perRound);
                }
            }
            RatioInterval ratio = ConfidenceSequence.ratio(ConfidenceSequence.Rule.MEDIAN, harnessNanos, bareNanos, 0.95);
            double bareMedian = Statistics.median(bareNanos) / perRound / 1e6;
            System.out.printf(Locale.ROOT, "model %s, %d rounds x %d inferences per loop, %s%n", model, rounds,
                    perRound, System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "bare DJL predict loop: median %.4f ms per inference%n", bareMedian);
            System.out.printf(Locale.ROOT, "plugin LatencyLoop:    median %.4f ms per inference%n",
                    Statistics.median(harnessNanos) / perRound / 1e6);
            System.out.printf(Locale.ROOT, "overhead: %+.2f%% (95%% interval %+.2f%% .. %+.2f%%), median of %d paired"
                    + " rounds%n", 100 * (ratio.estimate() - 1), 100 * (ratio.lower() - 1), 100 * (ratio.upper() - 1),
                    ratio.pairs());
        }
    }

    /** Times the whole loop: predict and close, nothing else. */
    private static double bareLoop(Predictor<NDList, NDList> predictor, List<NDList> samples, int count)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            predictor.predict(samples.get(i % samples.size())).close();
        }
        return System.nanoTime() - start;
    }

    /** Times the whole loop as the performance suite runs it, recording included. */
    private static double harnessLoop(LoadedModel model, List<NDList> samples, List<InputSpec> specs, int count,
            Histogram histogram) throws Exception {
        long start = System.nanoTime();
        LatencyLoop.run(model, samples, specs, 0, count, histogram);
        return System.nanoTime() - start;
    }
}
