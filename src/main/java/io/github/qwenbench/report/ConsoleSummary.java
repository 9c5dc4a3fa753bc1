package io.github.qwenbench.report;

import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.suite.SuiteReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The table of gates printed at the end of a goal: readable in a CI log without scrolling. Gates
 * judged on a confidence interval show it beside the estimate: the verdict is on the whole interval.
 * It ends with one line per suite: its verdict, its number of gates and how long it ran.
 */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static List<String> lines(List<SuiteReport> reports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"suite", "gate", "actual", "interval", "threshold", "verdict"});
        for (SuiteReport report : reports) {
            for (Verdict v : report.gates()) {
                rows.add(new String[] {report.suite(), v.name(), Verdict.format(v.actual()), v.interval(),
                        v.comparison() + " " + Verdict.format(v.threshold()), v.verdict().name()});
            }
        }
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (SuiteReport report : reports) {
            if (report.headline() != null && !report.headline().isBlank()) {
                lines.add(report.suite() + ": " + report.headline());
            }
            if (report.table() != null) {
                lines.addAll(report.table());
            }
        }
        if (!lines.isEmpty()) {
            lines.add("");
        }
        String format = String.format(Locale.ROOT, "%%-%ds  %%-%ds  %%%ds  %%-%ds  %%-%ds  %%s", widths[0],
                widths[1], widths[2], widths[3], widths[4]);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            lines.add(String.format(Locale.ROOT, format, (Object[]) row));
            if (r == 0) {
                lines.add("-".repeat(Arrays.stream(widths).sum() + 2 * (widths.length - 1)));
            }
        }
        lines.add("");
        lines.addAll(suiteLines(reports));
        return lines;
    }

    /**
     * One line per suite: its verdict, its gates and how long it ran, e.g.
     * {@code performance  FAIL  (2 gates, 1 failed, 41 s)}.
     */
    static List<String> suiteLines(List<SuiteReport> reports) {
        int suiteWidth = reports.stream().mapToInt(r -> r.suite().length()).max().orElse(0);
        int verdictWidth = reports.stream().mapToInt(r -> verdict(r).length()).max().orElse(0);
        String format = "%-" + Math.max(1, suiteWidth) + "s  %-" + Math.max(1, verdictWidth) + "s  (%s)";
        List<String> lines = new ArrayList<>();
        for (SuiteReport report : reports) {
            List<String> parts = new ArrayList<>();
            parts.add(report.gates().size() + (report.gates().size() == 1 ? " gate" : " gates"));
            if (!report.failed().isEmpty()) {
                parts.add(report.failed().size() + " failed");
            }
            if (!report.inconclusive().isEmpty()) {
                parts.add(report.inconclusive().size() + " inconclusive");
            }
            if (report.durationMillis() > 0) {
                parts.add(duration(report.durationMillis()));
            }
            lines.add(String.format(Locale.ROOT, format, report.suite(), verdict(report), String.join(", ", parts)));
        }
        return lines;
    }

    /** FAIL when a gate failed, else INCONCLUSIVE when one could not decide, else PASS; NO GATES when none was judged. */
    private static String verdict(SuiteReport report) {
        if (report.gates().isEmpty()) {
            return "NO GATES";
        }
        return !report.failed().isEmpty() ? "FAIL" : !report.inconclusive().isEmpty() ? "INCONCLUSIVE" : "PASS";
    }

    /** A suite's time as a person reads it: {@code 0.4 s}, {@code 41 s}, {@code 2 min 05 s}, {@code 1 h 02 min}. */
    static String duration(long millis) {
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        long minutes = Math.round(seconds / 60.0);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }
}
