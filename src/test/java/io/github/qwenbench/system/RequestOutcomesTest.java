package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outcomes of requests: counts, latencies and why requests failed. */
class RequestOutcomesTest {

    @Test
    void completedRequestsAreCountedWithTheirLatencies() {
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        outcomes.served(2_000_000);
        outcomes.served(4_000_000);

        assertEquals(2, outcomes.completed());
        assertEquals(2, outcomes.throughputCount(), "without answers, throughput counts requests");
        assertEquals(2, outcomes.latencySinceLastCall().getTotalCount());
        assertEquals(0, outcomes.latencySinceLastCall().getTotalCount(),
                "each call takes the latencies since the one before");
        assertNull(outcomes.generation(1), "no answers, no answer figures");
    }

    @Test
    void goodputCountsTheRequestsWithinTheObjectiveOverAllRequests() {
        RequestOutcomes outcomes = new RequestOutcomes(null, 3);
        outcomes.served(1_000_000);
        outcomes.served(3_000_000); // at the objective: kept
        outcomes.served(3_000_001);
        outcomes.failed(new RuntimeException("HTTP 503")); // a failure never keeps it
        SystemSample.Goodput goodput = outcomes.goodput(2);
        assertEquals(3, goodput.objectiveMillis());
        assertEquals(2, goodput.requests());
        assertEquals(1.0, goodput.perSecond(), 1e-12);
        assertEquals(0.5, goodput.share(), 1e-12);
        outcomes.reset();
        assertEquals(0, outcomes.goodput(1).requests(), "the warm-up is forgotten");
        assertNull(new RequestOutcomes(null, 0).goodput(1), "no objective, no goodput figure");
    }

    @Test
    void theEnginesReasonIsKeptWithoutTheModelOrTheAdvice() {
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        outcomes.failed(new IllegalStateException("The candidate model m.pt rejected its inputs [x int64(1, 4)]:"
                + " builtins.RuntimeError: too long. Check <inputs> (1 configured): names, shapes and dtypes"));
        outcomes.failed(new IllegalStateException("The candidate model m.pt rejected its inputs [x int64(1, 9)]:"
                + " builtins.RuntimeError: too long. Check <inputs> (1 configured): names, shapes and dtypes"));
        outcomes.failed(new IllegalStateException());

        assertEquals(3, outcomes.failed());
        assertEquals(Map.of("builtins.RuntimeError: too long", 2L, "IllegalStateException", 1L),
                outcomes.errorMessages());
        assertEquals("builtins.RuntimeError: too long", outcomes.errorMessages().keySet().iterator().next(),
                "the most frequent first");
    }

    @Test
    void theTenMostFrequentMessagesThenTheDroppedRequests() {
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        for (int m = 0; m < 12; m++) {
            for (int i = 0; i <= m; i++) {
                outcomes.failed(new RuntimeException("reason " + m));
            }
        }
        outcomes.dropped(5);

        List<String> messages = List.copyOf(outcomes.errorMessages().keySet());
        assertEquals(11, messages.size());
        assertEquals("reason 11", messages.get(0));
        assertEquals("reason 2", messages.get(9));
        assertEquals("still queued when the run ended (open loop above capacity)", messages.get(10));
        assertEquals(5, outcomes.dropped());
        assertEquals(78 + 5, outcomes.failed(), "dropped requests failed too");
    }

    @Test
    void theWarmUpIsForgotten() {
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        outcomes.served(1_000_000);
        outcomes.failed(new RuntimeException("boom"));
        outcomes.dropped(3);
        outcomes.reset();

        assertEquals(0, outcomes.completed());
        assertEquals(0, outcomes.failed());
        assertEquals(Map.of(), outcomes.errorMessages());
        assertEquals(0, outcomes.latencySinceLastCall().getTotalCount());
    }
}
