package io.github.qwenbench.report;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.performance.PerformanceMetrics;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A failing performance result, with a hostile model path, for the report tests. */
final class ReportFixtures {

    static final String HOSTILE = "<script>alert('x')</script>";

    private ReportFixtures() {
    }

    static SuiteReport failingPerformance() {
        LatencySummary latency = new LatencySummary(200, 1.2, 1.6, 0.4, 0.25, 1.5, 2.0, 2.4, 4.0, 6.0, 7.0);
        PerformanceMetrics metrics = new PerformanceMetrics(List.of(
                new PerformanceMetrics.ModelPerformance("baseline", 80, 90, 20, latency, 625, 625, 1),
                new PerformanceMetrics.ModelPerformance("candidate", 50, 40, 20, latency, 310, 310, 1)),
                new RatioInterval(0.5, 0.47, 0.53, 0.95, 40, "rule"), PerformanceMetrics.METHOD,
                new SequentialComparison.Stop(true, "decided", 1000), 5,
                List.of(1.5, 1.6), List.of(3.0, 3.1));
        Verdict verdict = Verdict.judge("minSpeedup", 0.47, Comparison.AT_LEAST, 1.0,
                "lower bound of the interval; speedup 0.500, 95% interval [0.470, 0.530] from 40 block pairs");
        return new SuiteReport("performance", false, Instant.parse("2026-11-27T17:00:00Z"), 1234, null,
                List.of(new ModelFile("baseline", "/models/" + HOSTILE + ".pt", "<baseline><path>", "ab", 10),
                        new ModelFile("candidate", "/models/slow.pt", "<candidate><path>", "cd", 11)),
                Map.of("performance", Map.of("minSpeedup", 1.0)), Json.mapper().valueToTree(metrics),
                List.of(verdict), List.of(), "speedup 0.500 (95% interval [0.470, 0.530], 40 block pairs)", List.of(), null);
    }
}
