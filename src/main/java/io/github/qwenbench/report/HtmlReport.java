package io.github.qwenbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.plan.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code index.html}: one self-contained page (inline CSS and SVG, nothing fetched) with every gate,
 * each suite's charts and tables, and the system description.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "index.html";
    private static final double MIB = 1024 * 1024;

    private HtmlReport() {
    }

    /** Writes the page for {@code reports}, judging the newest run among them. */
    public static void write(Path directory, List<SuiteReport> reports) throws IOException {
        write(directory, reports, List.of(), ReportFiles.latestRunId(reports));
    }

    /**
     * Writes the page: the banner judges the results of {@code runId}; results of other runs in the
     * same directory are shown as earlier ones, with their run id and time. Trend charts are drawn
     * when {@code history} holds earlier runs.
     */
    public static void write(Path directory, List<SuiteReport> reports, List<JsonNode> history, String runId)
            throws IOException {
        Json.writeAtomically(directory.resolve(FILE_NAME),
                render(reports, Instant.now(), history, runId).getBytes(StandardCharsets.UTF_8));
    }

    static String render(List<SuiteReport> reports, Instant generated) {
        return render(reports, generated, List.of());
    }

    static String render(List<SuiteReport> reports, Instant generated, List<JsonNode> history) {
        return render(reports, generated, history, ReportFiles.latestRunId(reports));
    }

    static String render(List<SuiteReport> reports, Instant generated, List<JsonNode> history, String runId) {
        List<SuiteReport> current = reports.stream().filter(r -> Objects.equals(runId, r.runId())).toList();
        List<SuiteReport> earlier = reports.stream().filter(r -> !Objects.equals(runId, r.runId())).toList();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                        + " script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>qwen-bench report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left;vertical-align:top}")
                .append("tr.fail td{background:#fde2e1}tr.pass td.verdict{color:#1a7f37}tr.fail td.verdict{color:#b42318;font-weight:bold}"
                        + "tr.inconclusive td{background:#fef0c7}tr.inconclusive td.verdict{color:#b54708;font-weight:bold}")
                .append("#gates td:nth-child(3),#earlier-gates td:nth-child(3){white-space:nowrap}.interval{color:#555}td.how{max-width:560px}")
                .append("td.sha{max-width:22em;word-break:break-all}td.path{max-width:36em}#models code{overflow-wrap:anywhere}td.size{white-space:nowrap}")
                .append(".banner{padding:10px 14px;font-size:20px;font-weight:bold;color:white;margin-bottom:4px}")
                .append(".banner.pass{background:#1a7f37}.banner.fail{background:#b42318}.banner.inconclusive{background:#b54708}")
                .append(".earlier{background:#eee;color:#555;padding:6px 14px;margin:4px 0}")
                .append("section.stale>*:not(.earlier){opacity:.6}table.stale{opacity:.75}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}.warn{color:#9a6700}code{font-size:12px}")
                .append("</style></head><body>");
        for (Banner.Line line : Banner.of(current)) {
            html.append("<div class=\"banner ").append(line.kind()).append("\">").append(Html.escape(line.text()))
                    .append("</div>");
        }
        for (String sentence : Banner.earlier(earlier)) {
            html.append("<p class=\"earlier\">").append(Html.escape(sentence)).append("</p>");
        }
        html.append("<p>Generated ").append(Html.escape(generated.toString())).append(" by qwen-bench-maven-plugin")
                .append(runId == null ? "" : ", judging run " + Html.escape(runId)).append(".</p>");
        html.append(models(reports, earlier));
        html.append("<h2>Gates</h2>").append(gates(current, "gates", ""));
        if (!earlier.isEmpty()) {
            html.append("<h3>Gates from earlier runs</h3><p class=\"earlier\">Not judged by the banner: these"
                    + " suites were not measured in this run.</p>").append(gates(earlier, "earlier-gates", "stale"));
        }
        for (SuiteReport report : reports) {
            for (String warning : report.warnings() == null ? List.<String>of() : report.warnings()) {
                html.append("<p class=\"warn\">").append(Html.escape(report.suite() + ": " + warning)).append("</p>");
            }
        }
        for (SuiteReport report : reports) {
            boolean stale = earlier.contains(report);
            html.append("<section").append(stale ? " class=\"stale\"" : "").append("><h2 id=\"")
                    .append(Html.escape(report.suite())).append("\">").append(Html.escape(heading(report.suite())))
                    .append("</h2>");
            if (stale) {
                html.append("<p class=\"earlier\">From an earlier run (").append(Html.escape(Banner.runName(report)))
                        .append(", started ").append(Html.escape(Banner.started(report)))
                        .append("): this run did not measure it.</p>");
            }
            html.append("<p><small>Run started ").append(Html.escape(Banner.started(report)))
                    .append(", measured for ").append(report.durationMillis()).append(" ms. (")
                    .append(Html.escape(Banner.runName(report))).append(")</small></p><p>")
                    .append(Html.escape(report.headline())).append("</p>");
            html.append(section(report)).append("</section>");
        }
        if (history.size() > 1) {
            html.append("<h2>History</h2><div class=\"charts\">").append(trends(history)).append("</div>");
        }
        html.append(machine(current.isEmpty() ? reports : current));
        html.append("<script>document.body.setAttribute('data-charts',"
                + " String(document.querySelectorAll('svg.chart').length));</script>");
        return html.append("</body></html>\n").toString();
    }

    /** One table of the models of every suite: the memory suite may measure other models than the rest. */
    static String models(List<SuiteReport> reports, List<SuiteReport> earlier) {
        Map<List<String>, List<String>> suitesByModel = new LinkedHashMap<>();
        Map<List<String>, ModelFile> files = new LinkedHashMap<>();
        for (SuiteReport report : reports) {
            for (ModelFile model : report.models()) {
                List<String> key = List.of(model.role(), displayPath(model.path()), String.valueOf(model.sha256()));
                files.putIfAbsent(key, model);
                suitesByModel.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(report.suite() + (earlier.contains(report) ? " (earlier run)" : ""));
            }
        }
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Models</h2><table id=\"models\"><tr><th>suites</th><th>role</th>"
                + "<th>file</th><th>from</th><th>SHA-256</th><th>size</th></tr>");
        files.forEach((key, model) -> html.append("<tr><td>")
                .append(Html.escape(String.join(", ", suitesByModel.get(key)))).append("</td><td>")
                .append(Html.escape(model.role())).append("</td><td class=\"path\"><code>")
                .append(Html.escape(key.get(1))).append("</code></td><td><code>").append(Html.escape(model.source()))
                .append("</code></td><td class=\"sha\"><code>").append(Html.escape(model.sha256()))
                .append("</code></td><td class=\"size\" title=\"").append(model.bytes()).append(" bytes\">")
                .append(bytes(model.bytes())).append("</td></tr>"));
        return html.append("</table>").toString();
    }

    private static String gates(List<SuiteReport> reports, String id, String tableClass) {
        StringBuilder html = new StringBuilder("<table id=\"" + id + "\"" + (tableClass.isEmpty() ? ""
                : " class=\"" + tableClass + "\"") + "><tr><th>suite</th><th>gate</th><th>actual</th><th>threshold</th>"
                + "<th>verdict</th><th>how it was obtained</th></tr>");
        for (SuiteReport report : reports) {
            for (Verdict v : report.gates()) {
                html.append("<tr class=\"").append(v.verdict().name().toLowerCase(Locale.ROOT)).append("\"><td>")
                        .append(Html.escape(report.suite())).append("</td><td>").append(Html.escape(v.name()))
                        .append("</td><td>").append(Verdict.format(v.actual()));
                if (v.hasInterval()) {
                    html.append(" <span class=\"interval\">").append(v.interval()).append("</span>");
                }
                html.append("</td><td>").append(Html.escape(v.comparison())).append(' ')
                        .append(Verdict.format(v.threshold())).append("</td><td class=\"verdict\">")
                        .append(v.verdict().name()).append("</td><td class=\"how\">")
                        .append(Html.escape(v.passed() ? v.detail() : v.message()));
                if (v.hasInterval()) {
                    html.append(" <em>").append(Html.escape(intervalRule(v))).append("</em>");
                }
                html.append("</td></tr>");
            }
        }
        return html.append("</table>").toString();
    }

    /** How an interval gate is judged, in the row: the whole interval, not its estimate. */
    static String intervalRule(Verdict v) {
        String threshold = v.comparison() + " " + Verdict.format(v.threshold());
        return "Judged on the whole interval: PASS when all of it is " + threshold
                + ", FAIL when none of it is, INCONCLUSIVE while it contains the threshold.";
    }

    /** The machine and runtime, with sizes in units a person reads. */
    private static String machine(List<SuiteReport> reports) {
        HostInfo host = reports.stream().map(SuiteReport::system).filter(Objects::nonNull).findFirst().orElse(null);
        if (host == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Machine and runtime</h2><table>");
        Json.mapper().<JsonNode>valueToTree(host).fields().forEachRemaining(e -> {
            String value = "memoryBytes".equals(e.getKey()) ? bytes(e.getValue().asLong()) + " ("
                    + e.getValue().asLong() + " bytes)"
                    : e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
            html.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>").append(Html.escape(value))
                    .append("</td></tr>");
        });
        return html.append("</table>").toString();
    }

    /** A suite's section heading: {@code system} becomes {@code System}. */
    private static String heading(String suite) {
        return suite.isEmpty() ? suite : Character.toUpperCase(suite.charAt(0)) + suite.substring(1);
    }

    /** A file path without {@code ..} and {@code .} segments ({@code demo/../src} is {@code src}). */
    static String displayPath(String path) {
        if (path == null) {
            return "";
        }
        try {
            return Path.of(path).normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    /** Bytes in B, KiB, MiB or GiB, as a person reads them. */
    static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
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
        return "<div class=\"charts\">"
                + Svg.barChart("Latency percentiles", "ms", labels, series, Svg.spreadsOverADecade(series))
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
        return "<div class=\"charts\">" + Svg.barChart("Resident memory by phase (median)", "MiB", phases, series, false)
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
            // the measured sizes are the ticks; batch sizes double, so they are spaced by their logarithm
            Svg.Scale scale = Svg.Scale.measured(x, "batch".equals(axis));
            html.append(Svg.lineChart("Throughput by " + axis, axis, "samples/s", throughput, scale));
            html.append(Svg.lineChart("p99 latency by " + axis, axis, "ms", p99, scale));
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
        Set<String> names = new LinkedHashSet<>();
        history.forEach(line -> line.path("figures").fieldNames().forEachRemaining(names::add));
        StringBuilder html = new StringBuilder();
        for (String name : names) {
            double[] x = new double[history.size()];
            double[] y = new double[history.size()];
            for (int i = 0; i < history.size(); i++) {
                x[i] = i + 1;
                y[i] = history.get(i).path("figures").path(name).asDouble(Double.NaN);
            }
            html.append(Svg.lineChart(name + " by run", "run (oldest first)", "", List.of(new Svg.Series(name, x, y)),
                    Svg.Scale.measured(x, false)));
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
