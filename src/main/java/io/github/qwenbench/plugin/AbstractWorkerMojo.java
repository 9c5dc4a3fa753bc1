package io.github.qwenbench.plugin;

import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.EngineConfig;
import io.github.qwenbench.plan.GenerationSuiteConfig;
import io.github.qwenbench.plan.HardwareConfig;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.ModelSource;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.run.BenchmarkRun;
import io.github.qwenbench.run.PlanFactory;
import io.github.qwenbench.run.WorkloadRun;
import io.github.qwenbench.worker.WorkerLauncher;
import io.github.qwenbench.workload.PreparedSample;
import io.github.qwenbench.workload.PreparedWorkload;
import io.github.qwenbench.workload.WorkloadResolver;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every goal that runs models in a worker shares: the models, their inputs (tensors or a
 * workload of conversations), the engine, and the worker's settings; it builds the plan and the
 * launcher. All logic lives in plain classes.
 */
abstract class AbstractWorkerMojo extends AbstractMojo {

    /** Key of the session data that records that the workload-replaces-inputs note was logged. */
    private static final String WORKLOAD_NOTE_LOGGED = AbstractWorkerMojo.class.getName() + ".workloadNoteLogged";

    /**
     * The reference model:
     * <ul>
     * <li>{@code path}: a TorchScript file (run in PyTorch), an {@code .onnx} file, or a folder in the three-part
     * ONNX layout ({@code onnx/vision_encoder.onnx}, {@code onnx/embed_tokens.onnx},
     * {@code onnx/decoder_model_merged.onnx} and {@code config.json}; run in ONNX Runtime), or</li>
     * <li>{@code artifact}: {@code groupId:artifactId:version[:extension[:classifier]]} (extension defaults to
     * {@code pt}; a {@code .zip} or {@code .tar.gz} holding exactly one {@code .pt} or {@code .onnx}, or a package,
     * is unpacked)</li>
     * <li>{@code variant}: a package's variant, the suffix of its files ({@code q4}, {@code quantized}, ...;
     * {@code q4,vision_encoder=fp32} per part; default {@code fp32}, the files without suffix)</li>
     * <li>{@code sha256}: the file's SHA-256 (a package's: over its chosen parts' files), checked before loading
     * (optional)</li>
     * </ul>
     */
    @Parameter
    private ModelSource baseline;

    /**
     * The optimized model under test: {@code path} or {@code artifact}, and optionally {@code variant} and
     * {@code sha256}, as for {@code baseline}; it may run in another engine than the baseline.
     */
    @Parameter
    private ModelSource candidate;

    /**
     * Overrides {@code <baseline>} with a model path: a TorchScript file, an {@code .onnx} file or a package folder.
     */
    @Parameter(property = "qwen-bench.baseline")
    private String baselinePath;

    /**
     * Overrides {@code <candidate>} with a model path: a TorchScript file, an {@code .onnx} file or a package folder.
     */
    @Parameter(property = "qwen-bench.candidate")
    private String candidatePath;

    /**
     * The model's inputs, one {@code <input>} per argument of the model's {@code forward}; both models
     * get exactly the same values. Each {@code <input>} has:
     * <ul>
     * <li>{@code name}: the {@code forward} argument it feeds, checked against the TorchScript signature or the
     * ONNX graph's inputs (required)</li>
     * <li>{@code shape}: dimensions of one sample, e.g. {@code 1,3,224,224} (required unless {@code file})</li>
     * <li>{@code dtype}: {@code float32}, {@code float16}, {@code bfloat16}, {@code float64}, {@code int32},
     * {@code int64} or {@code boolean} (default {@code float32}, or the file's)</li>
     * <li>{@code distribution}: {@code uniform} (between {@code min} and {@code max}, integers inclusive) or
     * {@code normal} ({@code mean}, {@code stddev}) (default {@code uniform}, [0, 1] for floats, [0, 100] for
     * integers)</li>
     * <li>{@code min}, {@code max}, {@code mean}, {@code stddev}: the distribution's parameters</li>
     * <li>{@code file}: a {@code .npy}, or a {@code .npz} with an array named {@code key} (default: the input's
     * name). The file holds one sample, or a stack of samples along a first axis (sample i takes row i)</li>
     * <li>{@code key}: the array's name in a {@code .npz} file</li>
     * </ul>
     */
    @Parameter
    private List<InputConfig> inputs;

    /** Seed of every generated input. */
    @Parameter(property = "qwen-bench.seed", defaultValue = "42")
    private long seed;

    /**
     * Benchmark conversations (and images) instead of {@code <inputs>}.
     * Each setting, its default and its meaning: docs/configuration.md#workload.
     */
    @Parameter
    private WorkloadConfig workload;

    /**
     * PyTorch engine settings, applied before the engine loads and recorded in the results.
     * Each setting, its default and its meaning: docs/configuration.md#engine.
     */
    @Parameter
    private EngineConfig engine;

    /** Where the result files ({@code <suite>_benchmark_results.json}) and a workload's samples ({@code inputs/}) are written. */
    @Parameter(property = "qwen-bench.outputDirectory", defaultValue = "${project.build.directory}/benchmark-results")
    private File outputDirectory;

    /** Skip this goal. */
    @Parameter(property = "qwen-bench.skip", defaultValue = "false")
    private boolean skip;

