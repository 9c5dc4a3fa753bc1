package io.github.qwenbench.html;

import io.github.qwenbench.gate.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the HTML report: no scripts, no fonts, nothing fetched. */
public final class Svg {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 520;
    private static final int HEIGHT = 270;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    /** Title, then a band for the legend, then the plot: no line or bar ever reaches a legend. */
    private static final int TOP = 50;
    private static final int BOTTOM = 44;
    /** Closer x tick labels than this would overlap; the later one is left out. */
    private static final int MIN_LABEL_GAP = 24;

    private Svg() {
    }

    /** A named series of points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /**
     * An axis: its range, linear or logarithmic, and the values that get a tick and a label.
     *
     * @param lo the value at the start of the axis
     * @param hi the value at the end of the axis
     * @param log whether values are placed by their logarithm
     * @param ticks the values labelled on the axis
     */
    public record Scale(double lo, double hi, boolean log, double[] ticks) {

        /** A linear axis from {@code lo} to {@code hi}, widened to round ticks of 1, 2 or 5 times a power of ten. */
        public static Scale linear(double lo, double hi) {
            if (!(lo < hi)) {
                double half = lo == 0 || !Double.isFinite(lo) ? 1 : Math.abs(lo) / 2;
                lo = Double.isFinite(lo) ? lo - half : 0;
                hi = lo + 2 * half;
            }
            double step = niceStep((hi - lo) / 4);
            double first = Math.floor(lo / step + 1e-9) * step;
            double last = Math.ceil(hi / step - 1e-9) * step;
            int count = (int) Math.round((last - first) / step) + 1;
            double[] ticks = new double[count];
            for (int i = 0; i < count; i++) {
                ticks[i] = clean(first + i * step, step);
            }
            return new Scale(first, last, false, ticks);
        }

        /** A logarithmic axis over whole decades, with 2 and 5 between them when there are few decades. */
        public static Scale log(double lo, double hi) {
            int from = (int) Math.floor(Math.log10(lo) + 1e-9);
            int to = Math.max(from + 1, (int) Math.ceil(Math.log10(hi) - 1e-9));
            double[] multiples = to - from <= 2 ? new double[] {1, 2, 5} : new double[] {1};
            double[] ticks = new double[(to - from) * multiples.length + 1];
            int n = 0;
            for (int decade = from; decade < to; decade++) {
                for (double m : multiples) {
                    ticks[n++] = m * Math.pow(10, decade);
                }
            }
            ticks[n] = Math.pow(10, to);
            return new Scale(ticks[0], ticks[n], true, ticks);
        }

        /**
         * An axis whose ticks are exactly the measured values (batch sizes, thread counts), with a
         * little room at both ends; logarithmic for sizes that double.
         */
        public static Scale measured(double[] values, boolean log) {
            double[] ticks = Arrays.stream(values).filter(Double::isFinite).filter(v -> !log || v > 0).distinct()
                    .sorted().toArray();
            if (ticks.length == 0) {
                return linear(0, 1);
            }
            double lo = ticks[0];
            double hi = ticks[ticks.length - 1];
            if (log) {
                double pad = lo == hi ? 2 : Math.pow(hi / lo, 0.06);
                return new Scale(lo / pad, hi * pad, true, ticks);
            }
            double pad = lo == hi ? 1 : (hi - lo) * 0.06;
            return new Scale(lo - pad, hi + pad, false, ticks);
        }

        /** Where {@code v} lies on the axis, from 0 (start) to 1 (end). */
        double fraction(double v) {
            return log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
        }

        boolean contains(double v) {
            return Double.isFinite(v) && (!log || v > 0);
        }
    }

    /** Whether the values of {@code series} spread over more than a factor of 10, so that a log scale reads better. */
    public static boolean spreadsOverADecade(List<Series> series) {
        double[] positive = series.stream().flatMapToDouble(s -> Arrays.stream(s.y()))
                .filter(v -> Double.isFinite(v) && v > 0).toArray();
        return positive.length > 1 && Arrays.stream(positive).max().getAsDouble()
                > 10 * Arrays.stream(positive).min().getAsDouble();
    }

