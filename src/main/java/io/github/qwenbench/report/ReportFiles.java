package io.github.qwenbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The suite result files of an output directory, read back for reports. */
public final class ReportFiles {

    /** Suites in report order, as their result files are named. */
    public static final List<String> SUITES = List.of("accuracy", "performance", "memory", "scalability", "system",
            Regressions.SUITE);

    private ReportFiles() {
    }

    public static Path resultFile(Path directory, String suite) {
        return directory.resolve(suite + "_benchmark_results.json");
    }

    /** Every suite result present in {@code directory}, in report order. */
    public static List<SuiteReport> read(Path directory) throws IOException {
        List<SuiteReport> reports = new ArrayList<>();
        for (String suite : SUITES) {
            Path file = resultFile(directory, suite);
            if (Files.isRegularFile(file)) {
                try {
                    reports.add(Json.mapper().readValue(file.toFile(), SuiteReport.class));
                } catch (IOException e) {
                    throw new IOException(file + " is not a qwen-bench result file: " + e.getMessage(), e);
                }
            }
        }
        return reports;
    }

    /**
     * Rebuilds index.html from the results present (with trends from {@code historyFile}, which may be
     * null), and each suite's JUnit XML into {@code junitDirectory}.
     */
    public static List<SuiteReport> rebuild(Path directory, Path junitDirectory, Path historyFile) throws IOException {
        List<SuiteReport> reports = read(directory);
        for (SuiteReport report : reports) {
            JUnitXmlReport.write(junitDirectory, report);
        }
        HtmlReport.write(directory, reports, History.read(historyFile));
        return reports;
    }
}
