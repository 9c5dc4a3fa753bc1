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
 * Generates greedily with both models from the same prompts: times each request (time to first token,
 * time per output token, tokens per second) and gates the candidate/baseline ratios, paired per request;
 * compares both models' answers side by side. Writes {@code generation_benchmark_results.json}.
 */
@Mojo(name = "generation", threadSafe = true)
public class GenerationMojo extends AbstractBenchmarkMojo {

    @Inject
    public GenerationMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    List<SuiteReport> runSuites(BenchmarkRun run, BenchmarkPlan plan) throws BenchmarkSetupException {
        return List.of(run.run(Suite.named("generation"), plan));
    }
}
