package io.github.qwenbench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.report.AllResults;
import io.github.qwenbench.report.History;
import io.github.qwenbench.report.JUnitXmlReport;
import io.github.qwenbench.report.NotRun;
import io.github.qwenbench.report.Regressions;
import io.github.qwenbench.report.ReportFiles;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.suite.SuiteResult;
import io.github.qwenbench.worker.WorkerLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one path every goal takes: for each suite, a forked worker measures, the gates judge, and the
 * suite's result file is written. A suite whose worker fails leaves no result file behind; the page
 * then says so, and names the suites it kept from running.
 */
public final class BenchmarkRun {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final WorkerLauncher launcher;
    private final Path outputDirectory;
    private final Path junitDirectory;
    private final Path historyFile;
    private final InconclusivePolicy onInconclusive;
    private final String runId;
    /** The suites of the plugin without a result in this execution, and why, by suite. */
    private final Map<String, NotRun> notRun = new LinkedHashMap<>();

    /**
     * @param outputDirectory where the JSON results go
     * @param junitDirectory where the JUnit XML reports go
     * @param historyFile the JSON-lines history the HTML report draws trends from, or null
     * @param onInconclusive what an INCONCLUSIVE verdict does, recorded in each result
     * @param runId this Maven session's run id ({@link #runId(Instant)}), recorded in each result
     */
    public BenchmarkRun(WorkerLauncher launcher, Path outputDirectory, Path junitDirectory, Path historyFile,
            InconclusivePolicy onInconclusive, String runId) {
        this.launcher = launcher;
        this.outputDirectory = outputDirectory;
        this.junitDirectory = junitDirectory;
        this.historyFile = historyFile;
        this.onInconclusive = onInconclusive;
        this.runId = runId;
    }

    /**
     * The run id of a Maven session that started at {@code sessionStart}: every execution of one
     * {@code mvn} invocation shares it, and a later invocation gets a later one, e.g.
     * {@code 20261127-170000-123} (UTC).
     */
    public static String runId(Instant sessionStart) {
        return RUN_ID.format(sessionStart);
    }

    /** How long the CPU left free by other processes is measured before each suite. */
    private static final Duration CPU_PROBE = Duration.ofMillis(500);

    /**
     * Runs one suite and writes {@code <suite>_benchmark_results.json}. Before its workers start,
     * the CPU other processes use is measured and handed to them, so that the engine's threads fit
     * the free cores ({@link io.github.qwenbench.model.EngineThreads}).
     */
    public SuiteReport run(Suite suite, BenchmarkPlan plan) throws BenchmarkSetupException {
        return runSelected(List.of(suite), plan).get(0);
    }

