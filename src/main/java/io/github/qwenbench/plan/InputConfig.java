package io.github.qwenbench.plan;

import java.io.File;

/**
 * One model input as configured in the pom ({@code <inputs><input>}): generated from a seeded
 * distribution, or read from a .npy / .npz {@code file}.
 */
public class InputConfig {

    /** The name of the model's forward argument this input feeds. */
    private String name;

    /** Comma-separated dimensions, e.g. {@code 1,3,224,224}. Optional for file inputs. */
    private String shape;

    /** float32, float16, bfloat16, float64, int32, int64 or boolean. Default: float32, or the file's. */
    private String dtype;

    /** {@code uniform} (between min and max) or {@code normal} (mean, stddev). */
    private String distribution = "uniform";

    /** Lower bound of a uniform input (integers: inclusive). Default 0. */
    private Double min;

    /** Upper bound of a uniform input (integers: inclusive). Default 1 for floats, 100 for integers. */
    private Double max;

    /** Mean of a normal input. Default 0. */
    private Double mean;

    /** Standard deviation of a normal input. Default 1. */
    private Double stddev;

    /** A .npy file, or a .npz file holding an array named {@link #key} (default: the input's name). */
    private File file;

    /** The array's name inside a .npz file. */
    private String key;

    public InputConfig() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getShape() {
        return shape;
    }

    public void setShape(String shape) {
        this.shape = shape;
    }

    public String getDtype() {
        return dtype;
    }

    public void setDtype(String dtype) {
        this.dtype = dtype;
    }

    public String getDistribution() {
        return distribution;
    }

    public void setDistribution(String distribution) {
        this.distribution = distribution;
    }

    public Double getMin() {
        return min;
    }

    public void setMin(Double min) {
        this.min = min;
    }

    public Double getMax() {
        return max;
    }

    public void setMax(Double max) {
        this.max = max;
    }

    public Double getMean() {
        return mean;
    }

    public void setMean(Double mean) {
        this.mean = mean;
    }

    public Double getStddev() {
        return stddev;
    }

    public void setStddev(Double stddev) {
        this.stddev = stddev;
    }

    public File getFile() {
        return file;
    }

    public void setFile(File file) {
        this.file = file;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
