package io.github.qwenbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.RelativeLimit;
import io.github.qwenbench.plan.ScalabilityConfig;
import io.github.qwenbench.plan.ScalabilitySettings;
import io.github.qwenbench.plan.SweepConfig;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveGatesTest {

    /** Twelve spread-out standard scores, in an order that differs by {@code shift}. */
    private static List<Double> blocks(double throughput, double spread, int pairs, int shift) {
        double[] z = {-1.8, 1.2, -0.5, 0.1, 0.8, -0.3, 1.8, -1.2, 0.5, -0.1, -0.8, 0.3};
        List<Double> out = new java.util.ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            out.add(throughput * Math.exp(spread * z[(k * 5 + shift) % z.length]));
        }
        return out;
    }

    private static CurveMetrics.ModelCurve model(String role, double cv, int pairs) {
        int shift = "baseline".equals(role) ? 0 : 3;
        return new CurveMetrics.ModelCurve(role, List.of(100.0, 180.0), List.of(1.0, 1.1), List.of(2.0, 2.5),
                List.of(0.1, 0.1), List.of(0.05, cv), List.of(1.0, 0.9), Double.NaN, null,
                List.of(blocks(100, 0.05, pairs, shift), blocks(180, cv, pairs, shift)));
    }

    private static CurveMetrics.ModelCurve model(String role, double cv) {
        return model(role, cv, 12);
    }

    private static CurveMetrics metrics(RatioInterval atTwo, double cv) {
        return new CurveMetrics(List.of(new CurveMetrics.Curve("batch", "batch", List.of(1, 2),
                List.of(model("baseline", 0.05), model("candidate", cv)),
                List.of(new RatioInterval(1.1, 1.05, 1.2, 0.95, 8, "rule"), atTwo),
                List.of(new SequentialComparison.Stop(true, "decided", 100),
                        new SequentialComparison.Stop(true, "decided", 100)), List.of(2, 2),
                List.of(free(2), free(2)), List.of(5, 5), List.of(1L, 2L), null)), 2,
                CurveMetrics.METHOD, null);
    }

    @Test
    void everyViolationNamesItsPoint() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        List<Verdict> verdicts = CurveGates.evaluate(settings,
                metrics(new RatioInterval(0.5, 0.45, 0.55, 0.95, 8, "rule"), 3.0));
        assertEquals(4, verdicts.size());
        assertTrue(verdicts.get(0).passed(), "batch=1: the whole interval [1.05, 1.2] >= 0.9");
        assertTrue(verdicts.get(1).passed(), "batch=1: as stable as the baseline");
        Verdict slow = verdicts.get(2);
        assertEquals("minThroughputRatio[batch=2]", slow.name());
        assertEquals(Outcome.FAIL, slow.verdict());
        assertTrue(slow.message().startsWith("minThroughputRatio[batch=2] is 0.5 [0.45, 0.55], but expected minimum"
                + " is 0.9"), slow.message());
        Verdict jitter = verdicts.get(3);
        assertEquals("stableAsBaseline[batch=2]", jitter.name());
        assertFalse(jitter.passed(), "a robust CV of 3 against a limit of 2 x 0.05 + 0.10, over 12 block pairs");
    }

    /**
     * The stability gate is a paired permutation test at scalability/stabilityAlpha: its detail names the
     * test, the alpha, the statistic and the pairs; with too few pairs to reach alpha, or no blocks kept,
     * it cannot fail, and says so.
     */
    @Test
    void theStabilityGateIsATestThatFailsOnlyOnEvidence() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        RelativeLimit limit = settings.stability();
        assertEquals(0.01, limit.alpha(), 1e-12);
        assertEquals(0.20, limit.limitFor(0.05), 1e-12);
        CurveMetrics.ModelCurve base = model("baseline", 0.05);
        Verdict jitter = CurveGates.stableAsBaseline("batch=2", limit, base, model("candidate", 3.0), 1);
        assertEquals(Outcome.FAIL, jitter.verdict(), jitter.message());
        assertTrue(jitter.actual() < 0.01, jitter.message());
        assertTrue(jitter.detail().contains("swapped within 12 interleaved block pairs")
                && jitter.detail().contains("p < alpha 0.01"), jitter.detail());
        Verdict fewPairs = CurveGates.stableAsBaseline("batch=2", limit, model("baseline", 0.05, 6),
                model("candidate", 3.0, 6), 1);
        assertEquals(Outcome.PASS, fewPairs.verdict());
        assertTrue(fewPairs.detail().contains("with 6 pairs no outcome can reach p < 0.01"), fewPairs.detail());
        CurveMetrics.ModelCurve unkept = new CurveMetrics.ModelCurve("candidate", List.of(100.0), List.of(1.0),
                List.of(2.0), List.of(0.1), List.of(0.6), List.of(1.0), Double.NaN, null, null);
        Verdict old = CurveGates.stableAsBaseline("batch=1", limit, unkept, unkept, 0);
        assertEquals(Outcome.PASS, old.verdict());
        assertTrue(old.detail().contains("were not kept"), old.detail());
        ScalabilityConfig strict = new ScalabilityConfig();
        strict.setStabilityAlpha("0.5");
        assertThrows(BenchmarkSetupException.class, () -> ScalabilitySettings.from(strict, List.of()));
    }

    @Test
    void identicalJitterPassesAndAnAbsoluteLimitIsAvailable() throws Exception {
        ScalabilityConfig config = new ScalabilityConfig();
        config.setMaxCoefficientOfVariation("0.25");
        ScalabilitySettings settings = ScalabilitySettings.from(config, List.of());
        List<Verdict> verdicts = CurveGates.evaluate(settings,
                metrics(new RatioInterval(1.0, 0.97, 1.03, 0.95, 8, "rule"), 0.05));
        assertEquals(List.of("minThroughputRatio[batch=1]", "stableAsBaseline[batch=1]",
                "maxCoefficientOfVariation[batch=1]", "minThroughputRatio[batch=2]", "stableAsBaseline[batch=2]",
                "maxCoefficientOfVariation[batch=2]"), verdicts.stream().map(Verdict::name).toList());
        assertTrue(verdicts.stream().allMatch(Verdict::passed), verdicts.toString());
    }

    @Test
    void aStraddlingPointIsInconclusive() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        Verdict v = CurveGates.evaluate(settings, metrics(new RatioInterval(1.0, 0.85, 1.1, 0.95, 8, "rule"),
                0.05)).get(2);
        assertEquals(Outcome.INCONCLUSIVE, v.verdict());
    }

    /** 2 callers x 1 intra-op thread, with {@code free} of 2 cores left free by other processes. */
    private static RunConditions free(double free) {
        return new RunConditions(2, 1, new FreeCores(2, 2 - free, "test"));
    }

    /**
     * A point whose threads needed more cores than were free keeps every gate, each INCONCLUSIVE because
     * the machine was busy, whatever its interval says: a clear loss there is not a FAIL (the scheduler
     * decided it) and not a silent pass either.
     */
    @Test
    void aBusyPointIsUndecidedAsBusyNotDroppedOrJudged() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        CurveMetrics plain = metrics(new RatioInterval(0.5, 0.45, 0.55, 0.95, 8, "rule"), 0.05);
        CurveMetrics.Curve curve = plain.curves().get(0);
        CurveMetrics busy = new CurveMetrics(List.of(new CurveMetrics.Curve(curve.kind(),
                curve.axis(), curve.sizes(), curve.models(), curve.throughputRatio(), curve.stops(),
                curve.intraOpThreads(), List.of(free(2), free(1.1)), curve.blockSizes(), curve.orderSeeds(), null)), 2,
                CurveMetrics.METHOD, null);
        List<Verdict> verdicts = CurveGates.evaluate(settings, busy);
        assertEquals(List.of("minThroughputRatio[batch=1]", "stableAsBaseline[batch=1]",
                "minThroughputRatio[batch=2]", "stableAsBaseline[batch=2]"),
                verdicts.stream().map(Verdict::name).toList());
        assertEquals(Outcome.PASS, verdicts.get(0).verdict());
        for (Verdict v : verdicts.subList(2, 4)) {
            assertEquals(Outcome.INCONCLUSIVE, v.verdict(), v.message());
            assertEquals(Undecided.BUSY, v.undecided());
            assertTrue(v.message().contains("the machine was busy: 1.1 of 2 cores were free"), v.message());
        }
        assertEquals(Outcome.FAIL, CurveGates.evaluate(settings, plain).get(2).verdict(),
                "the same loss with the cores free fails");
    }

    @Test
    void noCurveNoPass() throws Exception {
        ScalabilitySettings settings = ScalabilitySettings.from(new ScalabilityConfig(), List.of());
        List<Verdict> verdicts = CurveGates.evaluate(settings, new CurveMetrics(List.of(), 1, "", null));
        assertFalse(verdicts.get(0).passed());
    }

    @Test
    void theKneeIsWhereThroughputStallsWhileP99Rises() {
        assertEquals(2, PairedCurves.knee(List.of(1, 2, 4), List.of(100.0, 180.0, 185.0), List.of(2.0, 2.2, 4.0)));
        assertNull(PairedCurves.knee(List.of(1, 2, 4), List.of(100.0, 180.0, 300.0), List.of(2.0, 2.2, 4.0)));
        assertEquals(0.2, PairedCurves.coefficientOfVariation(List.of(80.0, 120.0, 100.0)), 1e-9);
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
