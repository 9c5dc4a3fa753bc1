package io.github.qwenbench.measure;

import ai.djl.ndarray.NDList;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.stats.LatencySummary;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The measured inference loop: the only code that times a model. The clock covers the engine call
 * alone; recording and freeing the outputs happen outside it.
 */
public final class LatencyLoop {

    private LatencyLoop() {
    }

    /**
     * Runs {@code count} inferences, cycling through {@code samples} from index {@code first}.
     *
     * @param histogram receives every latency, or null when only the returned values are wanted
     * @return each inference's latency in nanoseconds
     */
    public static long[] run(LoadedModel model, List<NDList> samples, List<InputSpec> specs, int first, int count,
            Histogram histogram) throws BenchmarkSetupException {
        return run(input -> model.predict(input, specs), samples, first, count, histogram);
    }

    /** The same loop over any predictor, e.g. one per thread. */
    public static long[] run(Inference inference, List<NDList> samples, int first, int count, Histogram histogram)
            throws BenchmarkSetupException {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            NDList input = samples.get((first + i) % samples.size());
            long start = System.nanoTime();
            NDList output = inference.run(input);
            long nanos = System.nanoTime() - start;
            output.close();
            latencies[i] = nanos;
            if (histogram != null) {
                LatencySummary.record(histogram, nanos);
            }
        }
        return latencies;
    }
}