    /**
     * Runs {@code suites} in turn. The page names the plugin's other suites as not selected; when a
     * suite's worker fails, the page is redrawn saying that it stopped the run and that the suites after
     * it were not reached, and the failure is thrown on.
     */
    private List<SuiteReport> runSelected(List<Suite> selectedSuites, BenchmarkPlan plan)
            throws BenchmarkSetupException {
        String selected = String.join(", ", selectedSuites.stream().map(Suite::id).toList());
        for (Suite suite : Suite.all()) {
            notRun.put(suite.id(), new NotRun(suite.id(), selectedSuites.contains(suite)
                    ? "not reached yet when this page was written" : "not selected: this execution runs " + selected,
                    false));
        }
        List<Suite> suites = new ArrayList<>();
        for (Suite suite : selectedSuites) {
            String reason = suite.notApplicable(plan);
            if (reason == null) {
                suites.add(suite);
            } else if (selectedSuites.size() == 1) {
                throw new BenchmarkSetupException("The " + suite.id() + " suite " + reason + ".");
            } else {
                notRun.put(suite.id(), new NotRun(suite.id(), reason, false));
            }
        }
        for (Suite suite : suites) {
            requireCeilingWithinTimeout(suite, plan);
        }
        List<SuiteReport> reports = new ArrayList<>();
        for (int i = 0; i < suites.size(); i++) {
            Suite suite = suites.get(i);
            try {
                reports.add(measure(suite, plan));
                notRun.remove(suite.id());
            } catch (BenchmarkSetupException | RuntimeException e) {
                notRun.put(suite.id(), new NotRun(suite.id(), "stopped with a build error: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), true));
                for (Suite later : suites.subList(i + 1, suites.size())) {
                    notRun.put(later.id(), new NotRun(later.id(), "not reached: " + suite.id()
                            + ", before it, stopped with a build error", false));
                }
                try {
                    ReportFiles.rebuildHtml(outputDirectory, historyFile, runId, List.copyOf(notRun.values()));
                } catch (IOException | RuntimeException pageFailure) {
                    e.addSuppressed(pageFailure);
                }
                throw e;
            }
        }
        return reports;
    }

    /**
     * A suite's measuring ceiling must leave its worker time to load the models and warm up within
     * workerTimeout: otherwise the worker would be stopped before its comparisons could end, and the
     * build would fail on the deadline instead of giving verdicts. Checked before any suite runs.
     */
    void requireCeilingWithinTimeout(Suite suite, BenchmarkPlan plan) throws BenchmarkSetupException {
        long ceiling = suite.ceilingMillis(plan);
        long timeout = launcher.timeout().toMillis();
        if (ceiling > 0 && ceiling >= timeout) {
            throw new BenchmarkSetupException(String.format(java.util.Locale.ROOT, "<%s><maxDuration> lets the %s"
                    + " suite measure for up to %d s, but its worker must finish within workerTimeout (%d s), loading"
                    + " and warm-up included: raise -Dqwen-bench.workerTimeout=SECONDS above %d, or lower <%s>"
                    + "<maxDuration>.", suite.id(), suite.id(), ceiling / 1000, timeout / 1000,
                    2 * ceiling / 1000, suite.id()));
        }
    }

    private SuiteReport measure(Suite suite, BenchmarkPlan plan) throws BenchmarkSetupException {
        Path resultFile = outputDirectory.resolve(suite.resultFileName());
        delete(resultFile);
        delete(junitDirectory.resolve(JUnitXmlReport.fileName(suite.id())));
        FreeCores cores = FreeCores.probe(CPU_PROBE);
        SuiteResult result = suite.measure(launcher.withLeadingJvmArguments(
                List.of("-D" + FreeCores.PROPERTY + "=" + cores.property())).forSuite(suite), plan);
        Suite.Judgment judgment;
        try {
            judgment = suite.judge(plan, result.metrics());
        } catch (JsonProcessingException e) {
            throw new BenchmarkSetupException("The " + suite.id() + " worker's metrics are not in the expected form: "
                    + e.getOriginalMessage(), e);
        }
        List<Verdict> gates = judgment.gates();
        List<String> warnings = new ArrayList<>(judgment.warnings());
        if (result.warnings() != null) {
            warnings.addAll(result.warnings());
        }
        boolean passed = !gates.isEmpty() && gates.stream().allMatch(Verdict::passed);
        SuiteReport report = new SuiteReport(suite.id(), runId, passed, result.startedAt(), result.durationMillis(),
                result.system(), result.models(), suite.config(plan), result.metrics(), gates, warnings,
                judgment.headline(), judgment.table(), onInconclusive);
        write(resultFile, report);
        writeReports(report);
        return report;
    }

    /** Runs every suite in turn and writes {@code all_benchmark_results.json} as well. */
    public List<SuiteReport> runAll(List<Suite> suites, BenchmarkPlan plan) throws BenchmarkSetupException {
        Path allFile = outputDirectory.resolve(AllResults.FILE_NAME);
        delete(allFile);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<SuiteReport> reports = runSelected(suites, plan);
        boolean passed = !reports.isEmpty() && reports.stream().allMatch(SuiteReport::passed);
        write(allFile, new AllResults(runId, passed, startedAt, (System.nanoTime() - start) / 1_000_000, reports));
        return reports;
    }

    /**
     * Compares this run with a previous one and writes the result as the {@code comparison}
     * pseudo-suite: one gate per headline figure, failed where it got worse beyond the tolerance.
     */
    public SuiteReport compare(List<SuiteReport> reports, Path previous, double tolerance)
            throws BenchmarkSetupException {
        List<Verdict> gates;
        try {
            gates = Regressions.compare(reports, Regressions.readPrevious(previous), tolerance);
        } catch (IOException e) {
            throw new BenchmarkSetupException(e.getMessage(), e);
        }
        if (gates.isEmpty()) {
            gates = List.of(Verdict.judge("noRegression", Double.NaN, io.github.qwenbench.gate.Comparison.AT_MOST, 0,
                    previous + " holds none of this run's suites"));
        }
        boolean passed = gates.stream().allMatch(Verdict::passed);
        SuiteReport report = new SuiteReport(Regressions.SUITE, runId, passed, Instant.now(), 0, null,
                reports.isEmpty() ? List.of() : reports.get(0).models(),
                Map.of("compareTo", previous.toString(), "tolerance", tolerance),
                io.github.qwenbench.json.Json.mapper().createObjectNode(), gates, List.of(),
                gates.size() + " headline figures compared with " + previous, List.of(), onInconclusive);
        write(ReportFiles.resultFile(outputDirectory, Regressions.SUITE), report);
        writeReports(report);
        return report;
    }

    /** Appends this run's headline figures to the history file and redraws the report with the trend. */
    public void record(List<SuiteReport> reports, String commit) throws BenchmarkSetupException {
        try {
            History.append(historyFile, reports, commit, Instant.now());
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot append to historyFile " + historyFile + ": " + e.getMessage(), e);
        }
        writeReports(null);
    }

    /**
     * Writes {@code report}'s JUnit XML (when not null) and redraws index.html. Only this run's
     * suites get new XML: an earlier run's files keep their content and their time, so a CI server
     * does not report old verdicts as new ones.
     */
    private void writeReports(SuiteReport report) throws BenchmarkSetupException {
        try {
            if (report != null) {
                JUnitXmlReport.write(junitDirectory, report);
            }
            ReportFiles.rebuildHtml(outputDirectory, historyFile, runId, List.copyOf(notRun.values()));
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot write the reports in " + outputDirectory + ": " + e.getMessage(),
                    e);
        }
    }

    private static void delete(Path file) throws BenchmarkSetupException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot remove the previous result " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Object value) throws BenchmarkSetupException {
        try {
            Json.writeAtomically(file, value);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
