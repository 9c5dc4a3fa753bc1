package io.github.qwenbench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import io.github.qwenbench.plan.SystemConfig;
import io.github.qwenbench.plan.SystemSettings;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The load on a stand-in model that takes a millisecond or more per request. */
class LoadGeneratorTest {

    private static SystemSettings settings(int users, String window, String arrivalRate) throws Exception {
        SystemConfig config = new SystemConfig();
        config.setUsers(users);
        config.setWindow(window);
        config.setDuration("1s");
        config.setArrivalRate(arrivalRate);
        return SystemSettings.from(config);
    }

    private static LoadGenerator load(SystemSettings settings, LoadGenerator.Request request,
            RequestOutcomes outcomes) {
        List<Predictor<NDList, NDList>> predictors = Collections.nCopies(settings.users(), null);
        return new LoadGenerator(settings, List.of(new NDList()), predictors, request, null, outcomes);
    }

    @Test
    void aClosedLoopCountsWhatCompletedAndWhatFailedInItsWindowAlone() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LoadGenerator.Request everyFifthFails = (predictor, input, since) -> {
            LockSupport.parkNanos(1_000_000);
            if (calls.incrementAndGet() % 5 == 0) {
                throw new IllegalStateException("boom");
            }
            return System.nanoTime();
        };
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        LoadGenerator load = load(settings(2, "200ms", null), everyFifthFails, outcomes);

        load.warmUp();
        assertEquals(0, outcomes.completed() + outcomes.failed(), "the warm-up is forgotten");
        LoadGenerator.Served served = load.serve(System.nanoTime(), 1);

        assertTrue(served.completed() > 10 && served.failed() > 2, served.toString());
        assertEquals(outcomes.completed(), served.completed());
        assertEquals(outcomes.failed(), served.failed());
        assertEquals(served.completed(), served.throughputCount(), "without answers, throughput counts requests");
        assertEquals(served.completed(), served.latency().getTotalCount());
        assertEquals(0, served.queueDepth(), "a closed loop has no queue");
        assertEquals(0, outcomes.dropped());
    }

    @Test
    void anOpenLoopAboveCapacityQueuesAndDropsWhatIsLeftAndCountsLatencyFromArrival() throws Exception {
        LoadGenerator.Request fiveMillis = (predictor, input, since) -> {
            LockSupport.parkNanos(5_000_000);
            return System.nanoTime();
        };
        RequestOutcomes outcomes = new RequestOutcomes(null, 0);
        // 2000 requests/s against one thread that serves at most 200/s
        LoadGenerator load = load(settings(1, "100ms", "2000"), fiveMillis, outcomes);

        load.warmUp();
        LoadGenerator.Served served = load.serve(System.nanoTime(), 7);

        assertTrue(served.queueDepth() > 50, served.toString());
        assertTrue(outcomes.dropped() > 0, "arrivals still queued when the window's patience ran out");
        assertEquals(outcomes.dropped(), served.failed(), "every dropped request failed, and nothing else");
        assertTrue(served.latency().getValueAtPercentile(50) > 20_000_000L, "the queueing counts in the latency");
        assertTrue(outcomes.errorMessages().containsKey("still queued when the run ended (open loop above capacity)"));
    }
}
