package io.github.qwenbench.report;

import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.suite.SuiteReport;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The verdict at the top of index.html, in numbers: how many of this run's gates failed or could not
 * decide, in how many of its suites, and which; then the results on the page that earlier runs left.
 */
final class Banner {

    /**
     * One line of the banner.
     *
     * @param kind {@code pass}, {@code fail} or {@code inconclusive}: the line's colour
     * @param text what it says
     */
    record Line(String kind, String text) {
    }

    private Banner() {
    }

    /** The verdict on {@code reports}, the results of the run the page judges. */
    static List<Line> of(List<SuiteReport> reports) {
        int gates = reports.stream().mapToInt(r -> r.gates().size()).sum();
        if (gates == 0) {
            return List.of(new Line("fail", "FAILED: no gate was evaluated in " + count(reports.size(), "suite")
                    + ", so nothing shows the candidate meets its targets"));
        }
        List<Line> lines = new ArrayList<>();
        List<SuiteReport> failing = reports.stream().filter(r -> !r.failed().isEmpty()).toList();
        if (!failing.isEmpty()) {
            lines.add(new Line("fail", "FAILED: " + share(reports, failing, gates, SuiteReport::failed)));
        }
        List<SuiteReport> undecided = reports.stream().filter(r -> !r.inconclusive().isEmpty()).toList();
        if (!undecided.isEmpty()) {
            boolean warnOnly = undecided.stream().allMatch(r -> r.inconclusivePolicy() == InconclusivePolicy.WARN);
            lines.add(new Line("inconclusive", "INCONCLUSIVE: " + share(reports, undecided, gates,
                    SuiteReport::inconclusive) + " could not decide within their budget"
                    + (warnOnly ? " (onInconclusive=warn: the build went on)" : "")));
        }
        if (lines.isEmpty()) {
            lines.add(new Line("pass", "PASSED: all " + count(gates, "gate") + " in " + count(reports.size(), "suite")
                    + " (" + names(reports) + ")"));
        }
        return lines;
    }

    /**
     * One sentence per earlier run whose results the page also shows: which suites, the run id and
     * when it started, and how its gates came out. Not part of this run's verdict.
     */
    static List<String> earlier(List<SuiteReport> reports) {
        Map<String, List<SuiteReport>> byRun = new LinkedHashMap<>();
        reports.forEach(r -> byRun.computeIfAbsent(String.valueOf(r.runId()), k -> new ArrayList<>()).add(r));
        List<String> sentences = new ArrayList<>();
        for (List<SuiteReport> run : byRun.values()) {
            SuiteReport first = run.get(0);
            int gates = run.stream().mapToInt(r -> r.gates().size()).sum();
            long failed = run.stream().mapToLong(r -> r.failed().size()).sum();
            long inconclusive = run.stream().mapToLong(r -> r.inconclusive().size()).sum();
            String outcome = failed == 0 && inconclusive == 0 && gates > 0 ? "all " + count(gates, "gate") + " passed"
                    : failed + " of " + count(gates, "gate") + " failed"
                            + (inconclusive == 0 ? "" : ", " + inconclusive + " inconclusive");
            sentences.add(names(run) + ": from an earlier run (" + runName(first) + ", started " + started(first)
                    + "); " + outcome + ". Not judged above: this run did not measure " + (run.size() == 1 ? "it"
                            : "them") + ".");
        }
        return sentences;
    }

    /** {@code run 20261127-170000-123}, or what stands for a result written before run ids existed. */
    static String runName(SuiteReport report) {
        return report.runId() == null ? "no run id" : "run " + report.runId();
    }

    /** When {@code report} started measuring, to the second: enough to tell runs apart on a page. */
    static String started(SuiteReport report) {
        return report.startedAt() == null ? "at an unknown time"
                : report.startedAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String share(List<SuiteReport> all, List<SuiteReport> some, int gates,
            Function<SuiteReport, List<Verdict>> which) {
        long count = some.stream().mapToLong(r -> which.apply(r).size()).sum();
        return count + " of " + count(gates, "gate") + " in " + some.size() + " of " + count(all.size(), "suite")
                + " (" + names(some) + ")";
    }

    private static String names(List<SuiteReport> reports) {
        return String.join(", ", reports.stream().map(SuiteReport::suite).toList());
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
