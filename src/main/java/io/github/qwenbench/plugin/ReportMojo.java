package io.github.qwenbench.plugin;

import io.github.qwenbench.report.ConsoleSummary;
import io.github.qwenbench.report.ReportFiles;
import io.github.qwenbench.suite.SuiteReport;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Rebuilds {@code index.html} from the result files already in the output directory, without
 * running anything, and prints the summary table. The page judges the newest run and marks the
 * results of earlier runs as such; only the newest run's JUnit XML is rewritten.
 */
@Mojo(name = "report", threadSafe = true, requiresProject = false)
public class ReportMojo extends AbstractMojo {

    /** Where the result files ({@code <suite>_benchmark_results.json}) are. */
    @Parameter(property = "qwen-bench.outputDirectory", defaultValue = "${project.build.directory}/benchmark-results")
    private File outputDirectory;

    /** Where the JUnit XML reports go. */
    @Parameter(property = "qwen-bench.junitDirectory", defaultValue = "${project.build.directory}/benchmark-results")
    private File junitDirectory;

    /** The JSON-lines history to draw trends from, if any. */
    @Parameter(property = "qwen-bench.historyFile")
    private File historyFile;

    @Override
    public void execute() throws MojoExecutionException {
        List<SuiteReport> reports;
        try {
            reports = ReportFiles.rebuild(outputDirectory.toPath(), junitDirectory.toPath(),
                    historyFile == null ? null : historyFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot rebuild the reports: " + e.getMessage(), e);
        }
        if (reports.isEmpty()) {
            throw new MojoExecutionException("No result files (*_benchmark_results.json) in " + outputDirectory
                    + ": run a benchmark goal first, or point -Dqwen-bench.outputDirectory at its results.");
        }
        String runId = ReportFiles.latestRunId(reports);
        for (SuiteReport report : reports) {
            getLog().info(report.suite() + ": run " + (report.runId() == null ? "without a run id" : report.runId())
                    + ", started " + report.startedAt() + (Objects.equals(runId, report.runId()) ? ""
                            : " (an earlier run: its JUnit XML was left as it was)"));
        }
        ConsoleSummary.lines(reports).forEach(getLog()::info);
        getLog().info("Report: " + AbstractBenchmarkMojo.reportLink(outputDirectory) + " (judging run " + runId
                + ", the newest)");
    }
}
