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
     * Accuracy suite settings and thresholds: candidate outputs against the baseline's on the same
     * inputs. Thresholds accept {@code 0.01} or {@code 1%}.
     * <ul>
     * <li>{@code samples}: input samples both models run (default 16)</li>
     * <li>{@code maxRelativeError}: worst relative L2 error ||c-b||/||b|| of any output (default 0.01)</li>
     * <li>{@code minCosineSimilarity}: worst cosine similarity of any output (default 0.99)</li>
     * <li>{@code minTop1Agreement}: share of arg-max positions (last axis) that agree, for logit-like outputs
     * (default off)</li>
     * <li>{@code requireFiniteOutputs}: fail on NaN or infinite outputs (default true)</li>
     * <li>{@code maxRepeatDifference}: each model run twice on the same input must agree this closely
     * (default 1e-6)</li>
     * <li>{@code perturbation}: relative size of the Gaussian noise added to floating inputs to report each
     * model's sensitivity (default 0.001)</li>
     * <li>{@code generation}: greedy decoding with a full forward pass per step, reporting token agreement and
     * exact-sequence-match rates: {@code <input>} (the token-id input), {@code <steps>} (default 8),
     * {@code <output>} (index of the logits, default 0) (default off)</li>
     * <li>{@code minGenerationAgreement}: share of generated tokens that agree (default off)</li>
     * <li>{@code gradientFlow}: a backward pass through each model; every parameter must get a finite,
     * non-zero gradient (default false)</li>
     * </ul>
     */
    @Parameter
    private AccuracyConfig accuracy;

    /**
     * Performance suite settings: blocks of consecutive inferences alternate A B B A (A = baseline) in
     * one worker; the speedup is the median over adjacent block pairs of baseline / candidate block
     * median latency, judged on its anytime-valid confidence interval (PASS, FAIL or INCONCLUSIVE).
     * <ul>
     * <li>{@code warmupIterations}: un-measured inferences per model first (default 20)</li>
     * <li>{@code iterations}: measured inferences per model before the speedup interval is first looked at
     * (default 500)</li>
     * <li>{@code maxIterations}: measure on, pair by pair, while the interval contains {@code minSpeedup}, up
     * to this many (default 2000)</li>
     * <li>{@code duration}: time budget: measuring stops undecided after this long, e.g. {@code 20s}
     * (default off)</li>
     * <li>{@code blockSize}: consecutive inferences of one model per block (default 5)</li>
     * <li>{@code samples}: distinct input samples cycled through (default 4)</li>
     * <li>{@code confidence}: confidence level of the speedup interval, for the whole sequential procedure
     * (default 0.95)</li>
     * <li>{@code minSpeedup}: baseline latency / candidate latency must reach this with the whole interval;
     * 1.20 is 20% faster, 0.95 at most 5% slower (default 1.20)</li>
     * </ul>
     */
    @Parameter
    private PerformanceConfig performance;

    /**
     * Memory suite settings: each model alone in fresh workers, resident memory idle, after load, at
     * the inference peak and, where the models generate, at the peak of greedy decoding.
     * <ul>
     * <li>{@code repetitions}: fresh workers per model before the reduction is first judged; the order
     * alternates; at least 5 for an interval that can decide (default 5)</li>
     * <li>{@code maxRepetitions}: fresh workers per model at most, while the interval contains
     * {@code minReduction} (default 10)</li>
     * <li>{@code inferences}: inferences of the phase whose peak is recorded (default 50)</li>
     * <li>{@code leakInferences}: inferences of the steady phase over which growth per inference is fitted
     * (default 400)</li>
     * <li>{@code reductionMetric}: {@code peakMinusIdle}, {@code footprint} (after load minus idle),
     * {@code peak} or {@code generationPeakMinusLoad} (the generation phase's peak minus after load; models
     * that take {@code generation/tokenInput} only) (default {@code peakMinusIdle})</li>
     * <li>{@code minReduction}: least reduction 1 - candidate/baseline, judged on the anytime-valid interval
     * over pairs of repetitions (default 0.15)</li>
     * <li>{@code maxReduction}: a larger reduction passes with a warning: part of the model may not have
     * loaded (default off; int8 from fp32 alone cuts weights 4x)</li>
     * <li>{@code maxLeakBytesPerInference}: the candidate's resident-memory growth per inference, in bytes
     * (default 16384)</li>
     * <li>{@code bandwidthMebibytes}: size in MiB of the tensor copied to measure the machine's memory
     * bandwidth; 0 skips it (default 256)</li>
     * <li>{@code generationSamples}: samples each worker answers greedily ({@code generation/maxNewTokens}
     * tokens each, stop tokens ignored) while the peak is tracked, when an input is named by
     * {@code generation/tokenInput}; 0 skips the generation phase (default 3)</li>
     * </ul>
     */
    @Parameter
    private MemoryConfig memory;

    /**
     * Scalability suite settings: both models along batch-size, concurrency and input-size curves.
     * Each violation names its point, e.g. {@code minThroughputRatio[batch=8]}.
     * <ul>
     * <li>{@code batchSizes}: batch sizes ({@code none} skips); a batch of b stacks b different samples along
     * {@code batchDimension} (default 1,2,4,8)</li>
     * <li>{@code batchDimension}: the batch axis of every input (default 0)</li>
     * <li>{@code concurrency}: thread counts ({@code none} skips): one shared model, one predictor and warm-up
     * per thread (default 1, 2, 4, ... powers of two up to the machine's cores)</li>
     * <li>{@code sweeps}: {@code <sweep>} elements with {@code input}, {@code dimension} and {@code values}
     * (at least two sizes): the input shrinks by dropping leading positions and grows by repeating the first
     * (left padding) (default none)</li>
     * <li>{@code iterations}, {@code warmupIterations}, {@code blockSize}: per model and point (per thread at
     * a concurrency point); {@code iterations} before the first look (default 60, 10, 5)</li>
     * <li>{@code maxIterations}, {@code maxDuration}: the budget of each point while its interval contains
     * {@code minThroughputRatio} (default 600, 5s)</li>
     * <li>{@code confidence}: confidence level of the ratio intervals (default 0.95)</li>
     * <li>{@code minThroughputRatio}: candidate/baseline throughput at every point, judged on the whole
     * interval (default 0.90)</li>
     * <li>{@code stabilityFactor}, {@code cvFloor}: {@code stableAsBaseline[point]}: the candidate's block
     * throughput CV at most factor x the baseline's + floor (default 2, 0.10)</li>
     * <li>{@code maxCoefficientOfVariation}: an absolute limit on either model's block-throughput CV
     * (default off)</li>
     * <li>{@code minScalingEfficiency}: the candidate's gain per size factor at every batch/concurrency point
     * (default off)</li>
     * </ul>
     */
    @Parameter
    private ScalabilityConfig scalability;

    /**
     * System suite settings: each model under the same load in its own worker, the two taking turns of
     * one window. Unless {@code engine/intraOpThreads} is set, the engine's threads are fitted to the free
     * cores.
     * <ul>
     * <li>{@code users}: closed loop: virtual users; open loop: serving threads (default 2)</li>
     * <li>{@code thinkTime}: pause between a user's requests, e.g. {@code 100ms} (default 0ms)</li>
     * <li>{@code arrivalRate}: requests per second with Poisson arrivals: an open loop whose latency counts
     * from the scheduled arrival (default off: closed loop)</li>
     * <li>{@code duration}: per model, at least (default 10s)</li>
     * <li>{@code maxDuration}: per model, at most, while the throughput ratio is undecided; not below
     * {@code duration} (default 30s)</li>
     * <li>{@code window}: one turn of one model, and the unit of the stability figures (default 1s)</li>
     * <li>{@code maxErrorRate}: the candidate's share of failed requests; they are counted with their
     * messages and the load goes on (default 0)</li>
     * <li>{@code stabilityFactor}, {@code driftFloor}: {@code stableAsBaseline[throughputDrift]}: the change
     * of candidate/baseline throughput over the run at most factor x the baseline's own |drift| + floor
     * (default 2, 0.10)</li>
     * <li>{@code maxMemoryGrowth}: {@code stableAsBaseline[memoryGrowth]}: growth the candidate may show
     * beyond factor x the baseline's: a share of its start such as {@code 10%}, or a size such as
     * {@code 64MiB} (default 10%)</li>
     * <li>{@code maxThroughputDrift}: an absolute limit on the candidate's |drift| (default off)</li>
     * <li>{@code maxP99LatencyMillis}: an SLA under load, in milliseconds (default off)</li>
     * <li>{@code minThroughputRatio}: candidate/baseline throughput over adjacent turns, judged on the whole
     * interval (default 0.90)</li>
     * </ul>
     */
    @Parameter
    private SystemConfig system;

    /**
     * Hardware suite settings: how each model scales with the engine's intra-op threads, where its time
     * goes by operator, and how far it runs from the machine's matrix-multiply and memory-bandwidth peaks.
     * <ul>
     * <li>{@code threads}: intra-op thread counts, comma-separated, or {@code none} (default 1, 2, 4, ... up to
     * the cores)</li>
     * <li>{@code minThroughputRatio}: candidate/baseline throughput at every thread count, judged on the whole
     * interval (default 0.90)</li>
     * <li>{@code maxDuration}: time budget per thread count (default 3s)</li>
     * <li>{@code profileIterations}: inferences per model under the engine's profiler, 0 skips it (default 10)</li>
     * <li>{@code gemmSize}: n of the GEMM probe's n x n float32 matrices, 0 skips it (default 512)</li>
     * <li>{@code bandwidthMebibytes}: size of the bandwidth probe's tensor, 0 skips it (default 64)</li>
     * </ul>
     */
    @Parameter
    private HardwareConfig hardware;

    /**
     * Generation suite settings: greedy decoding with both models, timed per request and compared answer
     * by answer.
     * <ul>
     * <li>{@code tokenInput}: the token-id input that grows by one token per step (default input_ids)</li>
     * <li>{@code logitsOutput}: the output holding logits [batch, positions, vocabulary] (default 0)</li>
     * <li>{@code maxNewTokens}: tokens per timed request, and at most per answer (default 32)</li>
     * <li>{@code samples}: samples answered and cycled through by the timed requests (default 8)</li>
     * <li>{@code stopTokens}: ids that end an answer (default 151645,151643: Qwen's im_end and endoftext)</li>
     * <li>{@code minTokensPerSecondRatio}: candidate/baseline decode tokens per second (default 0.90)</li>
     * <li>{@code maxTimeToFirstTokenRatio}: candidate/baseline time to first token (default 1.11)</li>
     * <li>{@code minTokenAgreement}: share of answer tokens that agree; off when empty</li>
     * <li>{@code minPairs}, {@code maxPairs}, {@code maxDuration}, {@code confidence}: the timed requests'
     * budget (defaults 11, 200, 30s, 0.95)</li>
     * </ul>
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
            WorkerLauncher launcher = newLauncher();
            if (plan.workload() != null) {
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
