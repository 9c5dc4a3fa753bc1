package io.github.qwenbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.DataKind;
import io.github.qwenbench.plan.InputSpec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the inputs of each sample: the same for both models, reproducible from the seed, and
 * independent of the engine's own random generator.
 */
public final class InputFactory {

    private final List<InputSpec> inputs;
    private final long seed;
    private final Map<String, NumpyArray> files = new HashMap<>();

    public InputFactory(List<InputSpec> inputs, long seed) throws BenchmarkSetupException {
        this.inputs = List.copyOf(inputs);
        this.seed = seed;
        for (InputSpec input : inputs) {
            if (input.fromFile()) {
                files.put(input.name(), NumpyArray.read(Path.of(input.file()), input.key()));
            }
        }
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    /** The inputs of sample {@code index}, created in {@code manager}, named after the inputs. */
    public NDList sample(NDManager manager, int index) {
        NDList list = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec input = inputs.get(i);
            NDArray array = input.fromFile()
                    ? fromFile(manager, input, files.get(input.name()), index)
                    : generate(manager, input, new SplittableRandom(mix(seed, index, i)));
            array.setName(input.name());
            list.add(array);
        }
        return list;
    }

    /** Samples 0 to {@code count - 1}, for loops that cycle through them. */
    public List<NDList> samples(NDManager manager, int count) {
        List<NDList> samples = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(sample(manager, i));
        }
        return samples;
    }

    /**
     * A copy of {@code sample} with Gaussian noise added to every floating input: noise of standard
     * deviation {@code relative} times the input's root-mean-square value. Integer inputs (token ids,
     * grids) are left as they are.
     */
    public NDList perturb(NDManager manager, NDList sample, double relative, int index) {
        NDList list = new NDList(sample.size());
        SplittableRandom random = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, index, -1));
        for (NDArray array : sample) {
            NDArray copy;
            if (array.getDataType().isFloating()) {
                float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
                double rms = Math.sqrt(Arrays.stream(toDoubles(values)).map(v -> v * v).average().orElse(0));
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

    /** Whether any input is floating, i.e. whether {@link #perturb} changes anything. */
    public boolean hasFloatingInput() {
        return inputs.stream().anyMatch(i -> i.dtype().isFloating());
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static long mix(long seed, int sample, int input) {
        long h = seed * 0x9E3779B97F4A7C15L + sample * 0xBF58476D1CE4E5B9L + input * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    static NDArray generate(NDManager manager, InputSpec input, SplittableRandom random) {
        Shape shape = new Shape(input.shape());
        int count = Math.toIntExact(shape.size());
        switch (input.dtype()) {
            case INT64 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (long) input.min() + random.nextLong((long) input.max() - (long) input.min() + 1);
                }
                return manager.create(values, shape);
            }
            case INT32 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (int) ((long) input.min() + random.nextLong((long) input.max() - (long) input.min() + 1));
                }
                return manager.create(values, shape);
            }
            case BOOLEAN -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = random.nextBoolean();
                }
                return manager.create(values, shape);
            }
            default -> {
                float[] values = new float[count];
                boolean normal = InputSpec.NORMAL.equals(input.distribution());
                for (int i = 0; i < count; i++) {
                    values[i] = (float) (normal
                            ? input.mean() + input.stddev() * random.nextGaussian()
                            : input.min() + (input.max() - input.min()) * random.nextDouble());
                }
                return manager.create(values, shape).toType(dataType(input.dtype()), false);
            }
        }
    }

    private static NDArray fromFile(NDManager manager, InputSpec input, NumpyArray array, int index) {
        ByteBuffer data = array.data().duplicate();
        if (input.fileSamples() > 1) {
            int sampleBytes = data.capacity() / input.fileSamples();
            int start = (index % input.fileSamples()) * sampleBytes;
            data = data.position(start).limit(start + sampleBytes).slice();
        }
        return manager.create(data, new Shape(input.shape()), dataType(array.kind()));
    }

    public static DataType dataType(DataKind kind) {
        return switch (kind) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT64 -> DataType.FLOAT64;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case BOOLEAN -> DataType.BOOLEAN;
        };
    }
}
