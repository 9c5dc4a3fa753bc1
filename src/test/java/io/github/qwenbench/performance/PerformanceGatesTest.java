package io.github.qwenbench.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Verdict;
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
                        new SequentialComparison.Stop(false, "pair budget spent", 1000), 5, List.of(), List.of(), 2)).get(0);
    }

    @Test
    void passesOnlyWhenTheWholeIntervalReachesTheTarget() throws Exception {
        assertEquals(Outcome.PASS, judge("1.20", new RatioInterval(1.4, 1.25, 1.5, 0.95, 100, "rule")).verdict());
        Verdict pointAboveButIntervalBelow = judge("1.20", new RatioInterval(1.25, 1.1, 1.4, 0.95, 100, "rule"));
        assertEquals(Outcome.INCONCLUSIVE, pointAboveButIntervalBelow.verdict(),
                "a point estimate above the target is not enough");
        assertFalse(pointAboveButIntervalBelow.passed());
        assertTrue(pointAboveButIntervalBelow.message().contains("inconclusive"), pointAboveButIntervalBelow.message());
        assertTrue(pointAboveButIntervalBelow.message().contains("raise <performance><maxIterations> or <duration>"),
                pointAboveButIntervalBelow.message());
        assertFalse(pointAboveButIntervalBelow.message().contains("Fix the candidate"));
    }

    @Test
    void aClearMissFailsAndNamesTheSpeedupAndItsInterval() throws Exception {
        Verdict v = judge("1.0", new RatioInterval(0.5, 0.47, 0.53, 0.95, 40, "rule"));
        assertEquals(Outcome.FAIL, v.verdict());
        assertEquals("minSpeedup is 0.5 [0.47, 0.53], but expected minimum is 1 (baseline/candidate latency, 95%"
                + " anytime-valid interval from 40 interleaved block pairs, pair budget spent; raise <performance>"
                + "<maxIterations> or <duration> to measure longer)", v.message());
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
        config.setIterations(10);
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(config));
        assertTrue(e.getMessage().startsWith("performance/iterations is 10, but with blockSize 5"), e.getMessage());
        PerformanceConfig zero = new PerformanceConfig();
        zero.setMinSpeedup("0");
        assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(zero));
        PerformanceConfig duration = new PerformanceConfig();
        duration.setDuration("ten seconds");
        e = assertThrows(BenchmarkSetupException.class, () -> PerformanceSettings.from(duration));
        assertTrue(e.getMessage().contains("500ms, 10s or 2m"), e.getMessage());
    }
}