    /** Extra JVM arguments of the forked worker, e.g. {@code -Xmx2g}. */
    @Parameter
    private List<String> jvmArgs;

    /** Seconds one worker (a suite's, or the workload's preparation) may run before it is killed. */
    @Parameter(property = "qwen-bench.workerTimeout", defaultValue = "600")
    private int workerTimeout;

    @Parameter(defaultValue = "${project.build.directory}/qwen-bench", readonly = true)
    private File workDirectory;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** Maven's own decrypter of settings.xml passwords: an endpoint's API key may be an encrypted password. */
    @Component
    private SettingsDecrypter settingsDecrypter;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    private List<RemoteRepository> remoteRepositories;

    private final RepositorySystem repositorySystem;


    AbstractWorkerMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    boolean skip() {
        return skip;
    }

    File outputDirectory() {
        return outputDirectory;
    }

    MavenSession session() {
        return session;
    }

    /** Builds and validates the plan; the suites' settings may be null (their defaults). */
    BenchmarkPlan createPlan(AccuracyConfig accuracy, PerformanceConfig performance, MemoryConfig memory,
            ScalabilityConfig scalability, SystemConfig system, HardwareConfig hardware, GenerationSuiteConfig generation)
            throws BenchmarkSetupException {
        if (workerTimeout < 1) {
            throw new BenchmarkSetupException("workerTimeout is " + workerTimeout + ", but it must be at least 1 second.");
        }
        MavenArtifactResolver artifacts = new MavenArtifactResolver(repositorySystem, repositorySession,
                remoteRepositories);
        Path work = workDirectory.toPath();
        PlanFactory plans = new PlanFactory(new ModelResolver(artifacts, work.resolve("models")),
                new WorkloadResolver(artifacts, work.resolve("workload")));
        PlanFactory.Settings settings = new PlanFactory.Settings(baseline, candidate, baselinePath, candidatePath,
                inputs, seed, engine, accuracy, performance, memory, scalability, system, hardware, generation, workload,
                outputDirectory.toPath().resolve("inputs"));
        BenchmarkPlan plan = plans.create(settings);
        if (settings.workloadReplacesInputs() && firstInThisBuild(WORKLOAD_NOTE_LOGGED)) {
            getLog().info("Both <inputs> and <workload> are configured (Maven merges plugin-level and execution-level"
                    + " configuration): the workload's conversations are the inputs, <inputs> is not used.");
        }
        getLog().info("Baseline:  " + described(plan.baseline()));
        getLog().info("Candidate: " + described(plan.candidate()));
        return plan;
    }

    /** Whether {@code key} is seen for the first time in this Maven session (true without a session). */
    private boolean firstInThisBuild(String key) {
        return repositorySession == null || repositorySession.getData().set(key, null, Boolean.TRUE);
    }

    private static String described(ModelFile model) {
        return model.served() ? "endpoint " + model.endpoint().describe()
                : model.path() + " (sha256 " + model.sha256() + ")";
    }

    WorkerLauncher newLauncher() {
        return new WorkerLauncher(workerClasspath(), jvmArgs == null ? List.of() : jvmArgs,
                Duration.ofSeconds(workerTimeout), workDirectory.toPath(), new MavenWorkerLog(getLog()));
    }

    /** A launcher for {@code plan}'s workers: served models' API keys go in their environment, nowhere else. */
    WorkerLauncher newLauncher(BenchmarkPlan plan) throws BenchmarkSetupException {
        return newLauncher().withEnvironment(ApiKeys.of(plan, System::getenv,
                session == null ? null : session.getSettings(), settingsDecrypter));
    }

    /** This Maven session's run id, shared by its executions. */
    String runId() {
        return BenchmarkRun.runId(session == null ? Instant.now() : session.getRequest().getStartTime().toInstant());
    }

    /**
     * Writes the workload's samples (once per build for the same workload and models) and, when
     * {@code checkModels}, runs each through both models; logs each sample when {@code eachSample}, else
     * a summary.
     */
    PreparedWorkload prepareWorkload(BenchmarkPlan plan, WorkerLauncher launcher, boolean checkModels,
            boolean eachSample) throws BenchmarkSetupException {
        WorkloadRun run = new WorkloadRun(launcher, runId());
        PreparedWorkload prepared = run.earlier(plan, checkModels);
        boolean reused = prepared != null;
        if (!reused) {
            prepared = run.prepare(plan, checkModels);
        }
        for (PreparedSample sample : prepared.samples()) {
            if (eachSample) {
                getLog().info(sample.describe());
            } else {
                getLog().debug(sample.describe());
            }
        }
        getLog().info("Workload " + plan.workload().conversations() + ": " + prepared.summary() + "; "
                + (reused ? "prepared earlier in this build, " : "") + "sample-<k>.npz and sample-<k>.txt in "
                + plan.workload().directory());
        return prepared;
    }

    /** The plugin jar and its runtime dependencies: everything the worker needs, nothing of Maven's. */
    private List<Path> workerClasspath() {
        Set<Path> classpath = new LinkedHashSet<>();
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            classpath.add(plugin.getPluginArtifact().getFile().toPath());
        }
        for (Artifact artifact : plugin.getArtifacts()) {
            if (artifact.getFile() != null) {
                classpath.add(artifact.getFile().toPath());
            }
        }
        return new ArrayList<>(classpath);
    }
}
