package io.github.qwenbench.worker;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.system.SystemRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Stands in for Maven in {@link WorkerWatchdogTest}: {@code StandInMavenParent <performance|system> <work>}
 * starts a real worker through {@link WorkerLauncher} on the bundled models, for a run of a minute,
 * and prints the progress it relays, so that the test knows when to kill this process.
 */
public final class StandInMavenParent {

    private StandInMavenParent() {
    }

    public static void main(String[] args) throws Exception {
        Suite suite = Suite.named(args[0]);
        WorkerLauncher launcher = TestLaunchers.launcher(Path.of(args[1]), List.of(), Duration.ofMinutes(5), line -> {
            System.out.println(line);
            System.out.flush();
        });
        if (suite == Suite.named("system")) {
            // the system suite's two workers, taking turns as Suite.named("system") starts them
            Path turns = launcher.newScratchDirectory("system-turns");
            launcher.withLeadingJvmArguments(List.of("-D" + SystemRunner.TURNS_PROPERTY + "=" + turns))
                    .runTogether(suite, minuteOfLoad(), List.of("baseline", "candidate"));
        } else {
            PerformanceConfig performance = new PerformanceConfig();
            // measuring for most of a minute: 5000 pairs of one-inference blocks before the first look
        performance.setMinPairs(5_000);
        performance.setMaxPairs(5_000);
        performance.setMaxDuration("60s");
            launcher.run(suite, TestModels.plan("baseline.pt", new AccuracyConfig(), performance));
        }
    }

    private static BenchmarkPlan minuteOfLoad() throws Exception {
        BenchmarkPlan plan = TestModels.plan("baseline.pt", new AccuracyConfig());
        SystemConfig system = new SystemConfig();
        system.setDuration("60s");
        system.setMaxDuration("60s");
        return plan.withSystem(SystemSettings.from(system));
    }
}
