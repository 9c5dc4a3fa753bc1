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
 * Measures both models along batch-size, concurrency and input-size curves and gates on the
 * throughput ratio and consistency at every point. Writes {@code scalability_benchmark_results.json}.
 */
@Mojo(name = "scalability", threadSafe = true)
public class ScalabilityMojo extends AbstractBenchmarkMojo {

    @Inject
    public ScalabilityMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("scalability"), plan));
    }
}
