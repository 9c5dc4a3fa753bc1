package io.github.qwenbench.plan;

import java.io.File;

/**
 * One model input as configured in the pom ({@code <inputs><input>}): generated from a seeded
 * distribution, or read from a .npy / .npz {@code file}.
 */
public class InputConfig {

    @Setting("The name of the model's forward argument this input feeds.")
    String name;

    @Setting("Comma-separated dimensions, e.g. `1,3,224,224`. Optional for file inputs.")
    String shape;

    @Setting("float32, float16, bfloat16, float64, int32, int64 or boolean. Default: float32, or the file's.")
    String dtype;

    @Setting("`uniform` (between min and max) or `normal` (mean, stddev).")
    String distribution = "uniform";

    @Setting("Lower bound of a uniform input (integers: inclusive). Default 0.")
    Double min;

    @Setting("Upper bound of a uniform input (integers: inclusive). Default 1 for floats, 100 for integers.")
    Double max;

    @Setting("Mean of a normal input. Default 0.")
    Double mean;

    @Setting("Standard deviation of a normal input. Default 1.")
    Double stddev;

    @Setting("A .npy file, or a .npz file holding an array named `key` (default: the input's name).")
    File file;

    @Setting("The array's name inside a .npz file.")
    String key;

    public InputConfig() {
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setShape(String shape) {
        this.shape = shape;
    }

    public void setDtype(String dtype) {
        this.dtype = dtype;
    }

    public void setDistribution(String distribution) {
        this.distribution = distribution;
    }

    public void setMin(Double min) {
        this.min = min;
    }

    public void setMax(Double max) {
        this.max = max;
    }

    public void setMean(Double mean) {
        this.mean = mean;
    }

    public void setStddev(Double stddev) {
        this.stddev = stddev;
    }

    public void setFile(File file) {
        this.file = file;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
