package io.github.qwenbench.stats;

import static io.github.qwenbench.stats.MonteCarlo.assertRate;
import static io.github.qwenbench.stats.MonteCarlo.block;
import static io.github.qwenbench.stats.MonteCarlo.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CV gate's paired rank test. Blocks are log-normal with a given spread, and in the "preempted"
 * runs each block of either model is, independently with chance 0.1, three times slower. Figures
 * measured with these seeds (alpha 0.01, factor 2, cvFloor 0.10 unless said):
 * <ul>
 * <li>identical models, factor 1, floor 0, alpha 0.05, 24 preempted pairs: 4.4% against the test's
 *     exact level given the ranks, 4.9% on average over the runs (1.4 standard errors apart);</li>
 * <li>identical models at the defaults, 12 preempted pairs: 0 false FAILs in 4000 runs (the old rule:
 *     6.3%);</li>
 * <li>at the boundary (baseline spread 0.05, candidate 2 x 0.05 + 0.10 = 0.20, 12 normal pairs): about
 *     0.08%, well below alpha: rho0 is estimated from the baseline's own deviations, which the statistic
 *     then ranks, and the two errors partly cancel;</li>
 * <li>power against a much more variable candidate (spread 0.5, baseline 0.05, both preempted): about
 *     14% at 12 pairs, 47% at 24, 86% at 48; at spread 1.0, 36% at 12 pairs. Scale is hard to judge
 *     from a dozen blocks at alpha 0.01: raise the blocks (maxIterations) to judge it better.</li>
 * </ul>
 * Not covered: blocks that are not exchangeable within a pair (one model always first in a pair that
 * the machine treats differently); the pairs alternate A B, B A for that reason.
 */
class PairedDispersionTest {

    private static PairedDispersion run(SplittableRandom random, int pairs, double baselineSpread,
            double candidateSpread, double preempted, double factor, double floor, double alpha) {
        double[] baseline = new double[pairs];
        double[] candidate = new double[pairs];
        for (int k = 0; k < pairs; k++) {
            baseline[k] = 100 * block(random, baselineSpread, preempted);
            candidate[k] = 130 * block(random, candidateSpread, preempted);
        }
        return PairedDispersion.test(baseline, candidate, factor, floor, alpha);
    }

    @Test
    void identicalModelsRejectAtTheTestsExactLevel() {
        SplittableRandom random = new SplittableRandom(11);
        int runs = 3000;
        double[] level = {0};
        double rate = rate(runs, () -> {
            PairedDispersion test = run(random, 24, 0.05, 0.05, 0.1, 1, 0, 0.05);
            level[0] += test.level() / runs;
            return test.rejects();
        });
        assertTrue(level[0] > 0.045 && level[0] <= 0.05, "mean exact level " + level[0]);
        assertRate("identical preempted models, factor 1, floor 0, alpha 0.05, 24 pairs", rate, runs, level[0], 3);
    }

    @Test
    void identicalModelsAtTheDefaultsAndTheBoundary() {
        SplittableRandom random = new SplittableRandom(12);
        assertRate("identical preempted models at the defaults, 12 pairs", rate(4000,
                () -> run(random, 12, 0.05, 0.05, 0.1, 2, 0.10, 0.01).rejects()), 4000, 0, 3);
        assertRate("boundary: candidate spread 0.20 = 2 x 0.05 + 0.10, 12 pairs", rate(4000,
                () -> run(random, 12, 0.05, 0.20, 0, 2, 0.10, 0.01).rejects()), 4000, 0.001, 3);
    }

    @Test
    void powerAgainstAMuchMoreVariableCandidate() {
        SplittableRandom random = new SplittableRandom(13);
        assertRate("candidate spread 0.5, 12 pairs", rate(1000,
                () -> run(random, 12, 0.05, 0.5, 0.1, 2, 0.10, 0.01).rejects()), 1000, 0.14, 4);
        assertRate("candidate spread 0.5, 24 pairs", rate(1000,
                () -> run(random, 24, 0.05, 0.5, 0.1, 2, 0.10, 0.01).rejects()), 1000, 0.47, 4);
        assertRate("candidate spread 0.5, 48 pairs", rate(500,
                () -> run(random, 48, 0.05, 0.5, 0.1, 2, 0.10, 0.01).rejects()), 500, 0.86, 4);
        assertRate("candidate spread 1.0, 12 pairs", rate(1000,
                () -> run(random, 12, 0.05, 1.0, 0.1, 2, 0.10, 0.01).rejects()), 1000, 0.36, 4);
    }

    /** The least p-value is 2^-n: at 0.01 six pairs cannot reject, seven can. */
    @Test
    void tooFewPairsCannotReject() {
        double[] baseline = {100, 101, 99, 100.5, 99.5, 100.2};
        double[] wild = {10, 1000, 50, 500, 5, 900};
        PairedDispersion six = PairedDispersion.test(baseline, wild, 2, 0.10, 0.01);
        assertFalse(six.canReject());
        assertFalse(six.rejects());
        assertEquals(1.0 / 64, six.pValue(), 1e-12, "every pair's candidate deviation is the larger");
        assertTrue(PairedDispersion.test(new double[7], new double[7], 2, 0.10, 0.01).pairs() == 7
                && new PairedDispersion(0.1, 1, 0.3, 1, 0, 7, 0.01).canReject(), "2^-7 < 0.01");
        PairedDispersion eight = PairedDispersion.test(new double[] {100, 101, 99, 100.5, 99.5, 100.2, 100.1, 99.9},
                new double[] {10, 1000, 50, 500, 5, 900, 2000, 3}, 2, 0.10, 0.01);
        assertEquals(1.0 / 256, eight.pValue(), 1e-12);
        assertTrue(eight.rejects());
        assertEquals(0.6 / 0.6745, PairedDispersion.test(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 2, 0.6,
                0.01).allowedSpread(), 0.5, "a constant baseline: no spread, nothing to test");
    }
}
