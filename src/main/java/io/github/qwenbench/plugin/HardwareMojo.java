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
 * Describes what the machine and engine offer (CPU features, caches, NUMA nodes, the engine's build)
 * and measures how both models scale with the engine's intra-op threads, paired at every thread count,
 * gating the candidate/baseline throughput ratio at each. Writes {@code hardware_benchmark_results.json}.
 */
@Mojo(name = "hardware", threadSafe = true)
public class HardwareMojo extends AbstractBenchmarkMojo {

    @Inject
    public HardwareMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("hardware"), plan));
    }
}
