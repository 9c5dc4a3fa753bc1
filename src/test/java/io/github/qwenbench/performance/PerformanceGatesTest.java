package io.github.qwenbench.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceGatesTest {

    private static Verdict judge(String minSpeedup, RatioInterval speedup) throws Exception {
        PerformanceConfig config = new PerformanceConfig();
        config.setMinSpeedup(minSpeedup);
        return PerformanceGates.evaluate(PerformanceSettings.from(config),
                new PerformanceMetrics(List.of(), speedup, PerformanceMetrics.METHOD,
                        new SequentialComparison.Stop(false, "pair budget spent", 1000), 5, List.of(), List.of(), 1,
                        new RunConditions(1, 1, new FreeCores(2, 0.0, "test")), 7)).get(0);
    }

    @Test
    void passesOnlyWhenTheWholeIntervalReachesTheTarget() throws Exception {
        assertEquals(Outcome.PASS, judge("1.20", new RatioInterval(1.4, 1.25, 1.5, 0.95, 100, "rule")).verdict());
        Verdict pointAboveButIntervalBelow = judge("1.20", new RatioInterval(1.25, 1.1, 1.4, 0.95, 100, "rule"));
        assertEquals(Outcome.INCONCLUSIVE, pointAboveButIntervalBelow.verdict(),
                "a point estimate above the target is not enough");
        assertFalse(pointAboveButIntervalBelow.passed());
        assertTrue(pointAboveButIntervalBelow.message().contains("inconclusive"), pointAboveButIntervalBelow.message());
        assertTrue(pointAboveButIntervalBelow.message().contains("raise <performance><maxDuration> (now 1m) or"
                + " <maxPairs> (now 1000)"), pointAboveButIntervalBelow.message());
        assertEquals(Undecided.BUDGET, pointAboveButIntervalBelow.undecided());
        assertFalse(pointAboveButIntervalBelow.message().contains("Fix the candidate"));
    }

    @Test
    void aClearMissFailsAndNamesTheSpeedupAndItsInterval() throws Exception {
        Verdict v = judge("1.0", new RatioInterval(0.5, 0.47, 0.53, 0.95, 40, "rule"));
        assertEquals(Outcome.FAIL, v.verdict());
        assertEquals("minSpeedup is 0.5 [0.47, 0.53], but expected minimum is 1 (baseline/candidate latency, the"
                + " median over 40 pairs of four interleaved 5-inference blocks with one-sided anytime-valid bounds (each"
                + " side's error at most 5%), pair budget spent. To decide, raise <performance><maxDuration> (now 1m)"
                + " or <maxPairs> (now 1000), or measure fewer points)", v.message());
    }

    /** More pairs would not make dependent pairs independent: the message sends the user to the machine, not the budget. */
    @Test
    void dependentPairsAreInconclusiveWithoutBudgetAdvice() throws Exception {
        PerformanceConfig config = new PerformanceConfig();
        config.setMinSpeedup("0.9");
        SequentialComparison.Stop dependent = SequentialComparison.Stop.of(SequentialComparison.Reason.DEPENDENT,
                "decided, but the pairs were dependent: runs test p = 1e-05. Rerun on a quieter machine", 1000);
        PerformanceMetrics metrics = new PerformanceMetrics(List.of(), new RatioInterval(1.0, 0.95, 1.05, 0.95, 40,
                "rule"), PerformanceMetrics.METHOD, dependent, 5, List.of(), List.of(), 1,
                new RunConditions(1, 1, new FreeCores(2, 0.0, "test")), 7);
        Verdict v = PerformanceGates.evaluate(PerformanceSettings.from(config), metrics).get(0);
        assertEquals(Outcome.INCONCLUSIVE, v.verdict());
        assertEquals(Undecided.DEPENDENCE, v.undecided());
        assertTrue(v.message().contains("quieter machine"), v.message());
        assertFalse(v.message().contains("To decide, raise"), v.message());
    }

    /** A clear loss measured while the machine left fewer cores than declared is not a FAIL: the scheduler decided it. */
    @Test
    void aBusyMachineMakesTheGateInconclusiveWhateverTheInterval() throws Exception {
        PerformanceConfig config = new PerformanceConfig();
        config.setMinSpeedup("1.0");
        PerformanceMetrics busy = new PerformanceMetrics(List.of(), new RatioInterval(0.5, 0.47, 0.53, 0.95, 40,
                "rule"), PerformanceMetrics.METHOD, new SequentialComparison.Stop(true, "decided", 1000), 5,
                List.of(), List.of(), 2, new RunConditions(1, 2, new FreeCores(2, 0.9, "test")), 7);
        Verdict v = PerformanceGates.evaluate(PerformanceSettings.from(config), busy).get(0);
        assertEquals(Outcome.INCONCLUSIVE, v.verdict());
        assertEquals(Undecided.BUSY, v.undecided());
        assertTrue(v.message().startsWith("minSpeedup is inconclusive because the machine was busy: its interval"
                + " [0.47, 0.53] against the expected minimum 1"), v.message());
        assertTrue(v.message().contains("1.1 of 2 cores were free while this was measured (test), and it needs 2"
                + " (1 caller x 2 intra-op threads)"), v.message());
    }

    @Test
    void aRegressionBudgetBelowOneIsAllowed() throws Exception {
        assertTrue(judge("0.95", new RatioInterval(0.99, 0.96, 1.02, 0.95, 100, "rule")).passed());
    }

    @Test
    void noIntervalNoPass() throws Exception {
        Verdict v = judge("0.5", new RatioInterval(2, Double.NaN, Double.NaN, 0.95, 1, "rule"));
        assertEquals(Outcome.FAIL, v.verdict(), "no interval is a failure, never inconclusive");
        assertTrue(v.message().contains("too few for an interval"), v.message());
    }

    @Test
    void settingsAreValidated() {
        PerformanceConfig config = new PerformanceConfig();
        config.setMinPairs(8);
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(config));
        assertTrue(e.getMessage().startsWith("performance/minPairs is 8, but at confidence 0.95 no fewer than 9"),
                e.getMessage());
        PerformanceConfig few = new PerformanceConfig();
        few.setMaxPairs(8);
        e = assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(few));
        assertTrue(e.getMessage().startsWith("performance/maxPairs is 8, below the 9 pairs"), e.getMessage());
        PerformanceConfig block = new PerformanceConfig();
        block.setBlockSize("five");
        e = assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(block));
        assertTrue(e.getMessage().contains("or auto"), e.getMessage());
        PerformanceConfig zero = new PerformanceConfig();
        zero.setMinSpeedup("0");
        assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(zero));
        PerformanceConfig duration = new PerformanceConfig();
        duration.setMaxDuration("ten seconds");
        e = assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(duration));
        assertTrue(e.getMessage().contains("500ms, 10s or 2m"), e.getMessage());
    }
}
