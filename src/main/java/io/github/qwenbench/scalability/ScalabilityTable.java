package io.github.qwenbench.scalability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A compact table of the curves for the log: one row per point, both models side by side. */
public final class ScalabilityTable {

    private ScalabilityTable() {
    }

    public static List<String> lines(JsonNode metrics) {
        List<String> lines = new ArrayList<>();
        String format = "%-22s %14s %14s %9s %9s %20s";
        lines.add(String.format(Locale.ROOT, format, "point", "base samples/s", "cand samples/s", "base p99",
                "cand p99", "ratio [interval]"));
        for (JsonNode curve : metrics.path("curves")) {
            JsonNode base = curve.path("models").get(0);
            JsonNode cand = curve.path("models").get(1);
            for (int i = 0; i < curve.path("sizes").size(); i++) {
                JsonNode ratio = curve.path("throughputRatio").get(i);
                lines.add(String.format(Locale.ROOT, format,
                        curve.path("axis").asText() + "=" + curve.path("sizes").get(i).asInt(),
                        String.format(Locale.ROOT, "%.1f", base.path("samplesPerSecond").get(i).asDouble()),
                        String.format(Locale.ROOT, "%.1f", cand.path("samplesPerSecond").get(i).asDouble()),
                        String.format(Locale.ROOT, "%.2fms", base.path("p99Millis").get(i).asDouble()),
                        String.format(Locale.ROOT, "%.2fms", cand.path("p99Millis").get(i).asDouble()),
                        String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", ratio.path("estimate").asDouble(),
                                ratio.path("lower").asDouble(Double.NaN), ratio.path("upper").asDouble(Double.NaN))));
            }
        }
        return lines;
    }
}
