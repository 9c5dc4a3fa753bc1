package io.github.qwenbench.html;

import io.github.qwenbench.gate.Verdict;
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
}
