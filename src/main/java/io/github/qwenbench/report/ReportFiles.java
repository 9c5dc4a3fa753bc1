package io.github.qwenbench.report;

import io.github.qwenbench.json.Json;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The suite result files of an output directory, read back for reports. */
public final class ReportFiles {

    /** Suites in report order, as their result files are named. */
    public static final List<String> SUITES = Stream.concat(Suite.all().stream().map(Suite::id),
            Stream.of(Regressions.SUITE)).toList();

    private ReportFiles() {
    }

    public static Path resultFile(Path directory, String suite) {
        return directory.resolve(Suite.resultFileName(suite));
    }

    /** Every suite result present in {@code directory}, in report order. */
    public static List<SuiteReport> read(Path directory) throws IOException {
        List<SuiteReport> reports = new ArrayList<>();
        for (String suite : SUITES) {
            Path file = resultFile(directory, suite);
            if (Files.isRegularFile(file)) {
                try {
                    reports.add(Json.mapper().readValue(file.toFile(), SuiteReport.class));
                } catch (IOException e) {
                    throw new IOException(file + " is not a qwen-bench result file: " + e.getMessage(), e);
                }
            }
        }
        return reports;
    }

    /**
     * The run a page judges when no goal runs one (the {@code report} goal): the run of the most
     * recently started result. Null when there are no results, or when the newest has no run id.
     */
    public static String latestRunId(List<SuiteReport> reports) {
        return reports.stream().filter(r -> r.startedAt() != null).max(Comparator.comparing(SuiteReport::startedAt))
                .map(SuiteReport::runId).orElse(null);
    }

    /**
     * Redraws index.html from every result present (with trends from {@code historyFile}, which may
     * be null): the banner judges the results of {@code runId}; results of other runs are shown as
     * earlier ones. The JUnit XML is left alone: each goal writes its own suites' XML.
     */
    public static List<SuiteReport> rebuildHtml(Path directory, Path historyFile, String runId) throws IOException {
        return rebuildHtml(directory, historyFile, runId, List.of());
    }

    /**
     * Redraws index.html as {@link #rebuildHtml(Path, Path, String)} does, saying why the suites in
     * {@code notRun} have no result in this run; the plugin's other suites without one are named too.
     */
    public static List<SuiteReport> rebuildHtml(Path directory, Path historyFile, String runId, List<NotRun> notRun)
            throws IOException {
        List<SuiteReport> reports = read(directory);
        HtmlReport.write(directory, reports, History.read(historyFile), runId, notRun);
        return reports;
    }

    /**
     * The {@code report} goal, which runs nothing: rebuilds index.html, judging the newest run, and
     * the JUnit XML of that run's suites into {@code junitDirectory}. Earlier runs' XML files are not
     * rewritten, so a CI server that picks up new test reports does not report their old verdicts
     * again.
     */
    public static List<SuiteReport> rebuild(Path directory, Path junitDirectory, Path historyFile) throws IOException {
        List<SuiteReport> reports = read(directory);
        String runId = latestRunId(reports);
        for (SuiteReport report : reports) {
            if (Objects.equals(runId, report.runId())) {
                JUnitXmlReport.write(junitDirectory, report);
            }
        }
        HtmlReport.write(directory, reports, History.read(historyFile), runId);
        return reports;
    }
}
