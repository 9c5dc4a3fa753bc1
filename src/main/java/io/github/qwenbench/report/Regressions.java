package io.github.qwenbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.stats.RatioInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares this run's headline figures with a previous run's ({@code <compareTo>}, e.g. the
 * {@code all_benchmark_results.json} of the main branch) and turns every figure that got worse
 * beyond a tolerance into a failed gate. Figures with an interval are decided like every comparison:
 * FAIL only when this run's whole interval lies below the previous estimate less the tolerance,
 * INCONCLUSIVE while it straddles it.
 */
public final class Regressions {

    /** The pseudo-suite under which the comparison's gates are reported. */
    public static final String SUITE = "comparison";

    private Regressions() {
    }

    /** Reads a previous {@code all_benchmark_results.json} or a single suite result file. */
    public static List<JsonNode> readPrevious(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("compareTo names " + file + ", which does not exist: point it at a previous"
                    + " all_benchmark_results.json (for example the main branch's).");
        }
        JsonNode root = Json.mapper().readTree(file.toFile());
        List<JsonNode> suites = new ArrayList<>();
        if (root.has("suites")) {
            root.path("suites").forEach(suites::add);
        } else if (root.has("suite")) {
            suites.add(root);
        } else {
            throw new IOException(file + " is neither all_benchmark_results.json nor a suite result file.");
        }
        return suites;
    }

    public static List<Verdict> compare(List<SuiteReport> current, List<JsonNode> previous, double tolerance) {
        List<Verdict> verdicts = new ArrayList<>();
        for (SuiteReport report : current) {
            JsonNode before = previous.stream().filter(p -> report.suite().equals(p.path("suite").asText())).findFirst()
                    .orElse(null);
            if (before == null) {
                continue;
            }
            JsonNode now = report.metrics();
            JsonNode then = before.path("metrics");
            switch (report.suite()) {
                case "accuracy" -> {
                    for (int i = 0; i < now.path("outputs").size(); i++) {
                        JsonNode o = now.path("outputs").get(i);
                        JsonNode p = then.path("outputs").path(i);
                        String name = o.path("output").asText();
                        lowerIsBetter(verdicts, "accuracy.worstRelativeL2Error[" + name + "]",
                                o.path("worstRelativeL2Error"), p.path("worstRelativeL2Error"), tolerance);
                        higherIsBetter(verdicts, "accuracy.worstCosineSimilarity[" + name + "]",
                                o.path("worstCosineSimilarity"), p.path("worstCosineSimilarity"), tolerance);
                    }
                }
                case "performance" -> higherIsBetter(verdicts, "performance.speedup", now.path("speedup"),
                        then.path("speedup").path("estimate"), tolerance);
                case "memory" -> {
                    higherIsBetter(verdicts, "memory.peakMinusIdleReduction", now.path("peakMinusIdle"),
                            then.path("peakMinusIdle").path("estimate"), tolerance);
                    lowerIsBetter(verdicts, "memory.candidatePeakMinusIdle",
                            now.path("models").path(1).path("peakMinusIdle").path("median"),
                            then.path("models").path(1).path("peakMinusIdle").path("median"), tolerance);
                }
                case "scalability" -> {
                    for (int c = 0; c < now.path("curves").size(); c++) {
                        JsonNode curve = now.path("curves").get(c);
                        for (int i = 0; i < curve.path("sizes").size(); i++) {
                            JsonNode r = curve.path("throughputRatio").get(i);
                            higherIsBetter(verdicts, "scalability.throughputRatio[" + curve.path("axis").asText() + "="
                                    + curve.path("sizes").get(i).asInt() + "]", r,
                                    then.path("curves").path(c).path("throughputRatio").path(i).path("estimate"),
                                    tolerance);
                        }
                    }
                }
                case "system" -> {
                    higherIsBetter(verdicts, "system.throughputRatio", now.path("throughputRatio"),
                            then.path("throughputRatio").path("estimate"), tolerance);
                    lowerIsBetter(verdicts, "system.candidateP99Millis",
                            now.path("models").path(1).path("latency").path("p99Millis"),
                            then.path("models").path(1).path("latency").path("p99Millis"), tolerance);
                }
                default -> {
                }
            }
        }
        return verdicts;
    }

    private static void lowerIsBetter(List<Verdict> verdicts, String name, JsonNode now, JsonNode then,
            double tolerance) {
        if (!then.isNumber()) {
            return;
        }
        double limit = then.asDouble() * (1 + tolerance);
        verdicts.add(Verdict.judge("noRegression[" + name + "]", now.asDouble(Double.NaN), Comparison.AT_MOST, limit,
                String.format(Locale.ROOT, "previous run %s, tolerance %.0f%%", Verdict.format(then.asDouble()),
                        100 * tolerance)));
    }

    /**
     * A figure where higher is better. {@code now} is either a number or an interval node
     * ({@code estimate}, {@code lower}, {@code upper}): an interval is decided like every comparison
     * (PASS when the whole interval reaches the previous estimate less the tolerance, FAIL when the
     * whole interval lies below it, INCONCLUSIVE while it straddles it).
     */
    private static void higherIsBetter(List<Verdict> verdicts, String name, JsonNode now, JsonNode then,
            double tolerance) {
        if (!then.isNumber()) {
            return;
        }
        double limit = then.asDouble() * (1 - tolerance);
        String detail = String.format(Locale.ROOT, "previous run %s, tolerance %.0f%%", Verdict.format(then.asDouble()),
                100 * tolerance);
        if (now.isObject()) {
            RatioInterval interval = new RatioInterval(now.path("estimate").asDouble(Double.NaN),
                    now.path("lower").asDouble(Double.NaN), now.path("upper").asDouble(Double.NaN),
                    now.path("confidence").asDouble(Double.NaN), now.path("pairs").asInt(), now.path("rule").asText());
            verdicts.add(Verdict.decide("noRegression[" + name + "]", interval, Comparison.AT_LEAST, limit,
                    "this run's interval against the " + detail));
        } else {
            verdicts.add(Verdict.judge("noRegression[" + name + "]", now.asDouble(Double.NaN), Comparison.AT_LEAST,
                    limit, detail));
        }
    }
}
