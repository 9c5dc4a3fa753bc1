package io.github.qwenbench.suite;

import io.github.qwenbench.plan.BenchmarkSetupException;

/** Runs one suite inside the worker JVM and returns its measured metrics (no verdicts). */
@FunctionalInterface
public interface SuiteRunner {

    Object run(SuiteContext context) throws BenchmarkSetupException;
}
