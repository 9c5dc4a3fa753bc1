package io.github.qwenbench.run;

import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.suite.SuiteReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a goal's reports do to the build: whether it fails and with what message, and what is logged
 * as an error, a warning or a plain line on the way. The policy is {@code failOnViolation} and
 * {@code onInconclusive}; the mojo only logs the {@link #lines()} in order and throws when
 * {@link #fails()}.
 *
 * <ul>
 * <li>No gate at all in the reports fails the build, whatever the policy: nothing shows the candidate
 * meets its targets.</li>
 * <li>A FAIL fails the build when {@code failOnViolation}, else it is a warning.</li>
 * <li>An INCONCLUSIVE fails the build when {@code onInconclusive=fail} and {@code failOnViolation},
 * else it is a warning.</li>
 * </ul>
 *
 * @param fails whether the build fails
 * @param failureMessage the build failure's message, or null when the build goes on
 * @param lines what to log before failing or going on, in order
 */
public record BuildVerdict(boolean fails, String failureMessage, List<Line> lines) {

    /** How loud a line is. */
    public enum Level {
        INFO, WARNING, ERROR
    }

    /**
     * One line of the log.
     *
     * @param level info, warning or error
     * @param text what it says
     */
    public record Line(Level level, String text) {
    }

    public BuildVerdict {
        lines = List.copyOf(lines);
    }

    /**
     * Judges {@code reports}.
     *
     * @param outputDirectory where the results are, named in the summary
     * @param failOnViolation whether a failed gate fails the build
     * @param onInconclusive what an inconclusive gate does
     */
    public static BuildVerdict of(List<SuiteReport> reports, Path outputDirectory, boolean failOnViolation,
            InconclusivePolicy onInconclusive) {
        List<Line> lines = new ArrayList<>();
        List<Verdict> failed = new ArrayList<>();
        List<Verdict> inconclusive = new ArrayList<>();
        boolean inconclusiveFails = onInconclusive == InconclusivePolicy.FAIL && failOnViolation;
        for (SuiteReport report : reports) {
            report.warnings().forEach(warning -> lines.add(new Line(Level.WARNING, report.suite() + ": " + warning)));
            for (Verdict failure : report.failed()) {
                failed.add(failure);
                lines.add(new Line(failOnViolation ? Level.ERROR : Level.WARNING,
                        report.suite() + ": " + failure.message()));
            }
            for (Verdict undecided : report.inconclusive()) {
                inconclusive.add(undecided);
                lines.add(new Line(inconclusiveFails ? Level.ERROR : Level.WARNING,
                        report.suite() + ": " + undecided.message()));
            }
        }
        long gates = reports.stream().mapToLong(r -> r.gates().size()).sum();
        if (gates == 0) {
            return new BuildVerdict(true, "No gate was evaluated, so nothing proves the candidate meets its targets."
                    + " Check the configuration of the suites.", lines);
        }
        if (failed.isEmpty() && inconclusive.isEmpty()) {
            lines.add(new Line(Level.INFO, "All " + gates + " gates passed."));
            return new BuildVerdict(false, null, lines);
        }
        List<String> parts = new ArrayList<>();
        if (!failed.isEmpty()) {
            parts.add(failed.size() + " of " + gates + " gates failed: "
                    + String.join(", ", failed.stream().map(Verdict::name).toList()));
        }
        if (!inconclusive.isEmpty()) {
            parts.add(inconclusive.size() + " of " + gates + " gates were inconclusive: "
                    + String.join(", ", inconclusive.stream().map(Verdict::name).toList()));
        }
        String summary = String.join("; ", parts) + ". Details: " + outputDirectory;
        if (!failed.isEmpty() && failOnViolation) {
            return new BuildVerdict(true, summary + ". A failed gate means the measurements show the target is"
                    + " missed: fix the candidate, or adjust the thresholds if the targets were wrong."
                    + (inconclusive.isEmpty() ? "" : " An inconclusive gate could not decide within its budget:"
                            + " raise the budget, use a quieter machine or measure fewer points."), lines);
        }
        if (!inconclusive.isEmpty() && inconclusiveFails) {
            return new BuildVerdict(true, summary + ". Inconclusive means the measuring budget was spent before the"
                    + " interval left the threshold: nothing shows the candidate misses its target, but nothing"
                    + " shows it meets it either. Raise the budget, use a quieter machine or measure fewer points;"
                    + " -Dqwen-bench.onInconclusive=warn turns this into a warning.", lines);
        }
        lines.add(new Line(Level.WARNING, summary + (failed.isEmpty() ? " (onInconclusive=warn: the build goes on)."
                : " (failOnViolation=false: the build goes on).")));
        return new BuildVerdict(false, null, lines);
    }

    /** The lines logged as warnings. */
    public List<String> warnings() {
        return texts(Level.WARNING);
    }

    /** The lines logged as errors. */
    public List<String> errors() {
        return texts(Level.ERROR);
    }

    private List<String> texts(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::text).toList();
    }
}
