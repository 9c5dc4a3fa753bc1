package io.github.qwenbench.workload;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;

/**
 * One image as Qwen2-VL/Qwen3-VL's image processor ({@code Qwen2VLImageProcessorPil}) turns it into model
 * input: resized by {@code smart_resize} with PIL's bicubic filter, scaled by 1/255, normalised, repeated
 * {@code temporalPatchSize} times and cut into flattened patches.
 *
 * @param values {@code gridH * gridW} rows of {@link VisionSettings#patchLength()} floats
 * @param gridH patches down ({@code resized height / patchSize})
 * @param gridW patches across
 */
public record ImagePatches(float[] values, int gridH, int gridW) {

    /** Patches ({@code gridH * gridW}). */
    public int patches() {
        return gridH * gridW;
    }

    /** Reads, resizes and patchifies one image file. */
    public static ImagePatches of(Path file, VisionSettings settings) throws BenchmarkSetupException {
        RgbImage image = ImageDecoder.read(file);
        int[] size = settings.smartResize(image.height(), image.width());
        return of(PilBicubic.resize(image, size[1], size[0]), settings);
    }

    /**
     * Patchifies an image already resized to multiples of {@link VisionSettings#factor()}. The order is
     * Hugging Face's: patches by merge block (block row, block column, row and column within the block),
     * and within a patch: channel, temporal copy, row, column.
     */
    public static ImagePatches of(RgbImage image, VisionSettings settings) {
        int p = settings.patchSize();
        int m = settings.mergeSize();
        int t = settings.temporalPatchSize();
        int gridH = image.height() / p;
        int gridW = image.width() / p;
        float[][] table = levels(settings);
        int length = settings.patchLength();
        float[] values = new float[gridH * gridW * length];
        int o = 0;
        for (int blockRow = 0; blockRow < gridH / m; blockRow++) {
            for (int blockCol = 0; blockCol < gridW / m; blockCol++) {
                for (int inRow = 0; inRow < m; inRow++) {
                    for (int inCol = 0; inCol < m; inCol++) {
                        int top = (blockRow * m + inRow) * p;
                        int left = (blockCol * m + inCol) * p;
                        for (int c = 0; c < 3; c++) {
                            int frame = o;
                            for (int y = 0; y < p; y++) {
                                for (int x = 0; x < p; x++) {
                                    values[o++] = table[c][image.level(left + x, top + y, c)];
                                }
                            }
                            for (int copy = 1; copy < t; copy++) {
                                System.arraycopy(values, frame, values, o, p * p);
                                o += p * p;
                            }
                        }
                    }
                }
            }
        }
        return new ImagePatches(values, gridH, gridW);
    }

    /**
     * The value of each 8-bit level per channel, computed as numpy does in Hugging Face's processor:
     * {@code level * (1/255)} in double, stored as float32, then {@code (x - mean) / std} in float32.
     */
    private static float[][] levels(VisionSettings settings) {
        float[][] table = new float[3][256];
        double scale = 1.0 / 255;
        for (int c = 0; c < 3; c++) {
            for (int level = 0; level < 256; level++) {
                float rescaled = (float) (level * scale);
                table[c][level] = (rescaled - settings.mean()[c]) / settings.std()[c];
            }
        }
        return table;
    }
}
