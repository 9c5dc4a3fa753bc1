package io.github.qwenbench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.AccuracyConfig;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyGatesTest {

    private static OutputAccuracy output(double worstRelative, double worstCosine, double top1, long nonFinite) {
        return new OutputAccuracy("logits", new long[] {1, 24, 1024}, 16, 0.1, 0.01, worstRelative,
                worstRelative / 2, worstCosine, top1, 0, nonFinite);
    }

    private static List<AccuracyMetrics.Stability> stable() {
        return List.of(new AccuracyMetrics.Stability("baseline", 0, 0, 0.001, 0.001),
                new AccuracyMetrics.Stability("candidate", 0, 0, 0.001, 0.002));
    }

    private static AccuracySettings defaults() throws Exception {
        return AccuracySettings.from(new AccuracyConfig(), List.of());
    }

    @Test
    void passesWithinTheSeedDefaults() throws Exception {
        List<Verdict> verdicts = AccuracyGates.evaluate(defaults(),
                new AccuracyMetrics(List.of(output(0.007, 0.9999, 0.98, 0)), stable(), null, List.of(), null), false);
        assertEquals(5, verdicts.size());
        assertTrue(verdicts.stream().allMatch(Verdict::passed), verdicts.toString());
    }

    @Test
    void relativeErrorAboveOnePercentFailsWithJacocoStyleMessage() throws Exception {
        List<Verdict> verdicts = AccuracyGates.evaluate(defaults(),
                new AccuracyMetrics(List.of(output(0.36437, 0.93, 0.4, 0)), stable(), null, List.of(), null), false);
        Verdict relative = verdicts.get(0);
        assertFalse(relative.passed());
        assertEquals("maxRelativeError[logits] is 0.36437, but expected maximum is 0.01 (relative L2 error"
                + " ||c-b||/||b||, worst of 16 samples)", relative.message());
        assertFalse(verdicts.get(1).passed(), "cosine 0.93 is below 0.99");
    }

    @Test
    void nonFiniteOutputsFail() throws Exception {
        List<Verdict> verdicts = AccuracyGates.evaluate(defaults(),
                new AccuracyMetrics(List.of(output(0.001, 0.9999, 1, 3)), stable(), null, List.of(), null), false);
        Verdict finite = verdicts.stream().filter(v -> v.name().startsWith("finiteOutputs")).findFirst().orElseThrow();
        assertFalse(finite.passed());
        assertEquals(3, finite.actual());
    }

    @Test
    void nothingComparedNeverPasses() throws Exception {
        List<Verdict> verdicts = AccuracyGates.evaluate(defaults(), new AccuracyMetrics(List.of(), List.of(), null,
                List.of(), null), false);
        assertEquals(1, verdicts.size());
        assertFalse(verdicts.get(0).passed());
        assertTrue(verdicts.get(0).message().contains("no measured value"), verdicts.get(0).message());
    }

    @Test
    void servedModelsAreJudgedOnTheirAnswersAlone() throws Exception {
        AccuracyConfig config = new AccuracyConfig();
        config.setMinGenerationAgreement("0.9");
        AccuracySettings settings = AccuracySettings.from(config, List.of(), true);
        AccuracyMetrics answers = new AccuracyMetrics(List.of(), List.of(), new AccuracyMetrics.Generation(
                ServedAccuracy.ANSWER_TOKENS, 8, 3, 0.5, 0.0, List.of(1L), List.of(2L)), List.of(), null);
        List<Verdict> served = AccuracyGates.evaluate(settings, answers, true);
        assertEquals(List.of("minGenerationAgreement"), served.stream().map(Verdict::name).toList());
        assertEquals(Outcome.FAIL, served.get(0).verdict());
        assertTrue(served.get(0).detail().contains("3 answers of at most 8 tokens"), served.get(0).detail());
        // the same metrics from model files would lack their tensors: that never passes
        assertTrue(AccuracyGates.evaluate(settings, answers, false).stream()
                .anyMatch(v -> v.name().equals("maxRelativeError") && !v.passed()));
        // model files need a token input for the agreement; endpoints do not
        assertThrows(BenchmarkSetupException.class, () -> AccuracySettings.from(config, List.of(), false));
    }

    @Test
    void servedModelsNeedAGateOnAnswersAndNoneOnTensors() throws Exception {
        BenchmarkSetupException none = assertThrows(BenchmarkSetupException.class,
                () -> ServedAccuracy.requireAnswerGates(AccuracySettings.from(new AccuracyConfig(), List.of(), true)));
        assertTrue(none.getMessage().contains("<accuracy><minGenerationAgreement>")
                && none.getMessage().contains("<accuracy><maxTaskAccuracyDrop>"), none.getMessage());
        AccuracyConfig top1 = new AccuracyConfig();
        top1.setMinGenerationAgreement("0.9");
        top1.setMinTop1Agreement("0.9");
        assertTrue(assertThrows(BenchmarkSetupException.class, () -> ServedAccuracy.requireAnswerGates(
                AccuracySettings.from(top1, List.of(), true))).getMessage().startsWith("accuracy/minTop1Agreement"));
        AccuracyConfig gradients = new AccuracyConfig();
        gradients.setMaxTaskAccuracyDrop("0.1");
        gradients.setGradientFlow(true);
        assertTrue(assertThrows(BenchmarkSetupException.class, () -> ServedAccuracy.requireAnswerGates(
                AccuracySettings.from(gradients, List.of(), true))).getMessage().startsWith("accuracy/gradientFlow"));
        AccuracyConfig task = new AccuracyConfig();
        task.setMaxTaskAccuracyDrop("0.1");
        ServedAccuracy.requireAnswerGates(AccuracySettings.from(task, List.of(), true));
    }

    @Test
    void optionalGatesAppearOnlyWhenSet() throws Exception {
        AccuracyConfig config = new AccuracyConfig();
        config.setMinTop1Agreement("99%");
        config.setGradientFlow(true);
        AccuracySettings settings = AccuracySettings.from(config, List.of());
        List<Verdict> verdicts = AccuracyGates.evaluate(settings, new AccuracyMetrics(
                List.of(output(0.001, 0.9999, 0.98, 0)), stable(), null,
                List.of(new AccuracyMetrics.GradientFlow("baseline", 57, List.of(), List.of(), null),
                        new AccuracyMetrics.GradientFlow("candidate", 43, List.of("norm.weight"), List.of(), null)), null), false);
        Verdict top1 = verdicts.stream().filter(v -> v.name().startsWith("minTop1")).findFirst().orElseThrow();
        assertFalse(top1.passed(), "0.98 < 0.99");
        Verdict baseline = verdicts.stream().filter(v -> v.name().equals("gradientFlow[baseline]")).findFirst()
                .orElseThrow();
        assertTrue(baseline.passed());
        Verdict candidate = verdicts.stream().filter(v -> v.name().equals("gradientFlow[candidate]")).findFirst()
                .orElseThrow();
        assertFalse(candidate.passed());
        assertTrue(candidate.message().contains("norm.weight"), candidate.message());
    }

    @Test
    void aRunToRunDifferenceFailsStability() throws Exception {
        List<Verdict> verdicts = AccuracyGates.evaluate(defaults(), new AccuracyMetrics(
                List.of(output(0.001, 0.9999, 1, 0)),
                List.of(new AccuracyMetrics.Stability("candidate", 1e-3, 0.01, Double.NaN, Double.NaN)), null,
                List.of(), null), false);
        assertFalse(verdicts.get(verdicts.size() - 1).passed());
    }

    /** Items scored 1 or 0 by each model: {@code both} right by both, {@code onlyBaseline} right by the baseline alone. */
    private static AccuracyMetrics.Task task(int both, int onlyBaseline, int neither) {
        List<AccuracyMetrics.TaskItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < both + onlyBaseline + neither; i++) {
            double b = i < both + onlyBaseline ? 1 : 0;
            double c = i < both ? 1 : 0;
            items.add(new AccuracyMetrics.TaskItem(i + 1, "q" + i, List.of(), List.of("a"), "vqa", "x", "y", b, c));
        }
        return TaskAccuracy.summarize(items, 0.05);
    }

    @Test
    void taskDropIsDecidedOnItsBoundsAndNeverPassesWithoutItems() {
        Verdict missing = AccuracyGates.taskDrop(0.10, null);
        assertEquals(Outcome.FAIL, missing.verdict(), "no scored item must not pass");

        Verdict same = AccuracyGates.taskDrop(0.10, task(50, 0, 10));
        assertEquals(Outcome.PASS, same.verdict(), same.toString());
        assertTrue(same.upper() > 0 && same.lower() < 0, "never a zero-width interval: " + same);

        Verdict few = AccuracyGates.taskDrop(0.10, task(8, 0, 2));
        assertEquals(Outcome.INCONCLUSIVE, few.verdict(), "10 agreeing items cannot show a drop below 0.10: " + few);

        Verdict worse = AccuracyGates.taskDrop(0.10, task(30, 24, 6));
        assertEquals(Outcome.FAIL, worse.verdict(), "a 40-point drop over 60 items: " + worse);
        assertEquals(0.4, worse.actual(), 1e-12);
        assertTrue(worse.detail().contains("only the baseline gets right 24"), worse.detail());
    }

    @Test
    void taskDropThresholdAcceptsPercentagesAndRejectsNonsense() throws Exception {
        AccuracyConfig config = new AccuracyConfig();
        config.setMaxTaskAccuracyDrop("2%");
        assertEquals(0.02, AccuracySettings.from(config, List.of()).maxTaskAccuracyDrop(), 1e-12);
        config.setMaxTaskAccuracyDrop("lots");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> AccuracySettings.from(config, List.of()));
        assertTrue(e.getMessage().contains("accuracy/maxTaskAccuracyDrop"), e.getMessage());
    }
}
