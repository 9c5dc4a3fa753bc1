package io.github.qwenbench.scalability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.plan.SweepConfig;
import io.github.qwenbench.stats.RatioInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalabilityGatesTest {

    private static ScalabilityMetrics.ModelCurve model(String role, double cv) {
        return new ScalabilityMetrics.ModelCurve(role, List.of(100.0, 180.0), List.of(1.0, 1.1), List.of(2.0, 2.5),
                List.of(0.1, 0.1), List.of(cv, cv), List.of(1.0, 0.9), Double.NaN, null);
    }

    private static ScalabilityMetrics metrics(RatioInterval atTwo, double cv) {
        return new ScalabilityMetrics(List.of(new ScalabilityMetrics.Curve("batch", "batch", List.of(1, 2),
                List.of(model("baseline", 0.05), model("candidate", cv)),
                List.of(new RatioInterval(1.1, 1.05, 1.2, 0.95, 8, 2000), atTwo))), 2, ScalabilityMetrics.METHOD);
    }

    @Test
    void everyViolationNamesItsPoint() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        List<Verdict> verdicts = ScalabilityGates.evaluate(settings,
                metrics(new RatioInterval(0.5, 0.45, 0.55, 0.95, 8, 2000), 0.4));
        assertEquals(4, verdicts.size());
        assertTrue(verdicts.get(0).passed(), "batch=1: lower bound 1.05 >= 1.0");
        Verdict slow = verdicts.get(2);
        assertEquals("minThroughputRatio[batch=2]", slow.name());
        assertFalse(slow.passed());
        assertTrue(slow.message().startsWith("minThroughputRatio[batch=2] is 0.45, but expected minimum is 1"));
        Verdict jitter = verdicts.get(3);
        assertEquals("maxCoefficientOfVariation[batch=2]", jitter.name());
        assertFalse(jitter.passed());
    }

    @Test
    void noCurveNoPass() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        List<Verdict> verdicts = ScalabilityGates.evaluate(settings, new ScalabilityMetrics(List.of(), 1, ""));
        assertFalse(verdicts.get(0).passed());
    }

    @Test
    void theKneeIsWhereThroughputStallsWhileP99Rises() {
        assertEquals(2, ScalabilityRunner.knee(List.of(1, 2, 4), List.of(100.0, 180.0, 185.0), List.of(2.0, 2.2, 4.0)));
        assertNull(ScalabilityRunner.knee(List.of(1, 2, 4), List.of(100.0, 180.0, 300.0), List.of(2.0, 2.2, 4.0)));
        assertEquals(0.2, ScalabilityRunner.coefficientOfVariation(List.of(80.0, 120.0, 100.0)), 1e-9);
    }

    @Test
    void settingsCheckSweepsAgainstTheInputs() throws Exception {
        ScalabilityConfig config = new ScalabilityConfig();
        SweepConfig sweep = new SweepConfig();
        sweep.setInput("input_ids");
        sweep.setDimension(3);
        sweep.setValues("24,48");
        config.setSweeps(List.of(sweep));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> ScalabilitySettings.from(config, TestModels.demoInputSpecs()));
        assertTrue(e.getMessage().contains("dimension is 3, but the input has shape (1, 24)"), e.getMessage());
        config.setSweeps(List.of());
        config.setBatchSizes("1,two");
        e = assertThrows(BenchmarkSetupException.class, () -> ScalabilitySettings.from(config, List.of()));
        assertTrue(e.getMessage().startsWith("scalability/batchSizes is '1,two'"), e.getMessage());
        config.setBatchSizes("none");
        assertTrue(ScalabilitySettings.from(config, List.of()).batchSizes().isEmpty());
    }
}
