package io.github.qwenbench.workload;

import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.WorkloadSettings;

/**
 * How images become patches: the fields of a Qwen2-VL/Qwen3-VL {@code preprocessor_config.json}.
 *
 * @param patchSize spatial patch side in pixels
 * @param temporalPatchSize frames per patch (an image is repeated this many times)
 * @param mergeSize patches merged per side into one image token
 * @param minPixels least pixels after resizing ({@code size.shortest_edge}); smaller images are upscaled
 * @param maxPixels most pixels after resizing ({@code size.longest_edge})
 * @param mean per-channel mean subtracted after scaling to [0, 1]
 * @param std per-channel standard deviation divided by
 */
public record VisionSettings(int patchSize, int temporalPatchSize, int mergeSize, long minPixels, long maxPixels,
        float[] mean, float[] std) {

    /** Qwen3-VL's released preprocessor_config.json. */
    public static VisionSettings qwen3Vl() {
        return new VisionSettings(16, 2, 2, 65536, 16777216, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
    }

    /** The patch, pixel and normalisation settings of {@code workload} (Qwen3-VL's normalisation where it has none). */
    public static VisionSettings of(WorkloadSettings workload) {
        VisionSettings qwen = qwen3Vl();
        return new VisionSettings(workload.patchSize(), workload.temporalPatchSize(), workload.mergeSize(),
                workload.minPixels(), workload.maxPixels(),
                workload.imageMean() == null ? qwen.mean() : workload.imageMean(),
                workload.imageStd() == null ? qwen.std() : workload.imageStd());
    }

    /** The same settings with other pixel bounds. */
    public VisionSettings withPixels(long min, long max) {
        return new VisionSettings(patchSize, temporalPatchSize, mergeSize, min, max, mean, std);
    }

    /** Resized sides are multiples of this. */
    public int factor() {
        return patchSize * mergeSize;
    }

    /** Values per flattened patch: 3 channels x temporal x patch x patch (1536 for Qwen3-VL). */
    public int patchLength() {
        return 3 * temporalPatchSize * patchSize * patchSize;
    }

    /** Checks the settings once, before any image is read. */
    public VisionSettings validate() throws BenchmarkSetupException {
        if (patchSize < 1 || temporalPatchSize < 1 || mergeSize < 1) {
            throw new BenchmarkSetupException("patch size " + patchSize + ", temporal patch size " + temporalPatchSize
                    + " and merge size " + mergeSize + " must all be at least 1.");
        }
        if (minPixels < 1 || maxPixels < minPixels) {
            throw new BenchmarkSetupException("minPixels " + minPixels + " and maxPixels " + maxPixels + " must satisfy"
                    + " 1 <= minPixels <= maxPixels.");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new BenchmarkSetupException("mean and std need 3 values each (R, G, B).");
        }
        return this;
    }

    /**
     * Qwen's {@code smart_resize}: the {height, width} nearest the image's whose sides are multiples of
     * {@link #factor()} and whose area lies within [minPixels, maxPixels], keeping the aspect ratio.
     */
    public int[] smartResize(int height, int width) throws BenchmarkSetupException {
        if ((double) Math.max(height, width) / Math.min(height, width) > 200) {
            throw new BenchmarkSetupException("An image of " + width + "x" + height + " pixels has an aspect ratio"
                    + " above 200, which Qwen's processor rejects: crop it.");
        }
        int factor = factor();
        long h = (long) pythonRound((double) height / factor) * factor;
        long w = (long) pythonRound((double) width / factor) * factor;
        if (h * w > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            h = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            w = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (h * w < minPixels) {
            double beta = Math.sqrt((double) minPixels / ((double) height * width));
            h = (long) Math.ceil(height * beta / factor) * factor;
            w = (long) Math.ceil(width * beta / factor) * factor;
        }
        return new int[] {(int) h, (int) w};
    }

    /** Python's round(): halves go to the even neighbour. */
    private static double pythonRound(double x) {
        return Math.rint(x);
    }
}
