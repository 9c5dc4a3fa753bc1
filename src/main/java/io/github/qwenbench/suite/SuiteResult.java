package io.github.qwenbench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.ModelFile;
import java.time.Instant;
import java.util.List;

/**
 * What the worker measured for one suite, before any verdict.
 *
 * @param suite the suite's name
 * @param startedAt when the worker started measuring
 * @param durationMillis how long the suite ran in the worker
 * @param system the worker's machine and runtime
 * @param models the models measured
 * @param metrics the suite's metrics
 * @param warnings findings about the set-up, e.g. engine threads adjusted to the free cores
 */
public record SuiteResult(String suite, Instant startedAt, long durationMillis, HostInfo system,
        List<ModelFile> models, JsonNode metrics, List<String> warnings) {

    /** One result of both models from several workers' runs: their combined metrics and all their warnings. */
    public static SuiteResult combined(String suite, Instant startedAt, long durationMillis, HostInfo system,
            BenchmarkPlan plan, Object metrics, List<SuiteResult> runs) {
        return new SuiteResult(suite, startedAt, durationMillis, system, List.of(plan.baseline(), plan.candidate()),
                Json.mapper().valueToTree(metrics), warningsOf(runs));
    }

    /** The distinct warnings of several workers' results. */
    public static List<String> warningsOf(List<SuiteResult> results) {
        return results.stream().flatMap(r -> r.warnings() == null ? java.util.stream.Stream.empty()
                : r.warnings().stream()).distinct().toList();
    }

    /** This worker's metrics as {@code type}; a result of another form is a broken run. */
    public <T> T metrics(Class<T> type) throws BenchmarkSetupException {
        try {
            return Json.mapper().treeToValue(metrics, type);
        } catch (JsonProcessingException e) {
            throw new BenchmarkSetupException("A " + suite + " worker's result is not in the expected form: "
                    + e.getOriginalMessage(), e);
        }
    }
}
