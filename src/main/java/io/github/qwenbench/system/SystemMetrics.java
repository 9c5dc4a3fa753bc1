package io.github.qwenbench.system;

import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.plan.SystemSettings;
import io.github.qwenbench.stats.ConfidenceSequence;
import io.github.qwenbench.stats.LinearFit;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import java.util.List;

/**
 * What the system suite measured: both models under the same load, taking turns.
 *
 * @param models baseline then candidate
 * @param throughputRatio candidate over baseline throughput of adjacent turns, with its interval
 * @param stop why the turns stopped: decided, or the budget was spent
 * @param relativeDrift the candidate's drift against the baseline: the slope of log(candidate / baseline)
 *        over adjacent turns, times the number of pairs (the relative change over the run, with the
 *        machine's own drift cancelled)
 * @param relativeDriftStandardError the standard error of {@code relativeDrift}, from the fit's residuals
 * @param method how the ratio was computed
 * @param conditions the declared users and intra-op threads, and the cores other processes left free during the turns
 * @param orderSeed the seed of the turns' order
 */
public record SystemMetrics(List<SystemSample> models, RatioInterval throughputRatio, SequentialComparison.Stop stop,
        double relativeDrift, double relativeDriftStandardError, String method, RunConditions conditions,
        long orderSeed) {

    public static final String METHOD = "Each model serves the same load in its own worker (so memory growth is each"
            + " model's own); the two workers take turns of one window each, in pairs ordered A B B A or B A A B by a seeded coin (A = baseline), so that drift of"
            + " the machine hits both alike. The throughput ratio is the median of candidate over baseline"
            + " throughput over adjacent turns, with an anytime-valid confidence sequence; the turns go on until it"
            + " clears minThroughputRatio or maxDuration is spent. The candidate's drift is tested on the slope of"
            + " its paired ratio over the run (a rank test at stabilityAlpha), and its memory growth on its own"
            + " slope of resident memory over requests served, whatever the baseline's.";

    /**
     * The two models' samples as one comparison.
     *
     * @param free the cores other processes left free during the turns, or null for served models (a server on
     *     the machine is the system under test: no conditions are declared, none judged)
     */
    public static SystemMetrics combine(SystemSample baseline, SystemSample candidate, SystemSettings settings,
            FreeCores free, long orderSeed) {
        SequentialComparison comparison = new SequentialComparison(ConfidenceSequence.Rule.MEDIAN,
                SystemSettings.CONFIDENCE);
        int pairs = Math.min(baseline.windows().size(), candidate.windows().size());
        double[] index = new double[pairs];
        double[] logRatio = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            double c = candidate.windows().get(i).throughput();
            double b = baseline.windows().get(i).throughput();
            comparison.add(c, b);
            index[i] = i;
            logRatio[i] = Math.log(c / b);
        }
        long millis = Math.round(1000 * (baseline.durationSeconds() + candidate.durationSeconds()));
        SequentialComparison.Stop stop = settings.throughputGated()
                ? comparison.stopNow(settings.minThroughputRatio(), settings.budget(), millis)
                : new SequentialComparison.Stop(false, "measured for system/duration, not gated (minThroughputRatio is"
                        + " off)", millis);
        String failing = failingRole(baseline, candidate);
        if (stop == null && failing != null) {
            stop = SequentialComparison.Stop.of(SequentialComparison.Reason.ABANDONED, "stopped when every request of"
                    + " a turn of the " + failing + " failed (see maxErrorRate)", millis);
        } else if (stop == null) {
            stop = new SequentialComparison.Stop(false, "stopped early", millis);
        }
        LinearFit fit = LinearFit.of(index, logRatio);
        return new SystemMetrics(List.of(baseline, candidate), comparison.interval(), stop, fit.slope() * pairs,
                fit.slopeStandardError() * pairs, METHOD,
                free == null ? null : new RunConditions(settings.users(), candidate.intraOpThreads(), free), orderSeed);
    }

    /** The model whose last turn failed every request (which stops the turns), or null. */
    private static String failingRole(SystemSample baseline, SystemSample candidate) {
        for (SystemSample sample : List.of(baseline, candidate)) {
            List<SystemSample.Window> windows = sample.windows();
            SystemSample.Window last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (last != null && last.completed() == 0 && last.errors() > 0) {
                return sample.role();
            }
        }
        return null;
    }
}
