package io.github.qwenbench.stats;

import static io.github.qwenbench.stats.MonteCarlo.assertRate;
import static io.github.qwenbench.stats.MonteCarlo.block;
import static io.github.qwenbench.stats.MonteCarlo.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The drift gate's paired rank test. Turns are log-normal (spread 0.05), and in "preempted" runs each
 * turn of either model is, independently with chance 0.1, three times slower. Figures measured with
 * these seeds (driftFloor 0.10):
 * <ul>
 * <li>at the boundary (the ratio changes by exactly +0.10 over the run), alpha 0.05: 2.6% over 24
 *     normal pairs, the near side's exact alpha / 2 (the p-value doubles the smaller one-sided one);
 *     3.05% over 12 preempted pairs, where the far side adds a little: at most alpha either way;</li>
 * <li>identical models, preempted, alpha 0.01: 0.3% at 12 pairs; both models falling 40% over the run
 *     (the machine's drift, which cancels in the ratio): 0.15%;</li>
 * <li>power against a candidate whose throughput falls 30% over the run (both preempted), alpha 0.01:
 *     27% at 12 pairs, 52% at 24, 84% at 48 (the old rule: 2-7%);</li>
 * </ul>
 * Not covered: log ratios correlated from pair to pair. With AR(1) 0.5 noise at the boundary the test
 * rejects 2.1% of the time at 12 pairs and 2.5% at 24 (alpha 0.01): above the 0.5% of independent
 * noise, still below alpha here, but stronger or longer correlation can exceed it.
 *
 * <p>Pure arithmetic: its Monte-Carlo methods run side by side (src/test/resources/junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class PairedDriftTest {

    /**
     * One run of {@code pairs} pairs: the candidate's throughput times {@code exp(change x i / n)} (log
     * trend) or, when {@code linearFall} is set, times {@code 1 - linearFall x i / (n - 1)}.
     */
    private static PairedDrift run(SplittableRandom random, int pairs, double change, double linearFall,
            double machineFall, double preempted, double autocorrelation, double alpha) {
        double[] baseline = new double[pairs];
        double[] candidate = new double[pairs];
        double ar = 0;
        for (int i = 0; i < pairs; i++) {
            double machine = 1 - machineFall * i / (pairs - 1.0);
            double trend = Math.exp(change * i / pairs) * (1 - linearFall * i / (pairs - 1.0));
            baseline[i] = 200 * machine * block(random, 0.05, preempted);
            ar = autocorrelation * ar + 0.05 * random.nextGaussian();
            double noise = autocorrelation == 0 ? block(random, 0.05, preempted) : Math.exp(ar);
            candidate[i] = 180 * machine * trend * noise;
        }
        return PairedDrift.test(baseline, candidate, 0.10, alpha);
    }

    @Test
    void atTheBoundaryTheTestRejectsAtItsAlpha() {
        SplittableRandom random = new SplittableRandom(21);
        assertRate("boundary +0.10, 24 normal pairs, alpha 0.05: the near side's exact alpha / 2", rate(2000,
                () -> run(random, 24, 0.10, 0, 0, 0, 0, 0.05).rejects()), 2000, 0.025, 3);
        assertRate("boundary +0.10, 12 preempted pairs, alpha 0.05: alpha / 2 and a little of the far side",
                rate(2000, () -> run(random, 12, 0.10, 0, 0, 0.1, 0, 0.05).rejects()), 2000, 0.028, 3);
    }

    @Test
    void identicalModelsAndMachineDrift() {
        SplittableRandom random = new SplittableRandom(22);
        assertRate("identical preempted models, 12 pairs", rate(2000,
                () -> run(random, 12, 0, 0, 0, 0.1, 0, 0.01).rejects()), 2000, 0.003, 3);
        assertRate("both models falling 40% (the machine), 12 preempted pairs", rate(2000,
                () -> run(random, 12, 0, 0, 0.4, 0.1, 0, 0.01).rejects()), 2000, 0.003, 3);
    }

    @Test
    void powerAgainstACandidateFalling30Percent() {
        SplittableRandom random = new SplittableRandom(23);
        assertRate("candidate falling 30%, 12 preempted pairs", rate(1000,
                () -> run(random, 12, 0, 0.3, 0, 0.1, 0, 0.01).rejects()), 1000, 0.27, 4);
        assertRate("candidate falling 30%, 24 preempted pairs", rate(1000,
                () -> run(random, 24, 0, 0.3, 0, 0.1, 0, 0.01).rejects()), 1000, 0.52, 4);
        assertRate("candidate falling 30%, 48 preempted pairs", rate(300,
                () -> run(random, 48, 0, 0.3, 0, 0.1, 0, 0.01).rejects()), 300, 0.84, 4);
    }

    /** Documents the case not covered: autocorrelated ratios make the test too eager. */
    @Test
    void autocorrelatedRatiosAreNotCovered() {
        SplittableRandom random = new SplittableRandom(24);
        assertRate("boundary, AR(1) 0.5, 12 pairs", rate(2000,
                () -> run(random, 12, 0.10, 0, 0, 0, 0.5, 0.01).rejects()), 2000, 0.021, 4);
        assertRate("boundary, AR(1) 0.5, 24 pairs", rate(2000,
                () -> run(random, 24, 0.10, 0, 0, 0, 0.5, 0.01).rejects()), 2000, 0.025, 4);
    }

    @Test
    void fewPairsCannotRejectAndTheChangeIsTheilSens() {
        PairedDrift four = PairedDrift.test(new double[] {100, 100, 100, 100}, new double[] {100, 80, 60, 40}, 0.10,
                0.01);
        assertFalse(four.canReject());
        assertFalse(four.rejects());
        double[] baseline = new double[10];
        double[] candidate = new double[10];
        for (int i = 0; i < 10; i++) {
            baseline[i] = 100 * (1 - 0.05 * i);
            candidate[i] = baseline[i] * Math.exp(-0.05 * i) * (i == 3 ? 3 : 1);
        }
        PairedDrift falling = PairedDrift.test(baseline, candidate, 0.10, 0.01);
        assertTrue(falling.canReject());
        assertEquals(-0.50, falling.change(), 1e-9, "slope -0.05 per pair over 10 pairs; the outlier ignored");
        assertTrue(falling.rejects(), "p " + falling.pValue());
    }
}
