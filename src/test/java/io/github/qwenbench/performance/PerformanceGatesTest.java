package io.github.qwenbench.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.PerformanceConfig;
import io.github.qwenbench.plan.PerformanceSettings;
import io.github.qwenbench.stats.RatioInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceGatesTest {

    private static Verdict judge(String minSpeedup, RatioInterval speedup) throws Exception {
        PerformanceConfig config = new PerformanceConfig();
        config.setMinSpeedup(minSpeedup);
        return PerformanceGates.evaluate(PerformanceSettings.from(config),
                new PerformanceMetrics(List.of(), speedup, PerformanceMetrics.METHOD, 5, List.of(), List.of())).get(0);
    }

    @Test
    void passesOnlyWhenTheLowerBoundReachesTheTarget() throws Exception {
        assertTrue(judge("1.20", new RatioInterval(1.4, 1.25, 1.5, 0.95, 100, 2000)).passed());
        Verdict pointAboveButIntervalBelow = judge("1.20", new RatioInterval(1.25, 1.1, 1.4, 0.95, 100, 2000));
        assertFalse(pointAboveButIntervalBelow.passed(), "a point estimate above the target is not enough");
        assertTrue(pointAboveButIntervalBelow.message().contains("inconclusive"), pointAboveButIntervalBelow.message());
        assertTrue(pointAboveButIntervalBelow.message().contains("Raise <performance><iterations> or <duration>"));
    }

    @Test
    void aClearMissNamesTheSpeedupAndItsInterval() throws Exception {
        Verdict v = judge("1.0", new RatioInterval(0.5, 0.47, 0.53, 0.95, 40, 2000));
        assertEquals("minSpeedup is 0.47, but expected minimum is 1 (lower bound of the interval; speedup 0.500,"
                + " 95% interval [0.470, 0.530] from 40 block pairs: the candidate is clearly below the target)",
                v.message());
    }

    @Test
    void aRegressionBudgetBelowOneIsAllowed() throws Exception {
        assertTrue(judge("0.95", new RatioInterval(0.99, 0.96, 1.02, 0.95, 100, 2000)).passed());
    }

    @Test
    void noIntervalNoPass() throws Exception {
        Verdict v = judge("0.5", new RatioInterval(2, Double.NaN, Double.NaN, 0.95, 2, 0));
        assertFalse(v.passed());
        assertTrue(v.message().contains("fewer than the 4 an interval needs"), v.message());
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
