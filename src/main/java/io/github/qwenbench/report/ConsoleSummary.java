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
        return lines;
    }
}
