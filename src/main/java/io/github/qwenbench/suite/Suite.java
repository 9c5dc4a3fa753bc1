package io.github.qwenbench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.accuracy.AccuracyGates;
import io.github.qwenbench.accuracy.AccuracyMetrics;
import io.github.qwenbench.accuracy.AccuracyRunner;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.performance.PerformanceGates;
import io.github.qwenbench.performance.PerformanceMetrics;
import io.github.qwenbench.performance.PerformanceRunner;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.report.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;

/** The benchmark suites: each has a runner (worker side) and gates (Maven side). */
public enum Suite {

    ACCURACY(AccuracyRunner::new) {
        @Override
        List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return AccuracyGates.evaluate(plan.accuracy(), Json.mapper().treeToValue(metrics, AccuracyMetrics.class));
        }

        @Override
        Object settings(BenchmarkPlan plan) {
            return plan.accuracy();
        }
    },

    PERFORMANCE(PerformanceRunner::new) {
        @Override
        List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return PerformanceGates.evaluate(plan.performance(),
                    Json.mapper().treeToValue(metrics, PerformanceMetrics.class));
        }

        @Override
        Object settings(BenchmarkPlan plan) {
            return plan.performance();
        }
    };

    private final Supplier<SuiteRunner> runner;

    Suite(Supplier<SuiteRunner> runner) {
        this.runner = runner;
    }

    /** The suite's name, as in goals and file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The seed's file name: {@code <suite>_benchmark_results.json}. */
    public String resultFileName() {
        return id() + "_benchmark_results.json";
    }

    public SuiteRunner newRunner() {
        return runner.get();
    }

    /** Judges the suite's metrics against the plan's thresholds. */
    abstract List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException;

    /** The suite's own settings, for the result's {@code config}. */
    abstract Object settings(BenchmarkPlan plan);

    /** What the result file records of the configuration: inputs, seed, engine and the suite's settings. */
    Map<String, Object> config(BenchmarkPlan plan) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("inputs", plan.inputs());
        config.put("seed", plan.seed());
        config.put("engine", plan.engine());
        config.put(id(), settings(plan));
        return config;
    }

    public static Suite parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
