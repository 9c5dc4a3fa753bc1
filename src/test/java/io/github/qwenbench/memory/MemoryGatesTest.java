package io.github.qwenbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.MemoryConfig;
import io.github.qwenbench.plan.MemorySettings;
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
        MemoryMetrics m = metrics(new long[] {390, 380, 400}, new long[] {330, 331, 340}, 1500);
        MemoryMetrics.ModelMemory baseline = m.models().get(0);
        assertEquals(3, baseline.repetitions());
        assertEquals(90 * MIB, baseline.peakMinusIdle().median(), 1);
        assertEquals(70 * MIB, baseline.footprint().median(), 1);
        assertEquals(1 - 31.0 / 90, m.peakMinusIdle().estimate(), 1e-9);
        assertEquals(1 - 40.0 / 80, m.peakMinusIdle().lowest(), 1e-9);
        assertEquals(1 - 30.0 / 100, m.peakMinusIdle().highest(), 1e-9);
        assertEquals(1 - 20.0 / 70, m.footprint().estimate(), 1e-9);
        assertEquals(64 * MIB / 0.01 / 10e9, m.bandwidth().models().get(0).fractionOfMachine(), 1e-9);
    }

    @Test
    void passesAClearReductionAndWarnsAboveMaxReduction() throws Exception {
        MemoryMetrics m = metrics(new long[] {390, 380, 400}, new long[] {330, 331, 340}, 1500);
        List<Verdict> verdicts = MemoryGates.evaluate(settings(), m);
        assertTrue(verdicts.stream().allMatch(Verdict::passed), verdicts.toString());
        assertEquals(1, MemoryGates.warnings(settings(), m).size());
        assertTrue(MemoryGates.warnings(settings(), m).get(0).contains("more than maxReduction (30%)"));
    }

    @Test
    void theSameModelFailsAndAStraddlingSpreadIsCalledUncertain() throws Exception {
        MemoryMetrics same = metrics(new long[] {390, 392, 388}, new long[] {391, 389, 393}, 1500);
        Verdict reduction = MemoryGates.evaluate(settings(), same).get(0);
        assertFalse(reduction.passed());
        MemoryMetrics noisy = metrics(new long[] {390, 330, 420}, new long[] {370, 372, 371}, 1500);
        Verdict uncertain = MemoryGates.evaluate(settings(), noisy).get(0);
        assertTrue(uncertain.message().contains("uncertain"), uncertain.message());
        assertFalse(uncertain.passed(), "a median reduction of 21% is not enough when the spread allows a gain");
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
