package io.github.qwenbench.plugin;

import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.host.GitCommit;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.GenerationSuiteConfig;
import io.github.qwenbench.plan.HardwareConfig;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.Thresholds;
import io.github.qwenbench.report.ConsoleSummary;
import io.github.qwenbench.report.HtmlReport;
import io.github.qwenbench.run.BenchmarkRun;
import io.github.qwenbench.run.BuildVerdict;
import io.github.qwenbench.suite.SuiteReport;
import io.github.qwenbench.worker.WorkerLauncher;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * What every benchmark goal shares: reads the pom, builds the plan, runs suites in a forked worker,
 * prints the summary and fails the build once if a gate failed. All logic lives in plain classes.
 */
abstract class AbstractBenchmarkMojo extends AbstractWorkerMojo {

    /**
     * Accuracy suite settings and thresholds.
     * Each setting, its default and its meaning: docs/configuration.md#accuracy.
     */
    @Parameter
    private AccuracyConfig accuracy;

    /**
     * Performance suite settings. Each setting, its default and its meaning: docs/configuration.md#performance.
     */
    @Parameter
    private PerformanceConfig performance;

    /**
     * Memory suite settings. Each setting, its default and its meaning: docs/configuration.md#memory.
     */
    @Parameter
    private MemoryConfig memory;

    /**
     * Scalability suite settings. Each setting, its default and its meaning: docs/configuration.md#scalability.
     */
    @Parameter
    private ScalabilityConfig scalability;

    /**
     * System suite settings. Each setting, its default and its meaning: docs/configuration.md#system.
     */
    @Parameter
    private SystemConfig system;

    /**
     * Hardware suite settings. Each setting, its default and its meaning: docs/configuration.md#hardware.
     */
    @Parameter
    private HardwareConfig hardware;

    /**
     * Generation suite settings. Each setting, its default and its meaning: docs/configuration.md#generation.
     */
    @Parameter
    private GenerationSuiteConfig generation;

    /** Where the JUnit XML reports ({@code TEST-qwen-bench-<suite>.xml}, one test case per gate) go. */
    @Parameter(property = "qwen-bench.junitDirectory", defaultValue = "${project.build.directory}/benchmark-results")
    private File junitDirectory;

    /**
     * A previous run's {@code all_benchmark_results.json} (for example the main branch's): every
     * headline figure that got worse beyond {@code compareTolerance} fails a {@code noRegression} gate.
     */
    @Parameter(property = "qwen-bench.compareTo")
    private File compareTo;

    /** How much worse than {@code compareTo} a figure may get, e.g. {@code 5%}. */
    @Parameter(property = "qwen-bench.compareTolerance", defaultValue = "5%")
    private String compareTolerance;

    /** A JSON-lines file this run's headline figures are appended to (with the commit id); the report draws the trend. */
    @Parameter(property = "qwen-bench.historyFile")
    private File historyFile;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File basedir;

    /** Fail the build when a gate fails; {@code false} logs the violations as warnings instead. */
    @Parameter(property = "qwen-bench.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * What a gate whose measuring budget was spent without a decision (INCONCLUSIVE) does: {@code fail}
     * the build (nothing passes for lack of evidence), or {@code warn} (the JUnit XML then reports
     * the gate as skipped).
     */
    @Parameter(property = "qwen-bench.onInconclusive", defaultValue = "fail")
    private String onInconclusive;

    AbstractBenchmarkMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    /** Runs this goal's suites and returns their reports. */
    abstract List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip()) {
            getLog().info("Skipping the benchmarks (qwen-bench.skip=true).");
            return;
        }
        if (session() != null && session().isParallel()) {
            getLog().warn("The build runs in parallel (-T): other modules compete for the CPU and distort the"
                    + " timings. Run benchmarks in a serial build for numbers you can compare.");
        }
        List<SuiteReport> reports;
        InconclusivePolicy inconclusivePolicy;
        try {
            inconclusivePolicy = InconclusivePolicy.parse(onInconclusive);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " Set <onInconclusive> or -Dqwen-bench.onInconclusive.");
        }
        try {
            BenchmarkPlan plan = createPlan(accuracy, performance, memory, scalability, system, hardware, generation);
            WorkerLauncher launcher = newLauncher(plan);
            if (plan.workload() != null && !plan.baseline().served()) {
                prepareWorkload(plan, launcher, true, false);
            }
            BenchmarkRun run = new BenchmarkRun(launcher, outputDirectory().toPath(), junitDirectory.toPath(),
                    historyFile == null ? null : historyFile.toPath(), inconclusivePolicy, runId());
            Double parsedTolerance = Thresholds.fraction("compareTolerance", compareTolerance, 0, 10);
            double tolerance = parsedTolerance == null ? 0.05 : parsedTolerance;
            reports = new ArrayList<>(runSuites(run, plan));
            if (historyFile != null) {
                run.record(reports, GitCommit.of(basedir.toPath()));
            }
            if (compareTo != null) {
                reports.add(run.compare(reports, compareTo.toPath(), tolerance));
            }
        } catch (BenchmarkSetupException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        judge(reports, inconclusivePolicy);
    }

    /** Prints the summary and maps the build verdict ({@link BuildVerdict}) to the log and a build failure. */
    private void judge(List<SuiteReport> reports, InconclusivePolicy inconclusivePolicy) throws MojoFailureException {
        getLog().info("");
        ConsoleSummary.lines(reports).forEach(getLog()::info);
        getLog().info("");
        getLog().info("Results: " + outputDirectory() + " (report: " + HtmlReport.FILE_NAME + ", JUnit XML: "
                + junitDirectory + ")");
        BuildVerdict verdict = BuildVerdict.of(reports, outputDirectory().toPath(), failOnViolation,
                inconclusivePolicy);
        for (BuildVerdict.Line line : verdict.lines()) {
            switch (line.level()) {
                case ERROR -> getLog().error(line.text());
                case WARNING -> getLog().warn(line.text());
                default -> getLog().info(line.text());
            }
        }
        getLog().info("Report: " + reportLink(outputDirectory()));
        if (verdict.fails()) {
            throw new MojoFailureException(verdict.failureMessage());
        }
    }

    /** The HTML report as a link a terminal opens: {@code file:///.../benchmark-results/index.html}. */
    static String reportLink(File outputDirectory) {
        return outputDirectory.toPath().resolve(HtmlReport.FILE_NAME).toAbsolutePath().normalize().toUri().toString();
    }

}
