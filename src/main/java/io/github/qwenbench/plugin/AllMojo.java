package io.github.qwenbench.plugin;

import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.run.BenchmarkRun;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs every suite in turn, each in its own worker, and writes {@code all_benchmark_results.json}
 * beside the suites' own files. Bound to {@code verify} by default.
 */
@Mojo(name = "all", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class AllMojo extends AbstractBenchmarkMojo {

    /** The suites to run, comma-separated (e.g. {@code accuracy,performance}); empty: every suite. */
    @Parameter(property = "qwen-bench.suites")
    private String suites;

    @Inject
    public AllMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return run.runAll(Suite.parseList("suites", suites), plan);
    }
}
