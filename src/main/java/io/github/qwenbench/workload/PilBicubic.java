package io.github.qwenbench.workload;

/**
 * PIL's {@code Image.resize(size, Image.BICUBIC)} for an 8-bit RGB image, with the same arithmetic as
 * Pillow's {@code libImaging/Resample.c}, so that the result is the same to the last bit:
 * <ul>
 *   <li>a separable filter, horizontal pass first (only over the rows the vertical pass reads), each
 *       pass skipped when that side keeps its size;</li>
 *   <li>the cubic convolution kernel with a = -0.5 and support 2, widened by the scale factor when
 *       downscaling; each output pixel's weights normalised to sum to 1;</li>
 *   <li>weights in fixed point with 22 fractional bits (rounded half away from zero), sums in 32-bit
 *       integers starting at one half, and each pass's result shifted, clipped to 0..255 and stored in
 *       8 bits before the next pass.</li>
 * </ul>
 */
public final class PilBicubic {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubic() {
    }

    /** The image resized to {@code width} x {@code height}. */
    public static RgbImage resize(RgbImage in, int width, int height) {
        if (width == in.width() && height == in.height()) {
            return in;
        }
        Weights vertical = Weights.of(in.height(), height);
        RgbImage source = in;
        if (width != in.width()) {
            // Only the rows the vertical pass will read are filtered horizontally.
            int firstRow = vertical.first[0];
            int lastRow = vertical.first[height - 1] + vertical.count[height - 1];
            for (int y = 0; y < height; y++) {
                vertical.first[y] -= firstRow;
            }
            source = horizontal(in, Weights.of(in.width(), width), firstRow, lastRow - firstRow);
        }
        return height != in.height() ? vertical(source, vertical) : source;
    }

    private static RgbImage horizontal(RgbImage in, Weights w, int firstRow, int rows) {
        int outW = w.first.length;
        byte[] src = in.rgb();
        byte[] out = new byte[outW * rows * 3];
        for (int y = 0; y < rows; y++) {
            int rowStart = (y + firstRow) * in.width() * 3;
            for (int x = 0; x < outW; x++) {
                int k = x * w.size;
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < w.count[x]; i++) {
                    int p = rowStart + (w.first[x] + i) * 3;
                    int c = w.fixed[k + i];
                    r += (src[p] & 0xFF) * c;
                    g += (src[p + 1] & 0xFF) * c;
                    b += (src[p + 2] & 0xFF) * c;
                }
                int o = (y * outW + x) * 3;
                out[o] = clip8(r);
                out[o + 1] = clip8(g);
                out[o + 2] = clip8(b);
            }
        }
        return new RgbImage(outW, rows, out);
    }

    private static RgbImage vertical(RgbImage in, Weights w) {
        int outH = w.first.length;
        int width = in.width();
        byte[] src = in.rgb();
        byte[] out = new byte[width * outH * 3];
        for (int y = 0; y < outH; y++) {
            int k = y * w.size;
            for (int x = 0; x < width; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < w.count[y]; i++) {
                    int p = ((w.first[y] + i) * width + x) * 3;
                    int c = w.fixed[k + i];
                    r += (src[p] & 0xFF) * c;
                    g += (src[p + 1] & 0xFF) * c;
                    b += (src[p + 2] & 0xFF) * c;
                }
                int o = (y * width + x) * 3;
                out[o] = clip8(r);
                out[o + 1] = clip8(g);
                out[o + 2] = clip8(b);
            }
        }
        return new RgbImage(width, outH, out);
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** Cubic convolution with a = -0.5 (PIL's bicubic_filter). */
    private static double cubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** For each output position: the first input position read, how many, and their fixed-point weights. */
    private static final class Weights {
        final int size;
        final int[] first;
        final int[] count;
        final int[] fixed;

        private Weights(int size, int[] first, int[] count, int[] fixed) {
            this.size = size;
            this.first = first;
            this.count = count;
            this.fixed = fixed;
        }

        static Weights of(int inSize, int outSize) {
            // PIL passes the box edges as floats; whole pixel counts are exact in float.
            double scale = (double) ((float) inSize - 0.0f) / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] fixed = new int[outSize * size];
            double[] k = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                double sum = 0.0;
                for (int x = 0; x < xmax; x++) {
                    k[x] = cubic((x + xmin - center + 0.5) * ss);
                    sum += k[x];
                }
                for (int x = 0; x < xmax; x++) {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    fixed[xx * size + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                            : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                first[xx] = xmin;
                count[xx] = xmax;
            }
            return new Weights(size, first, count, fixed);
        }
    }
}
