package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemGatesTest {

    private static SystemSample sample(String role, double throughput, long errors, long growth, double drift) {
        List<SystemSample.Window> windows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            windows.add(new SystemSample.Window(i * 0.5, 100, 0, throughput * (1 + 0.01 * (i % 3)) * (1 + drift * i / 11),
                    2, 4, 150, 90,
                    300_000_000L + growth * i / 11 + 100_000L * ((i * 7) % 5 - 2), 30, 1.5, 0));
        }
        return new SystemSample(role, "closed loop, 2 users", 3, 600, errors, errors / (600.0 + errors),
                errors == 0 ? Map.of() : Map.of("RuntimeError: boom", errors), 0, throughput,
                new LatencySummary(600, 1, 2, 0.5, 0.25, 2, 3, 3.5, 4, 5, 6), windows, drift, 0.05, 300_000_000L,
                300_000_000L + growth, growth, growth / 3e8, 0.002,
                new SystemSample.Energy(false, "unavailable: test", Double.NaN, Double.NaN), "not applicable", 1);
    }

    /** Combined on a machine whose two cores were free. */
    private static SystemMetrics combine(SystemSample baseline, SystemSample candidate, SystemSettings settings) {
        return SystemMetrics.combine(baseline, candidate, settings, new FreeCores(2, 0.0, "test"), 0);
    }

    private static SystemSettings settings(SystemConfig config) throws BenchmarkSetupException {
        return SystemSettings.from(config);
    }

    @Test
    void aHealthyCandidatePasses() throws Exception {
        SystemMetrics metrics = combine(sample("baseline", 200, 0, 0, 0.01),
                sample("candidate", 260, 0, 1_000_000, -0.02), settings(new SystemConfig()));
        List<Verdict> verdicts = SystemGates.evaluate(settings(new SystemConfig()), metrics, false);
        assertEquals(List.of("maxErrorRate", "stableAsBaseline[throughputDrift]", "stableAsBaseline[memoryGrowth]",
                "minThroughputRatio"),
                verdicts.stream().map(Verdict::name).toList());
        assertTrue(verdicts.stream().allMatch(Verdict::passed), verdicts.toString());
        assertEquals(1.3, metrics.throughputRatio().estimate(), 0.02);
    }

    @Test
    void errorsDriftAndGrowthFailWithTheirReasons() throws Exception {
        SystemMetrics metrics = combine(sample("baseline", 200, 0, 0, 0.01),
                sample("candidate", 100, 7, 90_000_000, -0.3), settings(new SystemConfig()));
        List<Verdict> verdicts = SystemGates.evaluate(settings(new SystemConfig()), metrics, false);
        assertTrue(verdicts.get(0).message().contains("7 of 607 requests failed: {RuntimeError: boom=7}"),
                verdicts.get(0).message());
        assertFalse(verdicts.get(1).passed(), "a throughput falling 30% over the run");
        assertFalse(verdicts.get(2).passed(), "30% more resident memory");
        assertEquals(Outcome.FAIL, verdicts.get(3).verdict(), "half the baseline's throughput");
    }

    @Test
    void aServedModelsClientMemoryIsNotGatedNorTheMachinesLoad() throws Exception {
        // the client leaking 30%: its memory is not the served model's, so no memory gate judges it
        SystemSample baseline = sample("baseline", 200, 0, 0, 0.01);
        SystemSample candidate = sample("candidate", 100, 0, 90_000_000, 0.0);
        SystemMetrics served = SystemMetrics.combine(baseline, candidate, settings(new SystemConfig()), null, 0);
        List<Verdict> verdicts = SystemGates.evaluate(settings(new SystemConfig()), served, true);
        assertEquals(List.of("maxErrorRate", "stableAsBaseline[throughputDrift]", "minThroughputRatio"),
                verdicts.stream().map(Verdict::name).toList());
        assertEquals(Outcome.FAIL, verdicts.get(2).verdict(), "half the baseline's throughput still fails");
        // no declared conditions: a server on the machine is the system under test, not load that makes it busy
        assertEquals(null, served.conditions());
    }

    @Test
    void memoryGrowthInBytesAndAnSla() throws Exception {
        SystemConfig config = new SystemConfig();
        config.setMaxMemoryGrowth("64MiB");
        config.setMaxP99LatencyMillis("3.5");
        SystemSettings settings = settings(config);
        assertEquals(64L * 1024 * 1024, settings.maxMemoryGrowthBytes());
        List<Verdict> verdicts = SystemGates.evaluate(settings, combine(sample("baseline", 200, 0, 0, 0),
                sample("candidate", 200, 0, 70_000_000, 0), settings), false);
        assertFalse(verdicts.get(2).passed(), "70 MB > 64 MiB");
        assertEquals("maxP99LatencyMillis", verdicts.get(3).name());
        assertFalse(verdicts.get(3).passed(), "p99 4 ms > 3.5 ms");
    }

    @Test
    void settingsAreValidated() {
        SystemConfig config = new SystemConfig();
        config.setMaxMemoryGrowth("lots");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> SystemSettings.from(config));
        assertTrue(e.getMessage().contains("64MiB"), e.getMessage());
        SystemConfig shortRun = new SystemConfig();
        shortRun.setDuration("1s");
        assertThrows(BenchmarkSetupException.class, () -> SystemSettings.from(shortRun));
    }

    /**
     * A gated ratio needs at least 9 pairs of turns to decide anything at 95%: a run that can never hold
     * them is refused at set-up; measured without the gate (off), it runs for its duration and reports the
     * ratio with no verdict.
     */
    @Test
    void aThroughputRatioThatCanNeverDecideIsRefusedUnlessOff() throws Exception {
        SystemConfig short3s = new SystemConfig();
        short3s.setDuration("3s");
        short3s.setMaxDuration("3s");
        short3s.setWindow("500ms");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> SystemSettings.from(short3s));
        assertEquals("system/maxDuration (3s) holds 6 turns of system/window (500ms) per model, but the throughput"
                + " ratio can decide nothing before 9 pairs of turns: raise maxDuration to 4.5s or more, shorten the"
                + " window, or set minThroughputRatio to off to measure the ratio without gating it.", e.getMessage());
        short3s.setMinThroughputRatio("off");
        SystemSettings off = SystemSettings.from(short3s);
        assertFalse(off.throughputGated());
        assertEquals(6, off.budget().maxPairs(), "ungated, the run lasts its duration");
        List<Verdict> verdicts = SystemGates.evaluate(off, combine(sample("baseline", 200, 0, 0, 0),
                sample("candidate", 100, 0, 0, 0), off), false);
        assertTrue(verdicts.stream().noneMatch(v -> v.name().equals("minThroughputRatio")), verdicts.toString());
        SystemConfig decidable = new SystemConfig();
        decidable.setDuration("3s");
        decidable.setMaxDuration("4500ms");
        decidable.setWindow("500ms");
        assertEquals(9, SystemSettings.from(decidable).budget().maxPairs());
    }

    @Test
    void driftIsPairedButABaselinesLeakNeverLicensesTheCandidates() throws Exception {
        SystemSettings settings = settings(new SystemConfig());
        List<Verdict> bothDrift = SystemGates.evaluate(settings, combine(
                sample("baseline", 200, 0, 20_000_000, 0.2), sample("candidate", 200, 0, 40_000_000, 0.25), settings), false);
        assertTrue(bothDrift.get(1).passed(), "both drifted alike: the machine drifted, not the candidate");
        assertTrue(bothDrift.get(1).detail().contains("over 12 pairs of turns")
                && bothDrift.get(1).detail().contains("p < alpha 0.01"), bothDrift.get(1).detail());
        assertFalse(bothDrift.get(2).passed(), "40 MB > 10% of 300 MB, whatever the baseline's 20 MB");
        assertTrue(bothDrift.get(2).detail().contains("whatever the baseline's growth"), bothDrift.get(2).detail());
        List<Verdict> leaking = SystemGates.evaluate(settings, combine(
                sample("baseline", 200, 0, 1_000_000, 0), sample("candidate", 200, 0, 500_000_000, 0), settings), false);
        assertFalse(leaking.get(2).passed(), "a leaking candidate still fails");
    }

    /**
     * Both workers derive the same order from the run's seed; every pair has one turn of each, and each
     * four turns are A B B A or B A A B, both about equally often.
     */
    @Test
    void whoseTurnItIs() throws Exception {
        SystemSettings settings = settings(new SystemConfig());
        Turns baseline = new Turns(java.nio.file.Path.of("unused"), "baseline", settings, 42, null);
        Turns candidate = new Turns(java.nio.file.Path.of("unused"), "candidate", settings, 42, null);
        int abba = 0;
        for (int k = 0; k < 800; k += 4) {
            List<String> four = java.util.stream.IntStream.range(k, k + 4).mapToObj(baseline::owner).toList();
            assertEquals(four, java.util.stream.IntStream.range(k, k + 4).mapToObj(candidate::owner).toList());
            assertTrue(four.equals(List.of("baseline", "candidate", "candidate", "baseline"))
                    || four.equals(List.of("candidate", "baseline", "baseline", "candidate")), four.toString());
            abba += four.get(0).equals("baseline") ? 1 : 0;
            assertTrue(baseline.mine(k) != candidate.mine(k));
        }
        assertTrue(abba > 70 && abba < 130, "a fair coin per four turns: " + abba + " of 200 were A B B A");
    }
}
