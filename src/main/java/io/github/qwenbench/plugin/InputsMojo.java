package io.github.qwenbench.plugin;

import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes what the models get from the {@code <workload>}, without benchmarking: for each sample k,
 * {@code <outputDirectory>/inputs/sample-<k>.npz} (one array per forward argument of the models, for
 * {@code numpy.load}) and {@code sample-<k>.txt} (the rendered prompt), and logs per sample its
 * tokens, images and grids, pixel patches and preprocessing time by stage. The models are read for
 * their forward arguments' names, not run.
 */
@Mojo(name = "inputs", threadSafe = true)
public class InputsMojo extends AbstractWorkerMojo {

    @Inject
    public InputsMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip()) {
            getLog().info("Skipping the inputs (qwen-bench.skip=true).");
            return;
        }
        try {
            BenchmarkPlan plan = createPlan(null, null, null, null, null, null, null);
            if (plan.workload() == null) {
                throw new MojoExecutionException("qwen-bench:inputs writes the samples of a <workload>, but none is"
                        + " configured: add <workload> with <conversations> and <tokenizer>.");
            }
            prepareWorkload(plan, newLauncher(), false, true);
        } catch (BenchmarkSetupException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
