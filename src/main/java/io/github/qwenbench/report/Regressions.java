package io.github.qwenbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.suite.Suite;
import io.github.qwenbench.suite.SuiteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            Map<String, TrackedFigure> then = new HashMap<>();
            Suite.figuresOf(report.suite(), before.path("metrics")).forEach(f -> then.put(f.name(), f));
            for (TrackedFigure now : Suite.figuresOf(report.suite(), report.metrics())) {
                TrackedFigure earlier = then.get(now.name());
                if (earlier != null && Double.isFinite(earlier.value())) {
                    verdicts.add(judge(now, earlier.value(), tolerance));
                }
            }
        }
        return verdicts;
    }

    /**
     * A figure against the earlier run's value less (or plus) the tolerance. A figure with an
     * interval is decided like every comparison: PASS when the whole interval clears the limit, FAIL
     * when none of it does, INCONCLUSIVE while it straddles it.
     */
    private static Verdict judge(TrackedFigure now, double then, double tolerance) {
        String name = "noRegression[" + now.name() + "]";
        double limit = then * (now.higherIsBetter() ? 1 - tolerance : 1 + tolerance);
        Comparison comparison = now.higherIsBetter() ? Comparison.AT_LEAST : Comparison.AT_MOST;
        String detail = String.format(Locale.ROOT, "previous run %s, tolerance %.0f%%", Verdict.format(then),
                100 * tolerance);
        return now.interval() != null
                ? Verdict.decide(name, now.interval(), comparison, limit, "this run's interval against the " + detail)
                : Verdict.judge(name, now.value(), comparison, limit, detail);
    }
}
