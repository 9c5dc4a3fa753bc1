package io.github.qwenbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The inputs of each sample, the same for both models: what every suite runs the models on. Two
 * implementations: {@link TensorInputs} (configured {@code <inputs>}: generated or read from files)
 * and the workload's (conversations preprocessed into tensors, {@code workload.WorkloadInputs}).
 */
public interface InputFactory {

    /** The inputs, in the order of the model's forward arguments. */
    List<InputSpec> inputs();

    /** The inputs of sample {@code index}, created in {@code manager}, named after the inputs. */
    NDList sample(NDManager manager, int index);

    /** The seed of generated values and of the noise {@link #perturb} adds. */
    long seed();

    /** Samples 0 to {@code count - 1}, for loops that cycle through them. */
    default List<NDList> samples(NDManager manager, int count) {
        List<NDList> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(sample(manager, i));
        }
        return samples;
    }

    /**
     * One batch of {@code size} different samples, {@code first} to {@code first + size - 1}: each input
     * concatenated along {@code dimension} (so Qwen-style inputs whose first axis counts patches or
     * images grow alike).
     */
    default NDList batch(NDManager manager, int first, int size, int dimension) {
        NDList[] samples = new NDList[size];
        for (int i = 0; i < size; i++) {
            samples[i] = sample(manager, first + i);
        }
        NDList stacked = new NDList();
        for (int input = 0; input < samples[0].size(); input++) {
            NDList parts = new NDList();
            for (NDList sample : samples) {
                parts.add(sample.get(input));
            }
            NDArray joined = size == 1 ? parts.get(0) : NDArrays.concat(parts, dimension);
            joined.setName(samples[0].get(input).getName());
            stacked.add(joined);
        }
        return stacked;
    }

    /** How {@link #batch} formed the batches it made, when results should say so; null when plainly stacked. */
    default String batching() {
        return null;
    }

    /** Sample {@code index}, for messages: where it comes from. */
    default String describe(int index) {
        return "sample " + index;
    }

    /** Whether any input is floating, i.e. whether {@link #perturb} changes anything. */
    default boolean hasFloatingInput() {
        return inputs().stream().anyMatch(i -> i.dtype().isFloating());
    }

    /**
     * A copy of {@code sample} with Gaussian noise added to every floating input: noise of standard
     * deviation {@code relative} times the input's root-mean-square value. Integer inputs (token ids,
     * grids) are left as they are.
     */
    default NDList perturb(NDManager manager, NDList sample, double relative, int index) {
        NDList list = new NDList(sample.size());
        SplittableRandom random = new SplittableRandom(mix(seed() ^ 0x5DEECE66DL, index, -1));
        for (NDArray array : sample) {
            NDArray copy;
            if (array.getDataType().isFloating()) {
                float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
                double rms = Math.sqrt(IntStream.range(0, values.length).mapToDouble(i -> (double) values[i] * values[i])
                        .average().orElse(0));
                for (int i = 0; i < values.length; i++) {
                    values[i] += (float) (relative * rms * random.nextGaussian());
                }
                copy = manager.create(values, array.getShape()).toType(array.getDataType(), false);
            } else {
                copy = array.duplicate();
            }
            copy.setName(array.getName());
            list.add(copy);
        }
        return list;
    }

    /** A seed for one sample and input, derived from the run's seed. */
    static long mix(long seed, int sample, int input) {
        long h = seed * 0x9E3779B97F4A7C15L + sample * 0xBF58476D1CE4E5B9L + input * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
