package io.github.qwenbench.workload;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a PNG or JPEG the way Hugging Face's {@code load_image} does for a path: PIL opens it,
 * {@code ImageOps.exif_transpose} applies its EXIF orientation, then {@code convert("RGB")}: grey is
 * replicated to the three channels, alpha is dropped (not composited), a palette is looked up.
 *
 * <p>Pixels come straight from the decoded raster: {@code BufferedImage.getRGB} would pass grey
 * images through a colour-space conversion that PIL does not make.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /** Decodes {@code file} to RGB with its EXIF orientation applied. */
    public static RgbImage read(Path file) throws BenchmarkSetupException {
        byte[] bytes;
        BufferedImage image;
        try {
            bytes = Files.readAllBytes(file);
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot decode image " + file + ": " + e.getMessage()
                    + ". Use a PNG or a baseline/progressive RGB or greyscale JPEG.", e);
        }
        if (image == null) {
            throw new BenchmarkSetupException("Image " + file + " is neither a PNG nor a JPEG that Java can decode:"
                    + " convert it to PNG or JPEG.");
        }
        return orient(toRgb(image, file), ExifOrientation.of(bytes));
    }

    private static RgbImage toRgb(BufferedImage image, Path file) throws BenchmarkSetupException {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        byte[] rgb = new byte[width * height * 3];
        int bands = raster.getNumBands();
        int[] row = new int[width * bands];
        if (model instanceof IndexColorModel palette) {
            for (int y = 0; y < height; y++) {
                raster.getPixels(0, y, width, 1, row);
                for (int x = 0; x < width; x++) {
                    int index = row[x];
                    int o = (y * width + x) * 3;
                    rgb[o] = (byte) palette.getRed(index);
                    rgb[o + 1] = (byte) palette.getGreen(index);
                    rgb[o + 2] = (byte) palette.getBlue(index);
                }
            }
            return new RgbImage(width, height, rgb);
        }
        for (int b = 0; b < bands; b++) {
            if (raster.getSampleModel().getSampleSize(b) != 8) {
                throw new BenchmarkSetupException("Image " + file + " has " + raster.getSampleModel().getSampleSize(b)
                        + "-bit samples; only 8-bit images are supported (PIL would clip 16-bit ones): save it with"
                        + " 8 bits per channel.");
            }
        }
        int colours = model.getNumColorComponents();
        if (colours != 1 && colours != 3) {
            throw new BenchmarkSetupException("Image " + file + " has " + colours + " colour components (CMYK?):"
                    + " save it as RGB or greyscale.");
        }
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                int i = x * bands;
                // Colour components come first in the raster's bands; a trailing alpha band is ignored.
                rgb[o] = (byte) row[i];
                rgb[o + 1] = (byte) row[colours == 1 ? i : i + 1];
                rgb[o + 2] = (byte) row[colours == 1 ? i : i + 2];
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** PIL's {@code ImageOps.exif_transpose}: orientation 1-8 as the TIFF/EXIF specification numbers it. */
    static RgbImage orient(RgbImage in, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return in;
        }
        int w = in.width();
        int h = in.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] out = new byte[in.rgb().length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirror left-right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // rotate 180
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirror top-bottom
                    case 5 -> { sx = y; sy = x; }                  // transpose
                    case 6 -> { sx = y; sy = h - 1 - x; }          // rotate 90 clockwise (PIL ROTATE_270)
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transverse
                    default -> { sx = w - 1 - y; sy = x; }         // 8: rotate 90 anticlockwise (PIL ROTATE_90)
                }
                System.arraycopy(in.rgb(), (sy * w + sx) * 3, out, (y * outW + x) * 3, 3);
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** The EXIF orientation tag (0x0112) of a JPEG's APP1 segment or a PNG's eXIf chunk; 1 when absent. */
    static final class ExifOrientation {

        private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

        private ExifOrientation() {
        }

        static int of(byte[] file) {
            try {
                ByteBuffer tiff = file.length > 8 && ByteBuffer.wrap(file, 0, 8).equals(ByteBuffer.wrap(PNG))
                        ? pngExif(file) : jpegExif(file);
                return tiff == null ? 1 : orientation(tiff);
            } catch (RuntimeException malformed) {
                // PIL ignores EXIF it cannot parse; so does this.
                return 1;
            }
        }

        private static ByteBuffer jpegExif(byte[] f) {
            if (f.length < 4 || (f[0] & 0xFF) != 0xFF || (f[1] & 0xFF) != 0xD8) {
                return null;
            }
            int p = 2;
            while (p + 4 <= f.length && (f[p] & 0xFF) == 0xFF) {
                int marker = f[p + 1] & 0xFF;
                if (marker == 0xDA || marker == 0xD9) {
                    return null;
                }
                int length = ((f[p + 2] & 0xFF) << 8) | (f[p + 3] & 0xFF);
                if (marker == 0xE1 && length >= 8 && new String(f, p + 4, 6, StandardCharsets.ISO_8859_1)
                        .equals("Exif\0\0")) {
                    return ByteBuffer.wrap(f, p + 10, length - 8).slice();
                }
                p += 2 + length;
            }
            return null;
        }

        private static ByteBuffer pngExif(byte[] f) {
            int p = 8;
            while (p + 8 <= f.length) {
                int length = ByteBuffer.wrap(f, p, 4).getInt();
                String type = new String(f, p + 4, 4, StandardCharsets.ISO_8859_1);
                if (type.equals("eXIf")) {
                    return ByteBuffer.wrap(f, p + 8, length).slice();
                }
                if (type.equals("IEND")) {
                    return null;
                }
                p += 12 + length;
            }
            return null;
        }

        private static int orientation(ByteBuffer tiff) {
            tiff.order(tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = tiff.getInt(4);
            int entries = Short.toUnsignedInt(tiff.getShort(ifd));
            for (int e = 0; e < entries; e++) {
                int entry = ifd + 2 + 12 * e;
                if (Short.toUnsignedInt(tiff.getShort(entry)) == 0x0112) {
                    return Short.toUnsignedInt(tiff.getShort(entry + 8));
                }
            }
            return 1;
        }
    }
}
