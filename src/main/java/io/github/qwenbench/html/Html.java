package io.github.qwenbench.html;

import io.github.qwenbench.gate.Verdict;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/** HTML escaping: every text that comes from configuration, models or measurements goes through it. */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Table cells of measured values, formatted as the gates print them (NaN as n/a). */
    public static String cells(double... values) {
        StringBuilder cells = new StringBuilder();
        for (double value : values) {
            cells.append("<td>").append(io.github.qwenbench.gate.Verdict.format(value)).append("</td>");
        }
        return cells.toString();
    }

    /** A list of numbers as an array, for charts. */
    public static double[] doubles(java.util.List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /**
     * A small inline picture of {@code image} (its longer side at most {@code maxSide} pixels, PNG in a
     * data URI), so the page stands alone; the file's name when it cannot be read.
     */
    public static String thumbnail(Path image, int maxSide) {
        try {
            BufferedImage source = ImageIO.read(image.toFile());
            if (source == null) {
                return escape(String.valueOf(image.getFileName()));
            }
            double scale = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
            int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
            BufferedImage small = new BufferedImage(w, h,
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(small, "png", png);
            return "<img alt=\"" + escape(String.valueOf(image.getFileName())) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png.toByteArray()) + "\">";
        } catch (IOException | RuntimeException e) {
            return escape(String.valueOf(image.getFileName()));
        }
    }
}
