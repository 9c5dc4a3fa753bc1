package io.github.qwenbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.Comparison;
import io.github.qwenbench.gate.TrackedFigure;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.stats.RatioInterval;
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
                    verdicts.add(judge(now, earlier, tolerance));
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
    private static Verdict judge(TrackedFigure now, TrackedFigure earlier, double tolerance) {
        String name = "noRegression[" + now.name() + "]";
        double then = earlier.value();
        double limit = then * (now.higherIsBetter() ? 1 - tolerance : 1 + tolerance);
        Comparison comparison = now.higherIsBetter() ? Comparison.AT_LEAST : Comparison.AT_MOST;
        String detail = String.format(Locale.ROOT, "previous run %s, tolerance %.0f%%%s", Verdict.format(then),
                100 * tolerance, now.conditions() == null ? "" : ", both under " + now.conditions());
        if (now.conditionsDifferFrom(earlier)) {
            RatioInterval interval = now.interval() != null ? now.interval()
                    : new RatioInterval(now.value(), Double.NaN, Double.NaN, Double.NaN, 0, null);
            return Verdict.undecided(name, interval, comparison, limit, Undecided.CONDITIONS, String.format(Locale.ROOT,
                    "the previous run measured it under %s, this one under %s: a different experiment, not comparable"
                    + " (previous run %s); compare with a run under the same declared conditions (engine/intraOpThreads,"
                    + " the suite's threads or users)", earlier.conditions(), now.conditions(), Verdict.format(then)));
        }
        return now.interval() != null
                ? Verdict.decide(name, now.interval(), comparison, limit, "this run's interval against the " + detail)
                : Verdict.judge(name, now.value(), comparison, limit, detail);
    }
}
