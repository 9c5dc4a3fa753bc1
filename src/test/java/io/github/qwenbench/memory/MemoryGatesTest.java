package io.github.qwenbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.MemorySettings;
import io.github.qwenbench.plan.ModelFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryGatesTest {

    private static final long MIB = 1024 * 1024;

    private static MemorySample sample(String role, int repetition, long idle, long load, long peak, double leak) {
        return new MemorySample(role, repetition, idle * MIB, load * MIB, peak * MIB, peak * MIB, leak, 0.9, 1, 2, 3,
                4, 64 * MIB, 64 * MIB, 10, 10e9, "test");
    }

    private static MemoryMetrics metrics(long[] baselinePeaks, long[] candidatePeaks, double leak) {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i < baselinePeaks.length; i++) {
            samples.add(sample("baseline", i + 1, 300, 370, baselinePeaks[i], 1000));
            samples.add(sample("candidate", i + 1, 300, 320, candidatePeaks[i], leak));
        }
        return MemoryMetrics.combine(samples);
    }

    private static MemorySettings settings() throws BenchmarkSetupException {
        return MemorySettings.from(new MemoryConfig());
    }

    @Test
    void combinesMediansSpreadsAndReductions() {
        MemoryMetrics m = metrics(new long[] {390, 380, 400, 390, 385}, new long[] {330, 331, 340, 330, 332}, 1500);
        MemoryMetrics.ModelMemory baseline = m.models().get(0);
        assertEquals(5, baseline.repetitions());
        assertEquals(90 * MIB, baseline.peakMinusIdle().median(), 1);
        assertEquals(70 * MIB, baseline.footprint().median(), 1);
        double geometricMean = Math.pow(30.0 / 90 * 31 / 80 * 40 / 100 * 30 / 90 * 32 / 85, 1 / 5.0);
        assertEquals(1 - geometricMean, m.peakMinusIdle().estimate(), 1e-9);
        assertTrue(m.peakMinusIdle().lower() < m.peakMinusIdle().estimate()
                && m.peakMinusIdle().estimate() < m.peakMinusIdle().upper(), m.peakMinusIdle().toString());
        assertEquals(5, m.peakMinusIdle().ratio().pairs());
        assertEquals(1 - 20.0 / 70, m.footprint().estimate(), 1e-9);
        assertEquals(64 * MIB / 0.01 / 10e9, m.bandwidth().models().get(0).fractionOfMachine(), 1e-9);
    }

    @Test
    void passesAClearReductionAndWarnsAboveMaxReduction() throws Exception {
        MemoryMetrics m = metrics(new long[] {390, 380, 400, 390, 385}, new long[] {330, 331, 340, 330, 332}, 1500);
        List<Verdict> verdicts = MemoryGates.evaluate(settings(), m);
        assertTrue(verdicts.stream().allMatch(Verdict::passed), verdicts.toString());
        assertTrue(MemoryGates.warnings(settings(), m).isEmpty(), "maxReduction is off by default");
        MemoryConfig config = new MemoryConfig();
        config.setMaxReduction("30%");
        List<String> warnings = MemoryGates.warnings(MemorySettings.from(config), m);
        assertTrue(warnings.get(0).contains("more than maxReduction (30%)"), warnings.toString());
    }

    @Test
    void theSameModelFailsAndAStraddlingSpreadIsInconclusive() throws Exception {
        MemoryMetrics same = metrics(new long[] {390, 392, 388, 390, 391}, new long[] {391, 389, 393, 390, 390}, 1500);
        Verdict reduction = MemoryGates.evaluate(settings(), same).get(0);
        assertEquals(Outcome.FAIL, reduction.verdict(), reduction.message());
        MemoryMetrics noisy = metrics(new long[] {390, 330, 420, 350, 400}, new long[] {370, 372, 371, 369, 370}, 1500);
        Verdict uncertain = MemoryGates.evaluate(settings(), noisy).get(0);
        assertEquals(Outcome.INCONCLUSIVE, uncertain.verdict(), uncertain.message());
        assertTrue(uncertain.message().contains("maxRepetitions"), uncertain.message());
    }

    /** Two of ten workers' candidate jumped above the threshold: the mean clears it, the median's sign rule does not. */
    @Test
    void skewedPairsAreInconclusiveForSkewAndSayWhichPairs() throws Exception {
        long[] baseline = {400, 400, 400, 400, 400, 400, 400, 400, 400, 400};
        MemoryMetrics m = metrics(baseline, new long[] {360, 361, 360, 390, 361, 360, 361, 392, 360, 361}, 1500);
        Verdict reduction = MemoryGates.evaluate(settings(), m).get(0);
        assertEquals(Outcome.INCONCLUSIVE, reduction.verdict(), reduction.message());
        assertEquals(io.github.qwenbench.gate.Undecided.SKEW, reduction.undecided());
        assertTrue(reduction.message().startsWith("minReduction[peakMinusIdle] is inconclusive because the pairs were"
                + " too skewed for the rule: its interval ["), reduction.message());
        assertTrue(reduction.message().contains("but 2 of 10 pairs [4, 8] on the other side of 0.8500 (the median's"
                + " sign rule allows at most 1 at 10 pairs)") && reduction.message().contains("raise <memory><repetitions>")
                && reduction.message().contains("skew check: 2 of 10 pairs against the mean, the sign rule allows 1;"
                        + " each side's error at most 0.05"), reduction.message());
        Verdict clear = MemoryGates.evaluate(settings(), metrics(baseline,
                new long[] {360, 361, 360, 362, 361, 360, 361, 362, 360, 361}, 1500)).get(0);
        assertEquals(Outcome.PASS, clear.verdict(), clear.message());
        assertTrue(clear.detail().contains("decided only where both rules clear the threshold"), clear.detail());
    }

    @Test
    void threePairsCannotDecideAnything() throws Exception {
        MemoryMetrics three = metrics(new long[] {390, 380, 400}, new long[] {330, 331, 340}, 1500);
        assertEquals(Outcome.INCONCLUSIVE, MemoryGates.evaluate(settings(), three).get(0).verdict());
    }

    /** The pruned fixtures: Linear weights exactly 50% zeros, fp32 and int8 (src/test/models/generate_sparse.py). */
    @Test
    void sparsityAndParameterRatioComeFromTheFiles() throws Exception {
        List<Capacity> capacity = List.of(Capacity.of(TestModels.model("baseline", "pruned-fp32.pt")),
                Capacity.of(TestModels.model("candidate", "pruned-int8.pt")));
        MemoryMetrics m = MemoryMetrics.combine(List.of(sample("baseline", 1, 300, 370, 390, 1000),
                sample("candidate", 1, 300, 320, 330, 1000)), capacity, null);
        assertEquals(17_824, capacity.get(0).bytes());
        assertEquals(0.48833, capacity.get(1).sparsity(), 1e-5, "2176 of 4456 values, int8 zeros at their zero point");
        assertEquals((4352 + 416) / 17_824.0, m.parameterRatio(), 1e-9);
        MemoryConfig config = new MemoryConfig();
        config.setMinSparsity("45%");
        config.setMaxParameterRatio("0.3");
        List<Verdict> verdicts = MemoryGates.evaluate(MemorySettings.from(config), m);
        assertEquals(Outcome.PASS, verdicts.stream().filter(v -> v.name().equals("minSparsity[candidate]")).findFirst()
                .orElseThrow().verdict());
        assertEquals(Outcome.PASS, verdicts.stream().filter(v -> v.name().equals("maxParameterRatio")).findFirst()
                .orElseThrow().verdict());
        config.setMinSparsity("60%");
        assertEquals(Outcome.FAIL, MemoryGates.evaluate(MemorySettings.from(config), m).stream()
                .filter(v -> v.name().equals("minSparsity[candidate]")).findFirst().orElseThrow().verdict());
    }

    @Test
    void aFileTheReaderCannotReadMeasuresNothingAndFailsTheSparsityGate() throws Exception {
        Capacity unreadable = Capacity.of(new io.github.qwenbench.plan.ModelFile("candidate", "/nonexistent/model.pt",
                "test", "x", 0));
        assertTrue(unreadable.unavailable() != null);
        MemoryConfig config = new MemoryConfig();
        config.setMinSparsity("10%");
        MemoryMetrics m = MemoryMetrics.combine(List.of(), List.of(unreadable, unreadable), null);
        Verdict v = MemoryGates.evaluate(MemorySettings.from(config), m).stream()
                .filter(g -> g.name().equals("minSparsity[candidate]")).findFirst().orElseThrow();
        assertEquals(Outcome.FAIL, v.verdict());
        assertTrue(Double.isNaN(v.actual()));
    }

    @Test
    void theGenerationPeakIsGatedOnItsPairedIntervalAndAbsentWithoutGeneration() throws Exception {
        long[] baselineGeneration = {420, 418, 425, 421, 419};
        long[] candidateGeneration = {350, 352, 349, 351, 350};
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i < baselineGeneration.length; i++) {
            samples.add(decoding(sample("baseline", i + 1, 300, 370, 390, 1000), baselineGeneration[i], 177_000));
            samples.add(decoding(sample("candidate", i + 1, 300, 320, 330, 1000), candidateGeneration[i], 55_000));
        }
        MemoryMetrics m = MemoryMetrics.combine(samples, List.of(), null);
        GenerationMemory.Model baseline = m.generationMemory().models().get(0);
        assertEquals(50 * MIB, baseline.peakMinusLoad().median(), 1, "420 MiB less 370 after load");
        assertEquals(177_000, baseline.kvCacheBytes().median());
        double geometricMean = Math.pow(30.0 / 50 * 32 / 48 * 29 / 55 * 31 / 51 * 30 / 49, 1 / 5.0);
        assertEquals(1 - geometricMean, m.generationPeakMinusLoad().estimate(), 1e-9);
        assertTrue(m.generation().startsWith("greedy answers to 3 samples of 32 tokens each"), m.generation());
        MemoryConfig config = new MemoryConfig();
        config.setReductionMetric(MemorySettings.GENERATION_METRIC);
        Verdict reduction = MemoryGates.evaluate(MemorySettings.from(config), m).get(0);
        assertEquals("minReduction[generationPeakMinusLoad]", reduction.name());
        assertEquals(Outcome.PASS, reduction.verdict(), reduction.message());
        assertEquals(m.generationPeakMinusLoad().lower(), reduction.lower(), 1e-12);

        MemoryMetrics none = metrics(new long[] {390, 380, 400, 390, 385}, new long[] {330, 331, 340, 330, 332}, 1);
        assertEquals(null, none.generationMemory());
        assertTrue(Double.isNaN(none.generationPeakMinusLoad().estimate()), "no figure, not a fake 0");
        assertEquals("not measured: no worker decoded", none.generation());
        assertFalse(new MemorySuite().headline(none).contains("generation"));
        assertTrue(new MemorySuite().htmlSection(none, null).contains("<p>Generation: not measured: no worker"
                + " decoded.</p>"));
        assertTrue(new MemorySuite().headline(m).endsWith("; reduction of generation peak minus load 39.9%"),
                new MemorySuite().headline(m));
    }

    private static MemorySample decoding(MemorySample s, long generationPeakMiB, long kvCacheBytes) {
        return new MemorySample(s.role(), s.repetition(), s.idleBytes(), s.afterLoadBytes(), s.peakBytes(),
                s.steadyBytes(), s.leakBytesPerInference(), s.leakFitRSquared(), s.heapUsedBytes(),
                s.heapCommittedBytes(), s.nonHeapUsedBytes(), s.nonHeapCommittedBytes(), s.fileBytes(),
                s.parameterBytes(), s.meanLatencyMillis(), s.machineBandwidthBytesPerSecond(), s.source(), null,
                new GenerationMemorySample(3, 32, generationPeakMiB * MIB, kvCacheBytes, 250,
                        io.github.qwenbench.decoding.DecodingMethod.KV_CACHE));
    }

    @Test
    void aLeakingCandidateFails() throws Exception {
        Verdict leak = MemoryGates.evaluate(settings(), metrics(new long[] {390, 380, 400},
                new long[] {330, 331, 340}, 262144)).get(1);
        assertFalse(leak.passed());
        assertTrue(leak.message().startsWith("maxLeakBytesPerInference[candidate] is 262144, but expected maximum is"
                + " 16384"), leak.message());
    }

    @Test
    void settingsAreValidated() {
        MemoryConfig config = new MemoryConfig();
        config.setReductionMetric("heap");
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> MemorySettings.from(config));
        assertTrue(e.getMessage().contains("peakMinusIdle, footprint, peak"), e.getMessage());
        MemoryConfig reversed = new MemoryConfig();
        reversed.setMaxReduction("10%");
        assertThrows(BenchmarkSetupException.class, () -> MemorySettings.from(reversed));
    }
}
