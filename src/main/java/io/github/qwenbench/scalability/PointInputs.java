package io.github.qwenbench.scalability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.qwenbench.model.InputFactory;

/**
 * The inputs of one point of a sweep, built from the configured samples: a batch of b stacks b
 * different samples along the batch dimension (so Qwen-style inputs whose first axis counts patches
 * or images grow alike); an input-size point resizes one input along one dimension, dropping
 * leading positions to shrink and repeating the first position to grow (left padding, as with
 * token ids padded on the left).
 */
final class PointInputs {

    private PointInputs() {
    }

    /** Samples {@code first} to {@code first + batch - 1}, stacked along {@code dimension}. */
    static NDList batch(NDManager manager, InputFactory inputs, int batch, int dimension, int first) {
        NDList[] samples = new NDList[batch];
        for (int i = 0; i < batch; i++) {
            samples[i] = inputs.sample(manager, first + i);
        }
        NDList stacked = new NDList();
        for (int input = 0; input < samples[0].size(); input++) {
            NDList parts = new NDList();
            for (NDList sample : samples) {
                parts.add(sample.get(input));
            }
            NDArray joined = batch == 1 ? parts.get(0) : NDArrays.concat(parts, dimension);
            joined.setName(samples[0].get(input).getName());
            stacked.add(joined);
        }
        return stacked;
    }

    /** Sample {@code index} with input {@code name} resized to {@code size} along {@code dimension}. */
    static NDList resized(NDManager manager, InputFactory inputs, String name, int dimension, int size, int index) {
        NDList sample = inputs.sample(manager, index);
        NDList out = new NDList();
        for (NDArray array : sample) {
            out.add(name.equals(array.getName()) ? resize(array, dimension, size) : array);
        }
        return out;
    }

    static NDArray resize(NDArray array, int dimension, int size) {
        long current = array.getShape().get(dimension);
        NDArray resized;
        if (size <= current) {
            resized = array.get(new NDIndex().addAllDim(dimension).addSliceDim(current - size, current));
        } else {
            NDArray first = array.get(new NDIndex().addAllDim(dimension).addSliceDim(0, 1));
            resized = NDArrays.concat(new NDList(first.repeat(dimension, size - current), array), dimension);
        }
        resized.setName(array.getName());
        return resized;
    }
}
