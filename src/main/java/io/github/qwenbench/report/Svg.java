package io.github.qwenbench.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the HTML report: no scripts, no fonts, nothing fetched. */
final class Svg {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 520;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;

    private Svg() {
    }

    /** A named series of points. */
    record Series(String name, double[] x, double[] y) {
    }

    /** Lines through each series' points, with axes and a legend. */
    static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        double[] xr = range(series, true);
        double[] yr = range(series, false);
        yr[0] = Math.min(0, yr[0]);
        StringBuilder svg = open(title, xLabel, yLabel, xr, yr);
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < one.x().length; i++) {
                if (Double.isFinite(one.y()[i])) {
                    points.append(fmt(x(one.x()[i], xr))).append(',').append(fmt(y(one.y()[i], yr))).append(' ');
                }
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLORS[s % 4])
                    .append("\" points=\"").append(points.toString().trim()).append("\"/>");
            for (int i = 0; i < one.x().length; i++) {
                if (Double.isFinite(one.y()[i])) {
                    svg.append("<circle r=\"3\" fill=\"").append(COLORS[s % 4]).append("\" cx=\"")
                            .append(fmt(x(one.x()[i], xr))).append("\" cy=\"").append(fmt(y(one.y()[i], yr)))
                            .append("\"><title>").append(Html.escape(one.name())).append(": ")
                            .append(fmt(one.y()[i])).append("</title></circle>");
                }
            }
        }
        return close(svg, series.stream().map(Series::name).toList());
    }

    /** Grouped bars: one group per category, one bar per series. */
    static String barChart(String title, String yLabel, List<String> categories, List<Series> series) {
        double max = 0;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double[] yr = {0, max == 0 ? 1 : max * 1.1};
        double[] xr = {0, categories.size()};
        StringBuilder svg = open(title, "", yLabel, null, yr);
        double group = (WIDTH - LEFT - RIGHT) / (double) categories.size();
        double bar = group * 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + c * group + group * 0.1;
            svg.append(text(gx + group * 0.4, HEIGHT - BOTTOM + 16, categories.get(c), "middle", 11));
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).y()[c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double top = y(v, yr);
                svg.append("<rect class=\"series\" fill=\"").append(COLORS[s % 4]).append("\" x=\"")
                        .append(fmt(gx + s * bar)).append("\" y=\"").append(fmt(top)).append("\" width=\"")
                        .append(fmt(bar - 2)).append("\" height=\"").append(fmt(HEIGHT - BOTTOM - top))
                        .append("\"><title>").append(Html.escape(series.get(s).name() + " " + categories.get(c)))
                        .append(": ").append(fmt(v)).append("</title></rect>");
            }
        }
        return close(svg, series.stream().map(Series::name).toList());
    }

    /** A point estimate with its interval on a horizontal axis, and the threshold as a dashed line. */
    static String interval(String title, String label, double estimate, double lower, double upper, double threshold) {
        double lo = Math.min(Math.min(lower, threshold), estimate);
        double hi = Math.max(Math.max(upper, threshold), estimate);
        double pad = (hi - lo) * 0.15 + 1e-9;
        double[] xr = {lo - pad, hi + pad};
        double[] yr = {0, 1};
        StringBuilder svg = open(title, label, "", xr, yr);
        double mid = y(0.5, yr);
        if (Double.isFinite(lower) && Double.isFinite(upper)) {
            svg.append("<line class=\"series\" stroke=\"").append(COLORS[0]).append("\" stroke-width=\"3\" x1=\"")
                    .append(fmt(x(lower, xr))).append("\" x2=\"").append(fmt(x(upper, xr))).append("\" y1=\"")
                    .append(fmt(mid)).append("\" y2=\"").append(fmt(mid)).append("\"/>");
        }
        svg.append("<circle r=\"5\" fill=\"").append(COLORS[0]).append("\" cx=\"").append(fmt(x(estimate, xr)))
                .append("\" cy=\"").append(fmt(mid)).append("\"/>");
        svg.append("<line stroke=\"").append(COLORS[1]).append("\" stroke-dasharray=\"5,4\" x1=\"")
                .append(fmt(x(threshold, xr))).append("\" x2=\"").append(fmt(x(threshold, xr))).append("\" y1=\"")
                .append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        svg.append(text(x(threshold, xr), TOP + 12, "threshold " + fmt(threshold), "middle", 11));
        return close(svg, List.of(String.format(Locale.ROOT, "estimate %s, interval [%s, %s]", fmt(estimate),
                fmt(lower), fmt(upper))));
    }

    private static StringBuilder open(String title, String xLabel, String yLabel, double[] xr, double[] yr) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\"><title>").append(Html.escape(title)).append("</title>");
        svg.append(text(WIDTH / 2.0, 18, title, "middle", 13));
        svg.append("<line stroke=\"#444\" x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM)
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        svg.append("<line stroke=\"#444\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        for (int t = 0; t <= 4; t++) {
            double v = yr[0] + (yr[1] - yr[0]) * t / 4;
            if (!yLabel.isEmpty()) {
                svg.append(text(LEFT - 6, y(v, yr) + 4, fmt(v), "end", 10));
            }
            if (xr != null) {
                double xv = xr[0] + (xr[1] - xr[0]) * t / 4;
                svg.append(text(x(xv, xr), HEIGHT - BOTTOM + 14, fmt(xv), "middle", 10));
            }
        }
        svg.append(text(WIDTH / 2.0, HEIGHT - 8, xLabel, "middle", 11));
        svg.append("<text font-size=\"11\" text-anchor=\"middle\" transform=\"translate(14,")
                .append(fmt(TOP + (HEIGHT - TOP - BOTTOM) / 2.0)).append(") rotate(-90)\">")
                .append(Html.escape(yLabel)).append("</text>");
        return svg;
    }

    private static String close(StringBuilder svg, List<String> legend) {
        for (int i = 0; i < legend.size(); i++) {
            double lx = LEFT + 10 + i * 150;
            svg.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(TOP - 10)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(COLORS[i % 4]).append("\"/>");
            svg.append(text(lx + 14, TOP - 1, legend.get(i), "start", 11));
        }
        return svg.append("</svg>").toString();
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor
                + "\">" + Html.escape(content) + "</text>";
    }

    private static double[] range(List<Series> series, boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : xAxis ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            return new double[] {lo - 1, hi + 1};
        }
        return new double[] {lo, xAxis ? hi : hi + (hi - lo) * 0.08};
    }

    private static double x(double v, double[] r) {
        return LEFT + (v - r[0]) / (r[1] - r[0]) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double v, double[] r) {
        return HEIGHT - BOTTOM - (v - r[0]) / (r[1] - r[0]) * (HEIGHT - TOP - BOTTOM);
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
