package io.github.qwenbench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.accuracy.AccuracyGates;
import io.github.qwenbench.accuracy.AccuracyMetrics;
import io.github.qwenbench.accuracy.AccuracyRunner;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.memory.Capacity;
import io.github.qwenbench.memory.MemoryGates;
import io.github.qwenbench.memory.MemoryMetrics;
import io.github.qwenbench.memory.MemoryRunner;
import io.github.qwenbench.memory.MemorySample;
import io.github.qwenbench.performance.PerformanceGates;
import io.github.qwenbench.performance.PerformanceMetrics;
import io.github.qwenbench.performance.PerformanceRunner;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.system.SystemGates;
import io.github.qwenbench.system.SystemMetrics;
import io.github.qwenbench.system.SystemRunner;
import io.github.qwenbench.system.SystemSample;
import io.github.qwenbench.scalability.ScalabilityGates;
import io.github.qwenbench.scalability.ScalabilityMetrics;
import io.github.qwenbench.scalability.ScalabilityRunner;
import io.github.qwenbench.scalability.ScalabilityTable;
import io.github.qwenbench.worker.WorkerLauncher;
import io.github.qwenbench.report.Json;
import io.github.qwenbench.report.ReportFiles;
import io.github.qwenbench.stats.SequentialComparison;
import java.nio.file.Path;
import java.util.ArrayList;
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

        @Override
        String headline(JsonNode metrics) {
            StringBuilder line = new StringBuilder();
            for (JsonNode output : metrics.path("outputs")) {
                line.append(line.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                        "%s: worst relative error %s, worst cosine %s over %d samples", output.path("output").asText(),
                        Verdict.format(output.path("worstRelativeL2Error").asDouble(Double.NaN)),
                        Verdict.format(output.path("worstCosineSimilarity").asDouble(Double.NaN)),
                        output.path("samples").asInt()));
            }
            return line.toString();
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

        @Override
        String headline(JsonNode metrics) {
            JsonNode s = metrics.path("speedup");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "speedup %.3f (%.0f%% interval [%.3f, %.3f], %d block pairs)", s.path("estimate").asDouble(),
                    100 * s.path("confidence").asDouble(), s.path("lower").asDouble(Double.NaN),
                    s.path("upper").asDouble(Double.NaN), s.path("pairs").asInt()));
            for (JsonNode model : metrics.path("models")) {
                line.append(String.format(Locale.ROOT, "; %s p50 %.3f ms, p99 %.3f ms", model.path("role").asText(),
                        model.path("latency").path("p50Millis").asDouble(Double.NaN),
                        model.path("latency").path("p99Millis").asDouble(Double.NaN)));
            }
            return line.toString();
        }
    },

    SCALABILITY(ScalabilityRunner::new) {
        @Override
        List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return ScalabilityGates.evaluate(plan.scalability(),
                    Json.mapper().treeToValue(metrics, ScalabilityMetrics.class));
        }

        @Override
        Object settings(BenchmarkPlan plan) {
            return plan.scalability();
        }

        @Override
        String headline(JsonNode metrics) {
            StringBuilder line = new StringBuilder();
            for (JsonNode curve : metrics.path("curves")) {
                JsonNode sizes = curve.path("sizes");
                JsonNode ratios = curve.path("throughputRatio");
                line.append(line.length() == 0 ? "" : "; ").append(curve.path("axis").asText()).append(' ');
                for (int i = 0; i < sizes.size(); i++) {
                    line.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d:%.2f", sizes.get(i).asInt(),
                            ratios.get(i).path("estimate").asDouble()));
                }
            }
            return "candidate/baseline throughput by point: " + line;
        }

        @Override
        List<String> tableLines(JsonNode metrics) {
            return ScalabilityTable.lines(metrics);
        }

        @Override
        List<String> warnings(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return ScalabilityGates.warnings(Json.mapper().treeToValue(metrics, ScalabilityMetrics.class));
        }
    },

    SYSTEM(SystemRunner::new) {
        /**
         * Each model serves the same load in its own worker, both alive at once and taking turns
         * (system.Turns); the workers get {@link #FIXED_MEMORY_JVM_ARGUMENTS}, so that memory growth
         * over the run is the model's.
         */
        @Override
        SuiteResult measure(WorkerLauncher launcher, BenchmarkPlan plan) throws BenchmarkSetupException {
            Path turns = launcher.newScratchDirectory("system-turns");
            List<String> arguments = new ArrayList<>(FIXED_MEMORY_JVM_ARGUMENTS);
            arguments.add("-D" + SystemRunner.TURNS_PROPERTY + "=" + turns);
            WorkerLauncher steadyMemory = launcher.withLeadingJvmArguments(arguments);
            List<SuiteResult> results = steadyMemory.runTogether(this, plan, List.of("baseline", "candidate"));
            SuiteResult baseline = results.get(0);
            SuiteResult candidate = results.get(1);
            SystemMetrics metrics = SystemMetrics.combine(workerMetrics(baseline, SystemSample.class),
                    workerMetrics(candidate, SystemSample.class), plan.system());
            return new SuiteResult(id(), baseline.startedAt(), Math.max(baseline.durationMillis(),
                    candidate.durationMillis()), baseline.system(), List.of(plan.baseline(), plan.candidate()),
                    Json.mapper().valueToTree(metrics), SuiteResult.warningsOf(results));
        }

        @Override
        List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return SystemGates.evaluate(plan.system(), Json.mapper().treeToValue(metrics, SystemMetrics.class));
        }

        @Override
        Object settings(BenchmarkPlan plan) {
            return plan.system();
        }

        @Override
        String headline(JsonNode metrics) {
            StringBuilder line = new StringBuilder();
            for (JsonNode model : metrics.path("models")) {
                line.append(String.format(Locale.ROOT, "%s %.1f req/s, p99 %.2f ms, drift %+.3f, CPU %.2f ms/inference,"
                        + " memory %+.1f MiB, %d errors; ", model.path("role").asText(),
                        model.path("throughput").asDouble(), model.path("latency").path("p99Millis").asDouble(),
                        model.path("drift").asDouble(), 1000 * model.path("cpuSecondsPerInference").asDouble(),
                        model.path("memoryGrowthBytes").asDouble() / 1048576, model.path("errors").asLong()));
            }
            JsonNode energy = metrics.path("models").path(1).path("energy");
            return line.append("energy ").append(energy.path("available").asBoolean()
                    ? String.format(Locale.ROOT, "%.4f J/inference", energy.path("joulesPerInference").asDouble())
                    : energy.path("source").asText()).toString();
        }
    },

    MEMORY(MemoryRunner::new) {
        /**
         * Each model alone, in a fresh worker per repetition; the order alternates between
         * repetitions. The workers get {@link #FIXED_MEMORY_JVM_ARGUMENTS} (the pom's jvmArgs come
         * later and win).
         */
        @Override
        SuiteResult measure(WorkerLauncher launcher, BenchmarkPlan plan) throws BenchmarkSetupException {
            WorkerLauncher fixedHeap = launcher.withLeadingJvmArguments(FIXED_MEMORY_JVM_ARGUMENTS);
            List<SuiteResult> runs = new ArrayList<>();
            List<MemorySample> samples = new ArrayList<>();
            double ratioThreshold = 1 - plan.memory().minReduction();
            var figure = MemoryMetrics.figure(plan.memory().reductionMetric());
            SequentialComparison.Stop stop = null;
            for (int repetition = 1; stop == null; repetition++) {
                List<String> order = repetition % 2 == 1 ? List.of("baseline", "candidate")
                        : List.of("candidate", "baseline");
                for (String role : order) {
                    SuiteResult run = fixedHeap.run(this, plan, role, repetition);
                    runs.add(run);
                    samples.add(workerMetrics(run, MemorySample.class));
                }
                SequentialComparison pairs = MemoryMetrics.pairs(samples, figure);
                stop = pairs.pairs() < repetition && repetition >= plan.memory().repetitions()
                        ? new SequentialComparison.Stop(false, "a figure was not positive", 0)
                        : pairs.stopNow(ratioThreshold, plan.memory().budget(), 0);
            }
            SuiteResult first = runs.get(0);
            return new SuiteResult(id(), first.startedAt(), runs.stream().mapToLong(SuiteResult::durationMillis).sum(),
                    first.system(), List.of(plan.baseline(), plan.candidate()),
                    Json.mapper().valueToTree(MemoryMetrics.combine(samples,
                            List.of(Capacity.of(plan.baseline()), Capacity.of(plan.candidate())))),
                    SuiteResult.warningsOf(runs));
        }

        @Override
        List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return MemoryGates.evaluate(plan.memory(), Json.mapper().treeToValue(metrics, MemoryMetrics.class));
        }

        @Override
        List<String> warnings(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
            return MemoryGates.warnings(plan.memory(), Json.mapper().treeToValue(metrics, MemoryMetrics.class));
        }

        @Override
        Object settings(BenchmarkPlan plan) {
            return plan.memory();
        }

        @Override
        String headline(JsonNode metrics) {
            StringBuilder line = new StringBuilder();
            for (JsonNode model : metrics.path("models")) {
                line.append(String.format(Locale.ROOT, "%s footprint %.1f MiB, peak %.1f MiB; ",
                        model.path("role").asText(), model.path("footprint").path("median").asDouble() / 1048576,
                        model.path("peak").path("median").asDouble() / 1048576));
            }
            line.append(String.format(Locale.ROOT, "reduction of peak minus idle %.1f%%",
                    100 * metrics.path("peakMinusIdle").path("estimate").asDouble()));
            for (JsonNode capacity : metrics.path("capacity")) {
                if (capacity.path("unavailable").isTextual()) {
                    continue;
                }
                line.append(String.format(Locale.ROOT, "; %s tensors %.2f MiB, %.2f%% zeros", capacity.path("role").asText(),
                        capacity.path("bytes").asDouble() / 1048576, 100 * capacity.path("sparsity").asDouble()));
            }
            double ratio = metrics.path("parameterRatio").asDouble(Double.NaN);
            return Double.isNaN(ratio) ? line.toString()
                    : line.append(String.format(Locale.ROOT, "; compression %.2fx", 1 / ratio)).toString();
        }
    };

    /**
     * Memory and system workers: a fixed, pre-touched heap, so heap growth is not read as the model's; and the
     * C1 compiler only, because C2's compilation arenas landed in whichever phase it happened to run
     * (seen here: after-load readings of one model 12 MiB apart; with C1 only, within 0.6 MiB).
     */
    private static final List<String> FIXED_MEMORY_JVM_ARGUMENTS = List.of("-Xms128m", "-Xmx128m",
            "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1");

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
        return ReportFiles.resultFile(java.nio.file.Path.of(""), id()).toString();
    }

    public SuiteRunner newRunner() {
        return runner.get();
    }

    /** One worker's metrics as {@code type}; a result of another form is a broken run. */
    <T> T workerMetrics(SuiteResult run, Class<T> type) throws BenchmarkSetupException {
        try {
            return Json.mapper().treeToValue(run.metrics(), type);
        } catch (JsonProcessingException e) {
            throw new BenchmarkSetupException("A " + id() + " worker's result is not in the expected form: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Runs the suite's workers (by default one, over both models) and returns what they measured. */
    SuiteResult measure(WorkerLauncher launcher, BenchmarkPlan plan) throws BenchmarkSetupException {
        return launcher.run(this, plan);
    }

    /** Extra lines for the console summary, e.g. a table of the curves. */
    List<String> tableLines(JsonNode metrics) {
        return List.of();
    }

    /** Findings that pass the gates but deserve a look. */
    List<String> warnings(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException {
        return List.of();
    }

    /** Judges the suite's metrics against the plan's thresholds. */
    abstract List<Verdict> gates(BenchmarkPlan plan, JsonNode metrics) throws JsonProcessingException;

    /** The suite's key figures in one line. */
    abstract String headline(JsonNode metrics);

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

    /** Parses a comma-separated list of suite names; blank means every suite. */
    public static List<Suite> parseList(String setting, String text) throws BenchmarkSetupException {
        if (text == null || text.isBlank()) {
            return List.of(values());
        }
        List<Suite> suites = new ArrayList<>();
        for (String name : text.split(",")) {
            String id = name.trim().toLowerCase(Locale.ROOT);
            Suite suite = java.util.Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new BenchmarkSetupException(setting + " names '" + name.trim()
                            + "', which is not a suite: use " + java.util.Arrays.stream(values()).map(Suite::id)
                                    .collect(java.util.stream.Collectors.joining(", ")) + "."));
            if (!suites.contains(suite)) {
                suites.add(suite);
            }
        }
        return suites;
    }
}
