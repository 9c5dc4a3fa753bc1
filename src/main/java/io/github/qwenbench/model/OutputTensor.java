package io.github.qwenbench.model;

import java.util.Arrays;

/**
 * One output of a model, copied out of the engine as float32 values.
 *
 * @param name the output's name: the engine's, or {@code output<i>} by position
 * @param shape the dimensions
 * @param dtype the engine's element type before the copy
 * @param values the elements, C order
 */
public record OutputTensor(String name, long[] shape, String dtype, float[] values) {

    /** The size of the last axis (1 for a scalar). */
    public int lastAxis() {
        return shape.length == 0 ? 1 : (int) shape[shape.length - 1];
    }

    /** Whether this looks like logits: floating, at least 2-D, and more than one class on the last axis. */
    public boolean logitLike() {
        return shape.length >= 2 && lastAxis() > 1 && dtype.startsWith("float");
    }

    public String describeShape() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutputTensor that && name.equals(that.name) && Arrays.equals(shape, that.shape)
                && dtype.equals(that.dtype) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + " " + dtype + describeShape();
    }
}
