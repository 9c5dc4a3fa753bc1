package io.github.qwenbench.report;

import io.github.qwenbench.suite.SuiteReport;
import java.time.Instant;
import java.util.List;

/**
 * {@code all_benchmark_results.json}: every suite of one {@code all} run.
 *
 * @param runId the run (one {@code mvn} invocation) that produced it, as in each suite's result
 * @param passed whether every suite passed
 * @param startedAt when the run started
 * @param durationMillis the whole run, worker starts included
 * @param suites each suite's result
 */
public record AllResults(String runId, boolean passed, Instant startedAt, long durationMillis, List<SuiteReport> suites) {

    public static final String FILE_NAME = "all_benchmark_results.json";
}
