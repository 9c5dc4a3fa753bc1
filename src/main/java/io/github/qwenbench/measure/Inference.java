package io.github.qwenbench.measure;

import ai.djl.ndarray.NDList;
import io.github.qwenbench.plan.BenchmarkSetupException;

/** One inference through some predictor of a model; the caller closes the outputs. */
@FunctionalInterface
public interface Inference {

    NDList run(NDList inputs) throws BenchmarkSetupException;
}
