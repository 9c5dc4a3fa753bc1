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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The configured {@code <inputs>}: generated from seeded distributions, or read from .npy / .npz
 * files. The same for both models, reproducible from the seed, and independent of the engine's own
 * random generator.
 */
public final class TensorInputs implements InputFactory {

    private final List<InputSpec> inputs;
    private final long seed;
    private final Map<String, NumpyArray> files = new HashMap<>();

    public TensorInputs(List<InputSpec> inputs, long seed) throws BenchmarkSetupException {
        this.inputs = List.copyOf(inputs);
        this.seed = seed;
        for (InputSpec input : inputs) {
            if (input.fromFile()) {
                files.put(input.name(), NumpyArray.read(Path.of(input.file()), input.key()));
            }
        }
    }

    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public NDList sample(NDManager manager, int index) {
        NDList list = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec input = inputs.get(i);
            NDArray array = input.fromFile()
                    ? fromFile(manager, input, files.get(input.name()), index)
                    : generate(manager, input, new SplittableRandom(InputFactory.mix(seed, index, i)));
            array.setName(input.name());
            list.add(array);
        }
        return list;
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
