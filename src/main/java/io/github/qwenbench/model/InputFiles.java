package io.github.qwenbench.model;

import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Works out what an input file holds: one sample given to every run, or a stack of samples along
 * its first axis. With a declared shape S the file may hold S (one sample), [n] + S (n samples), or,
 * when S starts with 1, [n] + S[1:] (n samples, each given a leading 1).
 */
public final class InputFiles {

    private InputFiles() {
    }

    public static InputSpec resolve(InputSpec input) throws BenchmarkSetupException {
        if (!input.fromFile()) {
            return input;
        }
        NumpyArray header = NumpyArray.readHeader(Path.of(input.file()), input.key());
        String where = "inputs/input '" + input.name() + "'";
        if (input.dtype() != null && input.dtype() != header.kind()) {
            throw new BenchmarkSetupException(where + " declares dtype " + input.dtype().id() + ", but " + input.file()
                    + " holds " + header.kind().id() + ": change <dtype> to " + header.kind().id()
                    + " or convert the file.");
        }
        long[] fileShape = header.shape();
        long[] declared = input.shape();
        if (declared == null) {
            return input.withFileLayout(fileShape, header.kind(), 1);
        }
        if (Arrays.equals(fileShape, declared)) {
            return input.withFileLayout(declared, header.kind(), 1);
        }
        if (fileShape.length == declared.length + 1
                && Arrays.equals(Arrays.copyOfRange(fileShape, 1, fileShape.length), declared)) {
            return input.withFileLayout(declared, header.kind(), (int) fileShape[0]);
        }
        if (fileShape.length == declared.length && declared[0] == 1
                && Arrays.equals(Arrays.copyOfRange(fileShape, 1, fileShape.length),
                        Arrays.copyOfRange(declared, 1, declared.length))) {
            return input.withFileLayout(declared, header.kind(), (int) fileShape[0]);
        }
        throw new BenchmarkSetupException(where + " declares shape " + input.describeShape() + ", but "
                + input.file() + " holds " + Arrays.toString(fileShape) + ": the file must hold one sample of that"
                + " shape, or a stack of samples along a first axis (sample i takes row i). " + shapeHint(fileShape));
    }

    /** The {@code <shape>} values that fit the file: its rows as samples, or the whole array as one. */
    private static String shapeHint(long[] fileShape) {
        if (fileShape.length == 0) {
            return "The file holds a single value: leave <shape> out.";
        }
        String whole = dimensions(fileShape);
        if (fileShape.length == 1) {
            return "Set <shape> to 1 to take its " + fileShape[0] + " values as samples, or to " + whole
                    + " (or leave it out) to give every run the whole array.";
        }
        String row = dimensions(Arrays.copyOfRange(fileShape, 1, fileShape.length));
        return "Set <shape> to " + row + " (or 1," + row + ") to take its " + fileShape[0] + " rows as samples, or to "
                + whole + " (or leave it out) to give every run the whole array.";
    }

    private static String dimensions(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(","));
    }
}
