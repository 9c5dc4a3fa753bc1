package io.github.qwenbench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forks real worker JVMs with this test's classpath. */
class WorkerLauncherTest {

    @TempDir
    Path work;

    private final List<String> info = new CopyOnWriteArrayList<>();

    private WorkerLauncher launcher(List<String> jvmArgs, Duration timeout) {
        return TestLaunchers.launcher(work, jvmArgs, timeout, info::add);
    }

    private static BenchmarkPlan plan(String candidate) throws Exception {
        AccuracyConfig config = new AccuracyConfig();
        config.setSamples(2);
        return TestModels.plan(candidate, config);
    }

    @Test
    void runsASuiteInAForkedJvmAndRelaysProgress() throws Exception {
        SuiteResult result = launcher(List.of(), Duration.ofMinutes(3)).run(Suite.named("accuracy"), plan("optimized.pt"));
        assertEquals("accuracy", result.suite());
        assertEquals("PyTorch", result.system().engine());
        assertTrue(result.metrics().get("outputs").get(0).get("worstRelativeL2Error").asDouble() < 0.01);
        assertTrue(info.contains("compared 2/2 samples"), info.toString());
        try (var left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the launch's plan and result are removed once read");
        }
    }

    @Test
    void aSetupErrorInTheWorkerKeepsItsMessage() throws Exception {
        BenchmarkPlan plan = plan("optimized.pt");
        Path corrupt = work.resolve("truncated.pt");
        Files.write(corrupt, Arrays.copyOf(Files.readAllBytes(Path.of(plan.candidate().path())), 100_000));
        BenchmarkPlan broken = plan.withCandidate(new ModelFile("candidate", corrupt.toString(), "test", "x", 100_000));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> launcher(List.of(), Duration.ofMinutes(3)).run(Suite.named("accuracy"), broken));
        assertTrue(e.getMessage().startsWith("The PyTorch engine cannot load the candidate model " + corrupt),
                e.getMessage());
        try (var left = Files.list(work)) {
            assertEquals(List.of(corrupt), left.toList(), "the launch's plan, result and error files are removed");
        }
    }

    @Test
    void aWorkerThatDiesIsReportedWithItsExitCodeAndStderr() throws Exception {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> launcher(List.of("-Xmx1k"), Duration.ofMinutes(1)).run(Suite.named("accuracy"), plan("optimized.pt")));
        assertTrue(e.getMessage().startsWith("The accuracy worker JVM died with exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Last lines the worker wrote:"), e.getMessage());
        assertTrue(e.getMessage().contains("heap"), "the JVM's own reason: " + e.getMessage());
    }

    @Test
    void aWorkerKilledMidRunIsReportedAsKilled() throws Exception {
        io.github.qwenbench.plan.PerformanceConfig performance = new io.github.qwenbench.plan.PerformanceConfig();
        performance.setMaxDuration("60s");
        BenchmarkPlan plan = TestModels.plan("baseline.pt", new AccuracyConfig(), performance);
        Thread killer = new Thread(() -> {
            while (info.stream().noneMatch(line -> line.startsWith("warm-up"))) {
                Thread.onSpinWait();
            }
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        });
        killer.start();
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> launcher(List.of(), Duration.ofMinutes(2)).run(Suite.named("performance"), plan));
        killer.join();
        assertTrue(e.getMessage().startsWith("The performance worker JVM died with exit code 137 (killed with SIGKILL"),
                e.getMessage());
    }

    @Test
    void aWorkerThatOutlivesItsTimeoutIsKilled() throws Exception {
        long start = System.nanoTime();
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> launcher(List.of(), Duration.ofMillis(300)).run(Suite.named("accuracy"), plan("optimized.pt")));
        assertTrue(e.getMessage().startsWith("The accuracy worker did not finish within workerTimeout"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dqwen-bench.workerTimeout"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "killed promptly");
    }
}
