package io.github.qwenbench.plugin;

import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.run.BenchmarkRun;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.eclipse.aether.RepositorySystem;

/**
 * Measures load time, cold start and warm latency of both models, interleaved in one forked worker,
 * and gates on the speedup's confidence interval ({@code minSpeedup}). Writes
 * {@code performance_benchmark_results.json}.
 */
@Mojo(name = "performance", threadSafe = true)
public class PerformanceMojo extends AbstractBenchmarkMojo {

    @Inject
    public PerformanceMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("performance"), plan));
    }
}
