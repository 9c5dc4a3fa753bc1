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
 * Puts each model under the same multi-user or open-loop load, window by window: throughput, p99,
 * errors, drift, CPU and memory, and energy where the machine exposes it. Writes
 * {@code system_benchmark_results.json}.
 */
@Mojo(name = "system", threadSafe = true)
public class SystemMojo extends AbstractBenchmarkMojo {

    @Inject
    public SystemMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("system"), plan));
    }
}
