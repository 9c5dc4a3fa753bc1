package io.github.qwenbench.workload;

/**
 * An 8-bit RGB image, row by row, three bytes a pixel (what PIL's mode "RGB" holds).
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code width * height * 3} bytes, R G B per pixel
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + (long) width * height * 3
                    + " bytes, got " + rgb.length);
        }
    }

    /** The level (0-255) of {@code channel} at (x, y). */
    public int level(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xFF;
    }
}
