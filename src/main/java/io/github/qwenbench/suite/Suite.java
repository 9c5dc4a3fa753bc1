package io.github.qwenbench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * One benchmark suite, as the reports and the mojos see it: its {@link SuiteDefinition} with the
 * steps every suite shares (reading its metrics, judging them, naming its files). The suites are
 * found with {@link ServiceLoader}, in the order of
 * {@code META-INF/services/io.github.qwenbench.suite.SuiteDefinition}, which is report order: a new
 * suite is one package and one line there.
 */
public final class Suite {

    private static final List<Suite> ALL = ServiceLoader.load(SuiteDefinition.class,
            SuiteDefinition.class.getClassLoader()).stream().map(p -> new Suite(p.get())).toList();

    private final SuiteDefinition<?> definition;

    private Suite(SuiteDefinition<?> definition) {
        this.definition = definition;
    }

    /** Every suite, in report order. */
    public static List<Suite> all() {
        return ALL;
    }

    /** The suite named {@code id} ({@code performance}), if there is one. */
    public static Optional<Suite> find(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The suite named {@code id}, which must exist. */
    public static Suite named(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No suite is named " + id + ": "
                + ids()));
    }

    /** Parses a comma-separated list of suite names; blank means every suite. */
    public static List<Suite> parseList(String setting, String text) throws BenchmarkSetupException {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Suite> suites = new ArrayList<>();
        for (String name : text.split(",")) {
            Suite suite = find(name.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new BenchmarkSetupException(
                    setting + " names '" + name.trim() + "', which is not a suite: use " + ids() + "."));
            if (!suites.contains(suite)) {
                suites.add(suite);
            }
        }
        return suites;
    }

    private static String ids() {
        return ALL.stream().map(Suite::id).collect(Collectors.joining(", "));
    }

    /** The suite's name, as in goals and file names. */
    public String id() {
        return definition.id();
    }

    /** The seed's file name: {@code <suite>_benchmark_results.json}. */
    public String resultFileName() {
        return resultFileName(id());
    }

    /** The seed's file name of the suite (or pseudo-suite) {@code id}. */
    public static String resultFileName(String id) {
        return id + "_benchmark_results.json";
    }

    public SuiteRunner newRunner() {
        return definition.newRunner();
    }

    /** Why the suite does not apply to {@code plan}'s models, or null when it does. */
    public String notApplicable(BenchmarkPlan plan) {
        if ((plan.baseline().served() || plan.candidate().served()) && !definition.measuresEndpoints()) {
            return "does not apply to served models: it measures a model file inside the plugin's worker (its"
                    + " tensors, memory or threads); for endpoints the plugin runs the accuracy and generation suites";
        }
        return null;
    }

    /** The suite's time ceiling under {@code plan}, in milliseconds ({@link SuiteDefinition#ceilingMillis}). */
    public long ceilingMillis(BenchmarkPlan plan) {
        return definition.ceilingMillis(plan);
    }

    /** Runs the suite's workers and returns what they measured. */
    public SuiteResult measure(Workers workers, BenchmarkPlan plan) throws BenchmarkSetupException {
        return definition.measure(workers, plan);
    }

    /**
     * What the Maven side makes of a result, from one reading of its metrics: the verdicts, the
     * findings that pass the gates but deserve a look, the headline and the console table.
     */
    public record Judgment(List<Verdict> gates, List<String> warnings, String headline, List<String> table) {
    }

    /** Judges the suite's metrics against the plan's thresholds and presents them for the console. */
    public Judgment judge(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
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
     * The figures a suite's result follows, by its suite; none when the suite is unknown
     * or its metrics are not in the form this version reads (another version's file, for example): such
     * a figure is then not compared, as when an earlier run did not measure it.
     */
    public static List<TrackedFigure> figuresOf(String suite, JsonNode metrics) {
        try {
            Optional<Suite> known = Suite.find(suite);
            return known.isPresent() && metrics != null ? known.get().trackedFigures(metrics) : List.of();
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * What the result file records of the configuration: inputs, the workload they came from (if any),
     * seed, engine and the suite's settings.
     */
    public Map<String, Object> config(BenchmarkPlan plan) {
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

    @Override
    public String toString() {
        return id();
    }
}
