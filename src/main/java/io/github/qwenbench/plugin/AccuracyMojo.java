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
 * Compares the candidate's outputs with the baseline's on the same inputs (relative L2 error,
 * cosine similarity, top-1 agreement, finiteness), checks each model's stability, and optionally
 * greedy generation and gradient flow. Writes {@code accuracy_benchmark_results.json}.
 */
@Mojo(name = "accuracy", threadSafe = true)
public class AccuracyMojo extends AbstractBenchmarkMojo {

    @Inject
    public AccuracyMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("accuracy"), plan));
    }
}
