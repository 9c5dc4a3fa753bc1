package io.github.qwenbench.report;

import java.time.Instant;
import java.util.List;

/**
 * {@code all_benchmark_results.json}: every suite of one {@code all} run.
 *
 * @param passed whether every suite passed
 * @param startedAt when the run started
 * @param durationMillis the whole run, worker starts included
 * @param suites each suite's result
 */
public record AllResults(boolean passed, Instant startedAt, long durationMillis, List<SuiteReport> suites) {

    public static final String FILE_NAME = "all_benchmark_results.json";
}
