package io.github.qwenbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: one self-contained page (inline CSS and SVG, nothing fetched) with every gate,
 * each suite's charts and tables, and the system description.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "index.html";
    private static final double MIB = 1024 * 1024;

    private HtmlReport() {
    }

    public static void write(Path directory, List<SuiteReport> reports) throws IOException {
        write(directory, reports, List.of());
    }

    /** Writes the page, with trend charts when {@code history} holds earlier runs. */
    public static void write(Path directory, List<SuiteReport> reports, List<JsonNode> history) throws IOException {
        Json.writeAtomically(directory.resolve(FILE_NAME),
                render(reports, Instant.now(), history).getBytes(StandardCharsets.UTF_8));
    }

    static String render(List<SuiteReport> reports, Instant generated) {
        return render(reports, generated, List.of());
    }

    static String render(List<SuiteReport> reports, Instant generated, List<JsonNode> history) {
        boolean passed = !reports.isEmpty() && reports.stream().allMatch(SuiteReport::passed);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                        + " script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>qwen-bench report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}")
                .append("tr.fail td{background:#fde2e1}tr.pass td.verdict{color:#1a7f37}tr.fail td.verdict{color:#b42318;font-weight:bold}"
                        + "tr.inconclusive td{background:#fef0c7}tr.inconclusive td.verdict{color:#b54708;font-weight:bold}")
                .append(".banner{padding:10px 14px;font-size:20px;font-weight:bold;color:white}")
                .append(".banner.pass{background:#1a7f37}.banner.fail{background:#b42318}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}.warn{color:#9a6700}code{font-size:12px}")
                .append("</style></head><body>");
        html.append("<div class=\"banner ").append(passed ? "pass" : "fail").append("\">")
                .append(passed ? "PASSED" : "FAILED").append(": ").append(reports.size()).append(" suite")
                .append(reports.size() == 1 ? "" : "s").append("</div>");
        html.append("<p>Generated ").append(Html.escape(generated.toString())).append(" by qwen-bench-maven-plugin.</p>");
        if (!reports.isEmpty()) {
            html.append("<h2>Models</h2><table><tr><th>role</th><th>file</th><th>from</th><th>SHA-256</th><th>bytes</th></tr>");
            for (ModelFile model : reports.get(0).models()) {
                html.append("<tr><td>").append(Html.escape(model.role())).append("</td><td><code>")
                        .append(Html.escape(model.path())).append("</code></td><td><code>")
                        .append(Html.escape(model.source())).append("</code></td><td><code>")
                        .append(Html.escape(model.sha256())).append("</code></td><td>").append(model.bytes())
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("<h2>Gates</h2><table id=\"gates\"><tr><th>suite</th><th>gate</th><th>actual</th><th>threshold</th>"
                + "<th>verdict</th><th>how it was obtained</th></tr>");
        for (SuiteReport report : reports) {
            for (Verdict v : report.gates()) {
                html.append("<tr class=\"").append(v.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                        .append(Html.escape(report.suite())).append("</td><td>").append(Html.escape(v.name()))
                        .append("</td><td>").append(Verdict.format(v.actual())).append("</td><td>")
                        .append(Html.escape(v.comparison())).append(' ').append(Verdict.format(v.threshold()))
                        .append("</td><td class=\"verdict\">").append(v.verdict().name()).append("</td><td>")
                        .append(Html.escape(v.passed() ? v.detail() : v.message())).append("</td></tr>");
            }
        }
        html.append("</table>");
        for (SuiteReport report : reports) {
            for (String warning : report.warnings() == null ? List.<String>of() : report.warnings()) {
                html.append("<p class=\"warn\">").append(Html.escape(report.suite() + ": " + warning)).append("</p>");
            }
        }
        for (SuiteReport report : reports) {
            html.append("<h2 id=\"").append(Html.escape(report.suite())).append("\">").append(Html.escape(report.suite()))
                    .append("</h2><p><small>Run started ").append(Html.escape(String.valueOf(report.startedAt())))
                    .append(", measured for ").append(report.durationMillis()).append(" ms.</small></p><p>")
                    .append(Html.escape(report.headline())).append("</p>");
            html.append(section(report));
        }
        if (history.size() > 1) {
            html.append("<h2>History</h2><div class=\"charts\">").append(trends(history)).append("</div>");
        }
        if (!reports.isEmpty() && reports.get(0).system() != null) {
            JsonNode system = Json.mapper().valueToTree(reports.get(0).system());
            html.append("<h2>System</h2><table>");
            system.fields().forEachRemaining(e -> html.append("<tr><th>").append(Html.escape(e.getKey()))
                    .append("</th><td>").append(Html.escape(e.getValue().isTextual() ? e.getValue().asText()
                            : e.getValue().toString())).append("</td></tr>"));
            html.append("</table>");
        }
        html.append("<script>document.body.setAttribute('data-charts',"
                + " String(document.querySelectorAll('svg.chart').length));</script>");
        return html.append("</body></html>\n").toString();
    }

    private static String section(SuiteReport report) {
        JsonNode m = report.metrics();
        return switch (report.suite()) {
            case "accuracy" -> accuracy(m);
            case "performance" -> performance(m, report);
            case "memory" -> memory(m);
            case "scalability" -> scalability(m);
            case "system" -> system(m);
            default -> "";
        };
    }

    private static String accuracy(JsonNode m) {
        StringBuilder html = new StringBuilder("<table><tr><th>output</th><th>shape</th><th>samples</th>"
                + "<th>worst rel. L2</th><th>mean rel. L2</th><th>worst cosine</th><th>top-1 agreement</th>"
                + "<th>max abs</th><th>mean abs</th><th>non-finite (b/c)</th></tr>");
        for (JsonNode o : m.path("outputs")) {
            html.append("<tr><td>").append(Html.escape(o.path("output").asText())).append("</td><td>")
                    .append(Html.escape(o.path("shape").toString())).append("</td><td>").append(o.path("samples").asInt())
                    .append("</td>").append(cells(o, "worstRelativeL2Error", "meanRelativeL2Error",
                            "worstCosineSimilarity", "top1Agreement", "maxAbsoluteError", "meanAbsoluteError"))
                    .append("<td>").append(o.path("baselineNonFinite").asLong()).append(" / ")
                    .append(o.path("candidateNonFinite").asLong()).append("</td></tr>");
        }
        html.append("</table><table><tr><th>model</th><th>run-to-run rel. difference</th>"
                + "<th>output change under input noise</th></tr>");
        for (JsonNode s : m.path("stability")) {
            html.append("<tr><td>").append(Html.escape(s.path("role").asText())).append("</td>")
                    .append(cells(s, "repeatRelativeDifference", "perturbationOutputChange")).append("</tr>");
        }
        html.append("</table>");
        JsonNode g = m.path("generation");
        if (!g.isMissingNode() && !g.isNull()) {
            html.append(String.format(Locale.ROOT, "<p>Greedy generation: %d sequences of %d tokens, token agreement"
                    + " %s, exact match %s.</p>", g.path("sequences").asInt(), g.path("steps").asInt(),
                    Verdict.format(g.path("tokenAgreement").asDouble()), Verdict.format(g.path("exactMatchRate").asDouble())));
        }
        return html.toString();
    }

    private static String performance(JsonNode m, SuiteReport report) {
        List<String> labels = List.of("p50", "p90", "p95", "p99", "p99.9");
        String[] fields = {"p50Millis", "p90Millis", "p95Millis", "p99Millis", "p999Millis"};
        List<Svg.Series> series = new ArrayList<>();
        for (JsonNode model : m.path("models")) {
            double[] y = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                y[i] = model.path("latency").path(fields[i]).asDouble(Double.NaN);
            }
            series.add(new Svg.Series(model.path("role").asText(), new double[0], y));
        }
        JsonNode s = m.path("speedup");
        double threshold = Json.mapper().valueToTree(report.config()).path("performance").path("minSpeedup").asDouble(Double.NaN);
        return "<div class=\"charts\">" + Svg.barChart("Latency percentiles", "ms", labels, series)
                + Svg.interval("Speedup (baseline / candidate latency)", "speedup", s.path("estimate").asDouble(Double.NaN),
                        s.path("lower").asDouble(Double.NaN), s.path("upper").asDouble(Double.NaN), threshold)
                + "</div><p><small>" + Html.escape(m.path("method").asText()) + "</small></p>";
    }

    private static String memory(JsonNode m) {
        List<String> phases = List.of("idle", "after load", "peak", "footprint", "peak - idle");
        String[] fields = {"idle", "afterLoad", "peak", "footprint", "peakMinusIdle"};
        List<Svg.Series> series = new ArrayList<>();
        for (JsonNode model : m.path("models")) {
            double[] y = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                y[i] = model.path(fields[i]).path("median").asDouble(Double.NaN) / MIB;
            }
            series.add(new Svg.Series(model.path("role").asText(), new double[0], y));
        }
        return "<div class=\"charts\">" + Svg.barChart("Resident memory by phase (median)", "MiB", phases, series)
                + "</div><p>Read from: " + Html.escape(m.path("source").asText()) + ". GPU: "
                + Html.escape(m.path("gpu").asText()) + ".</p>";
    }

    private static String scalability(JsonNode m) {
        StringBuilder html = new StringBuilder("<div class=\"charts\">");
        for (JsonNode curve : m.path("curves")) {
            double[] x = doubles(curve.path("sizes"));
            List<Svg.Series> throughput = new ArrayList<>();
            List<Svg.Series> p99 = new ArrayList<>();
            for (JsonNode model : curve.path("models")) {
                throughput.add(new Svg.Series(model.path("role").asText(), x, doubles(model.path("samplesPerSecond"))));
                p99.add(new Svg.Series(model.path("role").asText(), x, doubles(model.path("p99Millis"))));
            }
            String axis = curve.path("axis").asText();
            html.append(Svg.lineChart("Throughput by " + axis, axis, "samples/s", throughput));
            html.append(Svg.lineChart("p99 latency by " + axis, axis, "ms", p99));
        }
        return html.append("</div><p><small>").append(Html.escape(m.path("method").asText())).append("</small></p>")
                .toString();
    }

    private static String system(JsonNode m) {
        String[][] charts = {{"throughput", "Throughput per window", "requests/s"}, {"p99Millis", "p99 per window", "ms"},
            {"processCpuPercent", "Process CPU per window", "%"}, {"residentBytes", "Resident memory per window", "MiB"}};
        StringBuilder html = new StringBuilder("<div class=\"charts\">");
        for (String[] chart : charts) {
            List<Svg.Series> series = new ArrayList<>();
            for (JsonNode model : m.path("models")) {
                JsonNode windows = model.path("windows");
                double[] x = new double[windows.size()];
                double[] y = new double[windows.size()];
                for (int i = 0; i < windows.size(); i++) {
                    x[i] = windows.get(i).path("startSeconds").asDouble();
                    y[i] = windows.get(i).path(chart[0]).asDouble(Double.NaN) / ("MiB".equals(chart[2]) ? MIB : 1);
                }
                series.add(new Svg.Series(model.path("role").asText(), x, y));
            }
            html.append(Svg.lineChart(chart[1], "seconds", chart[2], series));
        }
        html.append("</div>");
        JsonNode energy = m.path("models").path(1).path("energy");
        return html.append("<p>Energy: ").append(Html.escape(energy.path("available").asBoolean()
                ? Verdict.format(energy.path("joulesPerInference").asDouble()) + " J per inference ("
                        + energy.path("source").asText() + ")"
                : energy.path("source").asText())).append("</p>").toString();
    }

    /** One line chart per figure over the runs of the history file, commits as hover text. */
    private static String trends(List<JsonNode> history) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        history.forEach(line -> line.path("figures").fieldNames().forEachRemaining(names::add));
        StringBuilder html = new StringBuilder();
        for (String name : names) {
            double[] x = new double[history.size()];
            double[] y = new double[history.size()];
            for (int i = 0; i < history.size(); i++) {
                x[i] = i + 1;
                y[i] = history.get(i).path("figures").path(name).asDouble(Double.NaN);
            }
            html.append(Svg.lineChart(name + " by run", "run (oldest first)", "", List.of(new Svg.Series(name, x, y))));
        }
        return html.toString();
    }

    private static String cells(JsonNode node, String... fields) {
        StringBuilder cells = new StringBuilder();
        for (String field : fields) {
            cells.append("<td>").append(Verdict.format(node.path(field).asDouble(Double.NaN))).append("</td>");
        }
        return cells.toString();
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble(Double.NaN);
        }
        return values;
    }
}
