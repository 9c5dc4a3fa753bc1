package io.github.qwenbench.suite;

import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.util.List;

/**
 * Everything that makes one benchmark suite, kept in the suite's own package next to its metrics:
 * how its workers run, how its metrics are judged, and how they are shown (console, HTML, trends and
 * comparisons with an earlier run). Each is registered once, in
 * {@code META-INF/services/io.github.qwenbench.suite.SuiteDefinition}, and found through {@link Suite}.
 *
 * @param <M> the suite's metrics, as its result file holds them
 */
public interface SuiteDefinition<M> {

    /** The suite's name, as in goals and file names ({@code performance}). */
    String id();

    /** The metrics' type, to read a result file back. */
    Class<M> metricsType();

    /** A new runner for the worker JVM. */
    SuiteRunner newRunner();

    /** The suite's own settings, for the result's {@code config}. */
    Object settings(BenchmarkPlan plan);

    /** Runs the suite's workers (by default one, over both models) and returns what they measured. */
    default SuiteResult measure(Workers workers, BenchmarkPlan plan) throws BenchmarkSetupException {
        return workers.run(plan);
    }

    /**
     * Whether the suite measures served models ({@code <endpoint>}s) as their client; a suite that measures a
     * model file inside the worker (tensors, its memory, its threads) does not.
     */
    default boolean measuresEndpoints() {
        return false;
    }

    /** Judges the metrics against the plan's thresholds. */
    List<Verdict> gates(BenchmarkPlan plan, M metrics);

    /** Findings that pass the gates but deserve a look. */
    /**
     * The longest the suite's comparisons may measure under {@code plan}, in milliseconds: its time
     * ceiling, which must fit in the worker's deadline; 0 for a suite without one.
     */
    default long ceilingMillis(BenchmarkPlan plan) {
        return 0;
    }

    default List<String> warnings(BenchmarkPlan plan, M metrics) {
        return List.of();
    }

    /** The key figures in one line, for the console and the reports. */
    String headline(M metrics);

    /** Extra lines for the console summary, e.g. a table of curves. */
    default List<String> tableLines(M metrics) {
        return List.of();
    }

    /** The suite's charts and tables in the HTML report (the page adds heading, headline and gates). */
    String htmlSection(M metrics, SuiteReport report);

    /** The figures compared with an earlier run ({@code compareTo}) and drawn as trends ({@code historyFile}). */
    default List<TrackedFigure> trackedFigures(M metrics) {
        return List.of();
    }
}
