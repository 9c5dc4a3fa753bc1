package io.github.qwenbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.qwenbench.TestWorkloads;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.workload.PreparedSample;
import io.github.qwenbench.workload.PreparedWorkload;
import io.github.qwenbench.workload.SampleFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several executions of one build prepare the same workload once; anything else prepares it again. */
class WorkloadRunTest {

    @TempDir
    Path dir;

    private static final PreparedSample SAMPLE = new PreparedSample(0, 1, 20, List.of(), 0, 1536, List.of(), 1, 2, 3);

    @Test
    void samplesOfThisBuildFromTheSameWorkloadAreReused() throws Exception {
        BenchmarkPlan plan = TestWorkloads.plan(dir, TestWorkloads.config(TestWorkloads.CONVERSATIONS), "optimized.pt",
                null);
        SampleFiles files = new SampleFiles(Path.of(plan.workload().directory()));
        String fingerprint = WorkloadRun.fingerprint(plan);
        List<PreparedSample> five = Collections.nCopies(5, SAMPLE);
        WorkloadRun run = new WorkloadRun(null, "build-1");

        assertNull(run.earlier(plan, false), "nothing prepared");
        files.writeManifest(new PreparedWorkload("build-1", fingerprint, false, five));
        assertEquals(5, run.earlier(plan, false).samples().size());
        assertNull(run.earlier(plan, true), "prepared without running the models");
        files.writeManifest(new PreparedWorkload("build-1", fingerprint, true, five));
        assertEquals(5, run.earlier(plan, true).samples().size());
        assertNull(new WorkloadRun(null, "build-2").earlier(plan, false), "an earlier build's");

        WorkloadConfig fewer = TestWorkloads.config(TestWorkloads.CONVERSATIONS);
        fewer.setSamples(4);
        BenchmarkPlan other = TestWorkloads.plan(dir, fewer, "optimized.pt", null);
        assertNotEquals(fingerprint, WorkloadRun.fingerprint(other));
        assertNull(run.earlier(other, false), "another workload's");
        BenchmarkPlan otherCandidate = TestWorkloads.plan(dir, TestWorkloads.config(TestWorkloads.CONVERSATIONS),
                "slow.pt", null);
        assertNull(run.earlier(otherCandidate, false), "checked with other models");
    }
}
