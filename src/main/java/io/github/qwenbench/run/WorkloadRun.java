package io.github.qwenbench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.worker.WorkerLauncher;
import io.github.qwenbench.workload.PreparedWorkload;
import io.github.qwenbench.workload.SampleFiles;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Prepares a plan's workload before its suites run: a worker writes the samples the suites' workers
 * then read, and checks that both models run each. A build with several executions prepares the same
 * workload once: the manifest beside the samples records the build and what they were made from.
 */
public final class WorkloadRun {

    private final WorkerLauncher launcher;
    private final String runId;

    /**
     * @param runId this Maven session's run id ({@link BenchmarkRun#runId})
     */
    public WorkloadRun(WorkerLauncher launcher, String runId) {
        this.launcher = launcher;
        this.runId = runId;
    }

    /**
     * The samples an earlier execution of this build prepared from the same workload for the same
     * models (and checked, if {@code checkModels}), or null.
     */
    public PreparedWorkload earlier(BenchmarkPlan plan, boolean checkModels) throws BenchmarkSetupException {
        PreparedWorkload earlier = new SampleFiles(Path.of(plan.workload().directory())).readManifest();
        boolean same = earlier != null && runId.equals(earlier.runId())
                && fingerprint(plan).equals(earlier.fingerprint()) && (earlier.modelsChecked() || !checkModels)
                && earlier.samples().size() == plan.workload().samples();
        return same ? earlier : null;
    }

    /** Prepares the samples in a worker and records them for this build. */
    public PreparedWorkload prepare(BenchmarkPlan plan, boolean checkModels) throws BenchmarkSetupException {
        PreparedWorkload prepared = launcher.prepareWorkload(plan, checkModels)
                .recordedFor(runId, fingerprint(plan), checkModels);
        new SampleFiles(Path.of(plan.workload().directory())).writeManifest(prepared);
        return prepared;
    }

    /** What the samples are made from: the workload (with its files' SHA-256), the arguments, the models. */
    static String fingerprint(BenchmarkPlan plan) throws BenchmarkSetupException {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(List.of(plan.workload(), plan.inputs(),
                    plan.baseline().sha256(), plan.candidate().sha256(), plan.engine()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new BenchmarkSetupException("Cannot describe the workload: " + e.getOriginalMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
