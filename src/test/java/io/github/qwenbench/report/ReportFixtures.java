package io.github.qwenbench.report;

import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.performance.PerformanceMetrics;
import io.github.qwenbench.plan.ModelFile;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.suite.SuiteReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Results for the report tests: a failing performance result with a hostile model path, and plain suites. */
final class ReportFixtures {

    static final String HOSTILE = "<script>alert('x')</script>";
    static final String RUN = "20261127-170000-000";

    private ReportFixtures() {
    }

    static SuiteReport failingPerformance() {
        LatencySummary latency = new LatencySummary(200, 1.2, 1.6, 0.4, 0.25, 1.5, 2.0, 2.4, 4.0, 6.0, 7.0);
        PerformanceMetrics metrics = new PerformanceMetrics(List.of(
                new PerformanceMetrics.ModelPerformance("baseline", 80, 90, 20, latency, 625, 625, 1),
                new PerformanceMetrics.ModelPerformance("candidate", 50, 40, 20, latency, 310, 310, 1)),
                new RatioInterval(0.5, 0.47, 0.53, 0.95, 40, "rule"), PerformanceMetrics.METHOD,
                new SequentialComparison.Stop(true, "decided", 1000), 5,
                List.of(1.5, 1.6), List.of(3.0, 3.1), 1, null, 0);
        Verdict verdict = Verdict.judge("minSpeedup", 0.47, Comparison.AT_LEAST, 1.0,
                "lower bound of the interval; speedup 0.500, 95% interval [0.470, 0.530] from 40 block pairs");
        return new SuiteReport("performance", RUN, false, Instant.parse("2026-11-27T17:00:00Z"), 1234, null,
                List.of(new ModelFile("baseline", "/models/" + HOSTILE + ".pt", "<baseline><path>", "ab", 10),
                        new ModelFile("candidate", "/models/slow.pt", "<candidate><path>", "cd", 11)),
                Map.of("performance", Map.of("minSpeedup", 1.0)), Json.mapper().valueToTree(metrics),
                List.of(verdict), List.of(), "speedup 0.500 (95% interval [0.470, 0.530], 40 block pairs)", List.of(), null);
    }

    static final List<ModelFile> QWEN = List.of(
            new ModelFile("baseline", "/work/demo/../src/test/models/baseline.pt", "<baseline><path>", "11aa", 9_000_000),
            new ModelFile("candidate", "/work/demo/../src/test/models/optimized.pt", "<candidate><path>", "22bb", 4_500_000));
    static final List<ModelFile> LARGE = List.of(
            new ModelFile("baseline", "/work/target/qwen-bench/models/large-fp32.pt", "large-fp32.zip", "33cc", 67_109_000),
            new ModelFile("candidate", "/work/target/qwen-bench/models/large-int8.pt", "large-int8.zip", "44dd", 17_000_000));

    /** A suite result with the given gates and no metrics. */
    static SuiteReport suite(String suite, String runId, List<ModelFile> models, Verdict... gates) {
        return new SuiteReport(suite, runId, List.of(gates).stream().allMatch(Verdict::passed) && gates.length > 0,
                Instant.parse("2026-11-27T17:00:00Z"), 1000, null, models, Map.of(), Json.mapper().createObjectNode(),
                List.of(gates), List.of(), suite + " headline", List.of(), null);
    }

    static Verdict pass(String name) {
        return Verdict.judge(name, 0.5, Comparison.AT_MOST, 1, "measured");
    }

    static Verdict fail(String name) {
        return Verdict.judge(name, 2, Comparison.AT_MOST, 1, "measured");
    }

    /** An interval [0.97, 1.08] around the threshold 1.0: no decision. */
    static Verdict inconclusive(String name) {
        return Verdict.decide(name, new RatioInterval(1.02, 0.97, 1.08, 0.95, 12, "rule"), Comparison.AT_LEAST, 1.0,
                "throughput ratio");
    }
}
