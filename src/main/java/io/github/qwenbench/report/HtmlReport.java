package io.github.qwenbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.CpuCaches;
import io.github.qwenbench.host.EngineCapabilities;
import io.github.qwenbench.host.GpuSample;
import io.github.qwenbench.host.GpuSampler;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.html.Html;
import io.github.qwenbench.html.Svg;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
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
        write(directory, reports, history, runId, List.of());
    }

    /**
     * Writes the page as {@link #write(Path, List, List, String)} does; {@code notRun} says why
     * suites have no result in this run, when the run knows (a suite whose worker failed, the suites
     * after it, the suites not selected).
     */
    public static void write(Path directory, List<SuiteReport> reports, List<JsonNode> history, String runId,
            List<NotRun> notRun) throws IOException {
        Json.writeAtomically(directory.resolve(FILE_NAME),
                render(reports, Instant.now(), history, runId, notRun).getBytes(StandardCharsets.UTF_8));
    }

    static String render(List<SuiteReport> reports, Instant generated) {
        return render(reports, generated, List.of());
    }

    static String render(List<SuiteReport> reports, Instant generated, List<JsonNode> history) {
        return render(reports, generated, history, ReportFiles.latestRunId(reports));
    }

    static String render(List<SuiteReport> reports, Instant generated, List<JsonNode> history, String runId) {
        return render(reports, generated, history, runId, List.of());
    }

    static String render(List<SuiteReport> reports, Instant generated, List<JsonNode> history, String runId,
            List<NotRun> known) {
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
                .append("#not-run li{white-space:pre-wrap}#not-run li.stopped{color:#b42318}")
                .append("</style></head><body>");
        List<NotRun> notRun = notRun(current, earlier, known);
        for (NotRun stopped : notRun.stream().filter(NotRun::stopped).toList()) {
            html.append("<div class=\"banner fail\">").append(Html.escape("FAILED: " + stopped.suite()
                    + " stopped with a build error, so this run is incomplete (see \"Not run in this run\")"))
                    .append("</div>");
        }
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
        html.append(notRunList(notRun));
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

    /**
     * Every suite of the plugin without a result from the judged run, in report order: with the reason
     * the run gave ({@code known}), else with what the folder shows.
     */
    static List<NotRun> notRun(List<SuiteReport> current, List<SuiteReport> earlier, List<NotRun> known) {
        Set<String> measured = new LinkedHashSet<>(current.stream().map(SuiteReport::suite).toList());
        Set<String> older = new LinkedHashSet<>(earlier.stream().map(SuiteReport::suite).toList());
        List<NotRun> notRun = new ArrayList<>();
        for (Suite suite : Suite.all()) {
            if (measured.contains(suite.id())) {
                continue;
            }
            notRun.add(known.stream().filter(n -> n.suite().equals(suite.id())).findFirst().orElseGet(() ->
                    new NotRun(suite.id(), older.contains(suite.id())
                            ? "no result from this run; its section below is from an earlier run"
                            : "no result from this run", false)));
        }
        return notRun;
    }

    private static String notRunList(List<NotRun> notRun) {
        if (notRun.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Not run in this run</h2><ul id=\"not-run\">");
        for (NotRun n : notRun) {
            html.append("<li").append(n.stopped() ? " class=\"stopped\"" : "").append("><b>")
                    .append(Html.escape(n.suite())).append("</b>: ").append(Html.escape(n.reason())).append("</li>");
        }
        return html.append("</ul>").toString();
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
                + "<th>file</th><th>from</th><th>runs in</th><th>SHA-256</th><th>size</th></tr>");
        files.forEach((key, model) -> html.append("<tr><td>")
                .append(Html.escape(String.join(", ", suitesByModel.get(key)))).append("</td><td>")
                .append(Html.escape(model.role())).append("</td><td class=\"path\"><code>")
                .append(Html.escape(key.get(1))).append("</code></td><td><code>").append(Html.escape(model.source()))
                .append("</code></td><td class=\"runtime\">").append(Html.escape(runsIn(model)))
                .append("</td><td class=\"sha\"><code>").append(Html.escape(model.sha256()))
                .append("</code></td><td class=\"size\" title=\"").append(model.bytes()).append(" bytes\">")
                .append(bytes(model.bytes())).append("</td></tr>"));
        return html.append("</table>").toString();
    }

    /** The model's kind (and a package's variant), then what ran it when a result recorded that. */
    static String runsIn(ModelFile model) {
        String kind = switch (model.engine()) {
            case ModelFile.ONNX -> "ONNX";
            case ModelFile.ONNX_PACKAGE -> "ONNX package" + (model.variant() == null ? "" : ", variant "
                    + model.variant());
            default -> "TorchScript";
        };
        return model.runtime() == null ? kind : kind + ": " + model.runtime();
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

    /**
     * The machine and runtime as a two-column table a person reads: sizes in KiB, MiB and GiB, the
     * engine's build as a short list, and the worker JVM's arguments folded away.
     */
    static String machine(List<SuiteReport> reports) {
        HostInfo host = reports.stream().map(SuiteReport::system).filter(Objects::nonNull).findFirst().orElse(null);
        if (host == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Machine and runtime</h2><table id=\"machine\">");
        row(html, "CPU", host.cpu() + (host.architecture() == null ? "" : " (" + host.architecture() + ")"));
        row(html, "cores", host.physicalCores() + " physical, " + host.logicalCores() + " logical");
        row(html, "caches", caches(host.caches()));
        row(html, "NUMA nodes", String.valueOf(host.numaNodes()));
        row(html, "instruction sets", host.cpuFeatures() == null || host.cpuFeatures().isEmpty() ? "none detected"
                : String.join(", ", host.cpuFeatures()));
        row(html, "memory", String.format(Locale.ROOT, "%.1f GiB", host.memoryBytes() / (double) (1L << 30)));
        row(html, "OS", host.os());
        row(html, "Java", host.javaVersion() + (host.javaVendor() == null ? "" : " (" + host.javaVendor() + ")"));
        row(html, "DJL", host.djlVersion());
        EngineCapabilities engine = host.engineCapabilities();
        row(html, "engine", host.engine() + " " + host.engineVersion()
                + (engine == null || engine.flavor() == null ? "" : " (" + engine.flavor() + " natives)"));
        row(html, "device", host.device());
        row(html, "threads", "intra-op " + host.intraOpThreads() + ", inter-op " + host.interOpThreads()
                + "; graph optimizer " + (host.graphOptimizer() ? "on" : "off"));
        if (engine != null) {
            row(html, "engine built with", capabilities(engine));
        }
        row(html, "GPUs", gpus(host.gpus()));
        List<String> jvm = host.jvmArguments() == null ? List.of() : host.jvmArguments();
        html.append("<tr><th>JVM arguments</th><td><details><summary>").append(jvm.size())
                .append(jvm.size() == 1 ? " argument" : " arguments").append("</summary>");
        for (String argument : jvm) {
            html.append("<code>").append(Html.escape(argument)).append("</code><br>");
        }
        return html.append("</details></td></tr></table>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    /** {@code L1d 48 KiB, L2 2.0 MiB, L3 32.0 MiB per core (sysfs)}, or why they are unknown. */
    private static String caches(CpuCaches caches) {
        if (caches == null) {
            return "unknown";
        }
        if (caches.l1dBytes() == null && caches.l2Bytes() == null && caches.l3Bytes() == null) {
            return caches.source() == null ? "unknown" : caches.source();
        }
        return "L1d " + size(caches.l1dBytes()) + ", L2 " + size(caches.l2Bytes()) + ", L3 " + size(caches.l3Bytes())
                + " (one core's; " + caches.source() + ")";
    }

    private static String size(Long bytes) {
        return bytes == null ? "unknown" : bytes(bytes);
    }

    /** What libtorch was built with, in a few words: {@code MKL, oneDNN, OpenMP; CUDA runtime 12.8, 1 GPU}. */
    static String capabilities(EngineCapabilities engine) {
        List<String> built = new ArrayList<>();
        if (engine.mkl()) {
            built.add("MKL");
        }
        if (engine.mkldnn()) {
            built.add("oneDNN");
        }
        if (engine.openmp()) {
            built.add("OpenMP");
        }
        if (engine.cuda()) {
            built.add("CUDA");
        }
        if (engine.cudnn()) {
            built.add("cuDNN");
        }
        String text = built.isEmpty() ? "none of MKL, oneDNN, OpenMP, CUDA, cuDNN" : String.join(", ", built);
        if (engine.cudaRuntime() != null) {
            text += "; CUDA runtime " + engine.cudaRuntime();
        }
        if (engine.cuda() || engine.gpuCount() > 0) {
            text += "; " + engine.gpuCount() + (engine.gpuCount() == 1 ? " GPU" : " GPUs") + " seen by the engine";
        }
        return text;
    }

    /** {@code 0: NVIDIA H200, 140.4 GiB, driver 570.124.06}, one per GPU, or why there are none. */
    static String gpus(GpuSampler.GpuSnapshot snapshot) {
        if (snapshot == null) {
            return "unknown";
        }
        if (snapshot.gpus() == null || snapshot.gpus().isEmpty()) {
            return GpuSampler.AVAILABLE.equals(snapshot.status()) ? "none" : String.valueOf(snapshot.status());
        }
        List<String> gpus = new ArrayList<>();
        for (GpuSample gpu : snapshot.gpus()) {
            gpus.add(gpu.index() + ": " + gpu.name()
                    + (gpu.memoryTotalMiB() == null ? "" : String.format(Locale.ROOT, ", %.1f GiB",
                            gpu.memoryTotalMiB() / 1024))
                    + (gpu.driverVersion() == null ? "" : ", driver " + gpu.driverVersion()));
        }
        return String.join("; ", gpus);
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

    /** The suite's own charts and tables; a result the suite cannot read says so instead of breaking the page. */
    private static String section(SuiteReport report) {
        Suite suite = Suite.find(report.suite()).orElse(null);
        if (suite == null) {
            return "";
        }
        try {
            return suite.htmlSection(report);
        } catch (JsonProcessingException | RuntimeException e) {
            // a result file of another plugin version, or cut short: the rest of the page still stands
            return "<p class=\"warn\">This result's metrics are not in the form this version of the plugin reads ("
                    + Html.escape(e.getMessage()) + ").</p>";
        }
    }

    /** Where a figure's recorded conditions changed from run to run, as a note; empty when they never did. */
    static String conditionChanges(List<JsonNode> history, String name) {
        List<String> changes = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < history.size(); i++) {
            JsonNode recorded = history.get(i).path("conditions").path(name);
            if (recorded.isTextual()) {
                if (previous != null && !previous.equals(recorded.asText())) {
                    changes.add("from run " + (i + 1) + " (" + history.get(i).path("commit").asText("?") + ") "
                            + recorded.asText() + ", before " + previous);
                }
                previous = recorded.asText();
            }
        }
        return changes.isEmpty() ? "" : "<p class=\"warn\"><small>" + Html.escape(name + ": the declared conditions"
                + " changed, so the runs on either side measure different experiments: " + String.join("; ", changes))
                + ".</small></p>";
    }

    /**
     * One line chart per figure over the runs of the history file, commits as hover text; when the
     * declared conditions changed between runs, a note under the chart says from which run on.
     */
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
            html.append(conditionChanges(history, name));
        }
        return html.toString();
    }
}
