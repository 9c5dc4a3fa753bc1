package io.github.qwenbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairBudgetTest {

    private static PairBudget auto() throws BenchmarkSetupException {
        return PairBudget.from("scalability", null, 1000, "120s", "auto", 0.95);
    }

    @Test
    void theFewestPairsThatCanDecideAreTheDefaultMinimum() throws Exception {
        assertEquals(9, auto().minPairs());
        assertEquals(13, PairBudget.from("performance", null, 1000, "60s", null, 0.99).minPairs());
    }

    /** Blocks of about 15 ms of the slower model, shorter when 4 x minPairs pairs must fit in a small share. */
    @Test
    void blocksFollowTheModelsCost() throws Exception {
        PairBudget budget = auto();
        assertEquals(15, budget.blockSizeFor(1.0, 30_000), "a 1 ms model: 15 inferences per block");
        assertEquals(1, budget.blockSizeFor(50.0, 30_000), "a 50 ms model: one inference per block");
        assertEquals(2, budget.blockSizeFor(10.0, 3_000), "a 10 ms model in 3 s: 4 x 9 pairs of 4 x 2 x 10 ms fit");
        assertEquals(1, budget.blockSizeFor(10.0, 2_000), "in 2 s only blocks of one inference leave that room");
        assertEquals(5, PairBudget.from("scalability", null, 1000, "120s", "5", 0.95).blockSizeFor(50.0, 100),
                "a configured size is kept");
    }

    @Test
    void aComparisonTooCostlyForItsShareSaysSoBeforeMeasuring() throws Exception {
        PairBudget budget = auto();
        assertNull(budget.tooCostly("batch=8", 400, 1, 15_000), "9 pairs of 4 x 400 ms fit in 15 s");
        String message = budget.tooCostly("batch=8", 400, 1, 5_000);
        assertEquals("batch=8: one inference takes 400.0 ms, so the 9 pairs of four 1-inference blocks that can"
                + " decide need about 14.4 s, but its share of the scalability ceiling is 5.0 s; nothing was measured. To"
                + " decide, raise <scalability><maxDuration> (now 2m) or <maxPairs> (now 1000), or measure fewer"
                + " points", message);
        PairBudget hardware = new PairBudget("hardware", "scalability", 9, 1000, 30_000, 0);
        assertTrue(hardware.raise().contains("<hardware><maxDuration> (now 30s) or <scalability><maxPairs>"),
                hardware.raise());
    }

    @Test
    void budgetsThatCanNeverDecideAreRefused() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> PairBudget.from("generation", 5, 200, "60s", "1", 0.95));
        assertEquals("generation/minPairs is 5, but at confidence 0.95 no fewer than 9 pairs can decide anything:"
                + " raise it to 9 or more, or leave it empty.", e.getMessage());
        e = assertThrows(BenchmarkSetupException.class, () -> PairBudget.from("scalability", null, 8, "60s", "auto",
                0.95));
        assertTrue(e.getMessage().startsWith("scalability/maxPairs is 8, below the 9 pairs"), e.getMessage());
        e = assertThrows(BenchmarkSetupException.class, () -> PairBudget.from("scalability", null, 100, "60s", "0",
                0.95));
        assertEquals("scalability/blockSize is 0, but it must be at least 1.", e.getMessage());
    }
}
