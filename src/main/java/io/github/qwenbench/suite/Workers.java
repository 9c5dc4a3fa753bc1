package io.github.qwenbench.suite;

import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a suite asks for its forked worker JVMs, each running the suite's {@link SuiteRunner} under the
 * build's deadline. The worker package implements it; a suite needs nothing else of it.
 */
public interface Workers {

    /** The suite these workers run. */
    String suite();

    /** One worker over both models. */
    default SuiteResult run(BenchmarkPlan plan) throws BenchmarkSetupException {
        return run(plan, null, 0);
    }

    /**
     * One worker and what it measured.
     *
     * @param role the one model the worker measures, or null for both
     * @param repetition the repetition's number, or 0
     */
    SuiteResult run(BenchmarkPlan plan, String role, int repetition) throws BenchmarkSetupException;

    /**
     * One worker per role at the same time (their results in the order of {@code roles}); when one
     * fails, the others are stopped and the first failure is reported.
     */
    List<SuiteResult> runTogether(BenchmarkPlan plan, List<String> roles) throws BenchmarkSetupException;

    /** Workers whose heap is fixed and small, so that resident memory measures the model, not the JVM. */
    Workers withSteadyMemory();

    /** Workers started with these environment variables as well. */
    Workers withEnvironment(Map<String, String> variables);

    /** Workers started with the system property {@code name} set to {@code value}. */
    Workers withSystemProperty(String name, String value);

    /** A new, empty folder the workers of this build can share (deleted with the build's work folder). */
    Path newScratchDirectory(String name) throws BenchmarkSetupException;
}