    /** Lines through each series' points, with round ticks on a linear x axis. */
    public static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        double[] xs = series.stream().flatMapToDouble(s -> Arrays.stream(s.x())).filter(Double::isFinite).toArray();
        Scale x = xs.length == 0 ? Scale.linear(0, 1)
                : Scale.linear(Arrays.stream(xs).min().getAsDouble(), Arrays.stream(xs).max().getAsDouble());
        return lineChart(title, xLabel, yLabel, series, x);
    }

    /** Lines through each series' points on the given x axis, the y axis from zero, and a legend. */
    public static String lineChart(String title, String xLabel, String yLabel, List<Series> series, Scale x) {
        double[] ys = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).filter(Double::isFinite).toArray();
        Scale y = ys.length == 0 ? Scale.linear(0, 1) : Scale.linear(Math.min(0, Arrays.stream(ys).min().getAsDouble()),
                Arrays.stream(ys).max().getAsDouble());
        StringBuilder svg = open(title, xLabel, yLabel, x, y);
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            StringBuilder points = new StringBuilder();
            StringBuilder circles = new StringBuilder();
            for (int i = 0; i < one.x().length; i++) {
                if (x.contains(one.x()[i]) && Double.isFinite(one.y()[i])) {
                    String cx = fmt(px(one.x()[i], x));
                    String cy = fmt(py(one.y()[i], y));
                    points.append(cx).append(',').append(cy).append(' ');
                    circles.append("<circle r=\"3\" fill=\"").append(COLORS[s % 4]).append("\" cx=\"").append(cx)
                            .append("\" cy=\"").append(cy).append("\"><title>").append(Html.escape(one.name()))
                            .append(": ").append(fmt(one.y()[i])).append("</title></circle>");
                }
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLORS[s % 4])
                    .append("\" points=\"").append(points.toString().trim()).append("\"/>").append(circles);
        }
        return close(svg, series.stream().map(Series::name).toList());
    }

    /**
     * Grouped bars: one group per category, one bar per series; on a log scale when {@code log}, so
     * that small values stay visible beside a spike.
     */
    public static String barChart(String title, String yLabel, List<String> categories, List<Series> series, boolean log) {
        double[] values = series.stream().flatMapToDouble(s -> Arrays.stream(s.y()))
                .filter(v -> Double.isFinite(v) && (!log || v > 0)).toArray();
        Scale y;
        if (values.length == 0) {
            y = Scale.linear(0, 1);
        } else if (log) {
            y = Scale.log(Arrays.stream(values).min().getAsDouble(), Arrays.stream(values).max().getAsDouble());
        } else {
            y = Scale.linear(0, Arrays.stream(values).max().getAsDouble());
        }
        StringBuilder svg = open(log ? title + " (log scale)" : title, "", yLabel, null, y);
        double group = (WIDTH - LEFT - RIGHT) / (double) categories.size();
        double bar = group * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + c * group + group * 0.1;
            svg.append(text(gx + group * 0.4, HEIGHT - BOTTOM + 16, categories.get(c), "middle", 11));
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).y()[c];
                if (!y.contains(v)) {
                    continue;
                }
                double top = py(v, y);
                svg.append("<rect class=\"series\" fill=\"").append(COLORS[s % 4]).append("\" x=\"")
                        .append(fmt(gx + s * bar)).append("\" y=\"").append(fmt(top)).append("\" width=\"")
                        .append(fmt(bar - 2)).append("\" height=\"").append(fmt(HEIGHT - BOTTOM - top))
                        .append("\"><title>").append(Html.escape(series.get(s).name() + " " + categories.get(c)))
                        .append(": ").append(fmt(v)).append("</title></rect>");
            }
        }
        return close(svg, series.stream().map(Series::name).toList());
    }

    /**
     * A point estimate with its interval on a horizontal axis, and the threshold as a dashed line;
     * the figures themselves are the hover text.
     */
    public static String interval(String title, String label, double estimate, double lower, double upper, double threshold) {
        double lo = Math.min(Math.min(lower, threshold), estimate);
        double hi = Math.max(Math.max(upper, threshold), estimate);
        double pad = (hi - lo) * 0.15 + 1e-9;
        Scale x = Scale.linear(lo - pad, hi + pad);
        Scale y = new Scale(0, 1, false, new double[0]);
        StringBuilder svg = open(title, label, "", x, y);
        double mid = py(0.5, y);
        if (Double.isFinite(lower) && Double.isFinite(upper)) {
            svg.append("<line class=\"series\" stroke=\"").append(COLORS[0]).append("\" stroke-width=\"3\" x1=\"")
                    .append(fmt(px(lower, x))).append("\" x2=\"").append(fmt(px(upper, x))).append("\" y1=\"")
                    .append(fmt(mid)).append("\" y2=\"").append(fmt(mid)).append("\"/>");
        }
        svg.append("<circle r=\"5\" fill=\"").append(COLORS[0]).append("\" cx=\"").append(fmt(px(estimate, x)))
                .append("\" cy=\"").append(fmt(mid)).append("\"><title>").append(Html.escape(Verdict.format(estimate)
                        + " [" + Verdict.format(lower) + ", " + Verdict.format(upper) + "]")).append("</title></circle>");
        if (Double.isFinite(threshold)) {
            double tx = px(threshold, x);
            svg.append("<line stroke=\"").append(COLORS[1]).append("\" stroke-dasharray=\"5,4\" x1=\"").append(fmt(tx))
                    .append("\" x2=\"").append(fmt(tx)).append("\" y1=\"").append(TOP).append("\" y2=\"")
                    .append(HEIGHT - BOTTOM).append("\"/>");
            // beside the dashed line, on the side with room, so that no line crosses the label
            boolean right = tx < WIDTH - RIGHT - 110;
            svg.append(text(right ? tx + 5 : tx - 5, TOP + 12, "threshold " + fmt(threshold), right ? "start" : "end",
                    11));
        }
        // the figures are in the headline and the gate row; the chart shows where they lie, not a third rounding
        return close(svg, List.of("estimate and interval"));
    }

    private static StringBuilder open(String title, String xLabel, String yLabel, Scale x, Scale y) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\"><title>").append(Html.escape(title)).append("</title>");
        svg.append(text(WIDTH / 2.0, 18, title, "middle", 13));
        svg.append("<line stroke=\"#444\" x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM)
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        svg.append("<line stroke=\"#444\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        if (!yLabel.isEmpty()) {
            for (double tick : y.ticks()) {
                svg.append("<line stroke=\"#eee\" x1=\"").append(LEFT + 1).append("\" x2=\"").append(WIDTH - RIGHT)
                        .append("\" y1=\"").append(fmt(py(tick, y))).append("\" y2=\"").append(fmt(py(tick, y)))
                        .append("\"/>");
                svg.append(text(LEFT - 6, py(tick, y) + 4, label(tick), "end", 10));
            }
        }
        if (x != null) {
            double last = Double.NEGATIVE_INFINITY;
            for (double tick : x.ticks()) {
                double at = px(tick, x);
                if (at - last >= MIN_LABEL_GAP) {
                    svg.append("<line stroke=\"#444\" x1=\"").append(fmt(at)).append("\" x2=\"").append(fmt(at))
                            .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM + 4)
                            .append("\"/>");
                    svg.append(text(at, HEIGHT - BOTTOM + 15, label(tick), "middle", 10));
                    last = at;
                }
            }
        }
        svg.append(text(WIDTH / 2.0, HEIGHT - 8, xLabel + (x != null && x.log() ? " (log scale)" : ""), "middle",
                11));
        svg.append("<text font-size=\"11\" text-anchor=\"middle\" transform=\"translate(14,")
                .append(fmt(TOP + (HEIGHT - TOP - BOTTOM) / 2.0)).append(") rotate(-90)\">")
                .append(Html.escape(yLabel)).append("</text>");
        return svg;
    }

    /** The legend goes in its own band between the title and the plot. */
    private static String close(StringBuilder svg, List<String> legend) {
        double lx = LEFT;
        for (int i = 0; i < legend.size(); i++) {
            svg.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(TOP - 22)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(COLORS[i % 4]).append("\"/>");
            svg.append(text(lx + 14, TOP - 13, legend.get(i), "start", 11));
            lx += 14 + legend.get(i).length() * 6.5 + 16;
        }
        return svg.append("</svg>").toString();
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor
                + "\">" + Html.escape(content) + "</text>";
    }

    private static double px(double v, Scale x) {
        return LEFT + x.fraction(v) * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double v, Scale y) {
        return HEIGHT - BOTTOM - y.fraction(v) * (HEIGHT - TOP - BOTTOM);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** Removes the floating-point dust of {@code first + i * step}. */
    private static double clean(double value, double step) {
        double rounded = Math.round(value / step) * step;
        return Math.abs(rounded) < step * 1e-6 ? 0 : Double.parseDouble(String.format(Locale.ROOT, "%.12g", rounded));
    }

    /** A tick label: as many digits as the value needs, none of them trailing zeros. */
    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e7 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v).replaceAll("\\.?0+e", "e");
        }
        String text = String.format(Locale.ROOT, "%.6f", v);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.4f", v);
    }
}
