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
 * Measures each model alone in fresh worker JVMs: resident memory idle, after load, at the
 * inference peak and its growth per inference; gates on the reduction and on leaks. Writes
 * {@code memory_benchmark_results.json}.
 */
@Mojo(name = "memory", threadSafe = true)
public class MemoryMojo extends AbstractBenchmarkMojo {

    @Inject
    public MemoryMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("memory"), plan));
    }
}
