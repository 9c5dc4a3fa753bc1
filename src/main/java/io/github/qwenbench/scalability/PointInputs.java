package io.github.qwenbench.scalability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.qwenbench.model.InputFactory;

/**
 * The inputs of one input-size point, built from the configured samples (a batch point's come from
 * {@link InputFactory#batch}): one input resized along one dimension, dropping leading positions to
 * shrink and repeating the first position to grow (left padding, as with token ids padded on the
 * left).
 */
final class PointInputs {

    private PointInputs() {
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
