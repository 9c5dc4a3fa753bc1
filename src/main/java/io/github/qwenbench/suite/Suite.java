package io.github.qwenbench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.accuracy.AccuracySuite;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.generation.GenerationSuite;
import io.github.qwenbench.hardware.HardwareSuite;
import io.github.qwenbench.memory.MemorySuite;
import io.github.qwenbench.performance.PerformanceSuite;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.report.Json;
import io.github.qwenbench.report.ReportFiles;
import io.github.qwenbench.report.SuiteReport;
import io.github.qwenbench.report.TrackedFigure;
import io.github.qwenbench.scalability.ScalabilitySuite;
import io.github.qwenbench.system.SystemSuite;
import io.github.qwenbench.worker.WorkerLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of benchmark suites, in report order. Each suite's runner, gates and presentation
 * live in its own package ({@link SuiteDefinition}); this enum only names them, and reads a suite's
 * metrics from JSON into the type its definition works with.
 */
public enum Suite {

    ACCURACY(new AccuracySuite()),
    PERFORMANCE(new PerformanceSuite()),
    MEMORY(new MemorySuite()),
    SCALABILITY(new ScalabilitySuite()),
    SYSTEM(new SystemSuite()),
    GENERATION(new GenerationSuite()),
    HARDWARE(new HardwareSuite());

    private final SuiteDefinition<?> definition;

    Suite(SuiteDefinition<?> definition) {
        this.definition = definition;
    }

    /** The suite's name, as in goals and file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The seed's file name: {@code <suite>_benchmark_results.json}. */
    public String resultFileName() {
        return ReportFiles.resultFile(Path.of(""), id()).toString();
    }

    public SuiteRunner newRunner() {
        return definition.newRunner();
    }

    /** One worker's metrics as {@code type}; a result of another form is a broken run. */
    public <T> T workerMetrics(SuiteResult run, Class<T> type) throws BenchmarkSetupException {
        try {
            return Json.mapper().treeToValue(run.metrics(), type);
        } catch (JsonProcessingException e) {
            throw new BenchmarkSetupException("A " + id() + " worker's result is not in the expected form: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Runs the suite's workers and returns what they measured. */
    SuiteResult measure(WorkerLauncher launcher, BenchmarkPlan plan) throws BenchmarkSetupException {
        return definition.measure(this, launcher, plan);
    }

    /**
     * What the Maven side makes of a result, from one reading of its metrics: the verdicts, the
     * findings that pass the gates but deserve a look, the headline and the console table.
     */
    record Judgment(List<Verdict> gates, List<String> warnings, String headline, List<String> table) {
    }

    /** Judges the suite's metrics against the plan's thresholds and presents them for the console. */
    Judgment judge(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
        Object m = read(metrics);
        SuiteDefinition<Object> d = typed();
        return new Judgment(d.gates(plan, m), d.warnings(plan, m), d.headline(m), d.tableLines(m));
    }

    /** The suite's charts and tables for the HTML report. */
    public String htmlSection(SuiteReport report) throws JsonProcessingException {
        return typed().htmlSection(read(report.metrics()), report);
    }

    /** The figures followed from run to run. */
    public List<TrackedFigure> trackedFigures(JsonNode metrics) throws JsonProcessingException {
        return typed().trackedFigures(read(metrics));
    }

    /**
     * What the result file records of the configuration: inputs, the workload they came from (if any),
     * seed, engine and the suite's settings.
     */
    Map<String, Object> config(BenchmarkPlan plan) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("inputs", plan.inputs());
        if (plan.workload() != null) {
            config.put("workload", plan.workload());
        }
        config.put("seed", plan.seed());
        config.put("engine", plan.engine());
        config.put(id(), definition.settings(plan));
        return config;
    }

    @SuppressWarnings("unchecked")
    private SuiteDefinition<Object> typed() {
        return (SuiteDefinition<Object>) definition;
    }

    private Object read(JsonNode metrics) throws JsonProcessingException {
        return Json.mapper().treeToValue(metrics, definition.metricsType());
    }

    public static Suite parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The suite named {@code id} ({@code performance}), if there is one. */
    public static Optional<Suite> find(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    /** Parses a comma-separated list of suite names; blank means every suite. */
    public static List<Suite> parseList(String setting, String text) throws BenchmarkSetupException {
        if (text == null || text.isBlank()) {
            return List.of(values());
        }
        List<Suite> suites = new ArrayList<>();
        for (String name : text.split(",")) {
            Suite suite = find(name.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new BenchmarkSetupException(
                    setting + " names '" + name.trim() + "', which is not a suite: use "
                            + Arrays.stream(values()).map(Suite::id).collect(Collectors.joining(", ")) + "."));
            if (!suites.contains(suite)) {
                suites.add(suite);
            }
        }
        return suites;
    }
}
