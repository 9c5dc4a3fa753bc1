package io.github.qwenbench.plan;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;

/**
 * One validated model input.
 *
 * @param name the forward argument it feeds
 * @param shape the dimensions of one sample
 * @param dtype the element type
 * @param distribution {@code uniform}, {@code normal}, {@code file}, or {@code workload} (a tensor the
 *     workload's preprocessing makes; its shape varies by sample)
 * @param min lower bound (uniform)
 * @param max upper bound (uniform)
 * @param mean mean (normal)
 * @param stddev standard deviation (normal)
 * @param file absolute path of a .npy or .npz file, or null
 * @param key the array's name inside a .npz file
 * @param fileSamples how many samples the file holds along its first axis; 1 when the whole array is
 *     one sample (given to every sample)
 */
public record InputSpec(String name, long[] shape, DataKind dtype, String distribution, double min, double max,
        double mean, double stddev, String file, String key, int fileSamples) {

    public static final String UNIFORM = "uniform";
    public static final String NORMAL = "normal";
    public static final String FILE = "file";
    public static final String WORKLOAD = "workload";

    public boolean fromFile() {
        return file != null;
    }

    /** The forward argument {@code name}, fed by the workload's tensor of that name. */
    public static InputSpec fromWorkload(String name, DataKind dtype) {
        return new InputSpec(name, null, dtype, WORKLOAD, 0, 0, 0, 0, null, null, 0);
    }

    public boolean fromWorkload() {
        return WORKLOAD.equals(distribution);
    }

    /** Validates one configured input; {@code index} locates it in messages. */
    public static InputSpec from(InputConfig config, int index) throws BenchmarkSetupException {
        String where = "inputs/input[" + (index + 1) + "]";
        if (config.name == null || config.name.isBlank()) {
            throw new BenchmarkSetupException(where + "/name is missing: give the model argument this input feeds.");
        }
        String name = config.name.trim();
        where = "inputs/input '" + name + "'";
        DataKind dtype = config.dtype == null ? null : DataKind.parse(where + "/dtype", config.dtype);
        long[] shape = config.shape == null || config.shape.isBlank()
                ? null : parseShape(where + "/shape", config.shape);
        File file = config.file;
        if (file != null) {
            String fileName = file.getName().toLowerCase(Locale.ROOT);
            if (!fileName.endsWith(".npy") && !fileName.endsWith(".npz")) {
                throw new BenchmarkSetupException(where + "/file " + file + " is neither .npy nor .npz: save the"
                        + " array with numpy.save or numpy.savez.");
            }
            if (!file.isFile()) {
                throw new BenchmarkSetupException(where + "/file " + file.getAbsolutePath()
                        + " does not exist: check the path (relative paths start at the project's directory).");
            }
            String key = config.key == null || config.key.isBlank() ? name : config.key.trim();
            return new InputSpec(name, shape, dtype, FILE, 0, 0, 0, 0, file.toPath().toAbsolutePath().normalize().toString(), key, 0);
        }
        if (shape == null) {
            throw new BenchmarkSetupException(where + "/shape is missing: give the dimensions, e.g. 1,3,224,224,"
                    + " or read the input from a <file>.");
        }
        if (dtype == null) {
            dtype = DataKind.FLOAT32;
        }
        String distribution = config.distribution == null
                ? UNIFORM : config.distribution.trim().toLowerCase(Locale.ROOT);
        if (!UNIFORM.equals(distribution) && !NORMAL.equals(distribution)) {
            throw new BenchmarkSetupException(where + "/distribution is '" + config.distribution
                    + "': use uniform or normal.");
        }
        double min = config.min != null ? config.min : 0;
        double max = config.max != null ? config.max : dtype.isFloating() ? 1 : 100;
        if (UNIFORM.equals(distribution) && !(min <= max)) {
            throw new BenchmarkSetupException(where + " has min " + min + " above max " + max + ".");
        }
        double stddev = config.stddev != null ? config.stddev : 1;
        if (NORMAL.equals(distribution) && (!dtype.isFloating() || !(stddev > 0))) {
            throw new BenchmarkSetupException(where + ": a normal distribution needs a floating dtype and a"
                    + " positive stddev.");
        }
        double mean = config.mean != null ? config.mean : 0;
        return new InputSpec(name, shape, dtype, distribution, min, max, mean, stddev, null, null, 0);
    }

    static long[] parseShape(String setting, String text) throws BenchmarkSetupException {
        String[] parts = text.replace("(", "").replace(")", "").replace("[", "").replace("]", "").split(",");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BenchmarkSetupException(setting + " is '" + text
                        + "': write the dimensions as whole numbers separated by commas, e.g. 1,3,224,224.");
            }
            if (dims[i] < 1) {
                throw new BenchmarkSetupException(setting + " is '" + text + "': every dimension must be at least 1.");
            }
        }
        return dims;
    }

    /** This input with the shape, dtype and sample count that its file turned out to hold. */
    public InputSpec withFileLayout(long[] sampleShape, DataKind kind, int samples) {
        return new InputSpec(name, sampleShape, kind, distribution, min, max, mean, stddev, file, key, samples);
    }

    /** The shape as text, e.g. {@code (1, 24)}, {@code (from file)} or {@code (per conversation)}. */
    public String describeShape() {
        if (shape == null) {
            return fromWorkload() ? "(per conversation)" : "(from file)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputSpec that && name.equals(that.name) && Arrays.equals(shape, that.shape)
                && dtype == that.dtype && fileSamples == that.fileSamples && distribution.equals(that.distribution) && min == that.min
                && max == that.max && mean == that.mean && stddev == that.stddev
                && java.util.Objects.equals(file, that.file) && java.util.Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, Arrays.hashCode(shape), dtype, distribution, file, key);
    }

    @Override
    public String toString() {
        return name + " " + (dtype == null ? "?" : dtype.id()) + describeShape();
    }
}
