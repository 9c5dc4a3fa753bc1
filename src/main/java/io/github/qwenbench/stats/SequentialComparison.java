package io.github.qwenbench.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one decision mechanism for every comparison of the two models: measure pairs (adjacent blocks
 * of the baseline and the candidate, A B B A ...) until the {@link ConfidenceSequence} interval
 * clears the gate's threshold or the budget is spent. Since the interval is anytime-valid, stopping
 * at the first clear look keeps the stated confidence; a spent budget leaves the interval straddling
 * the threshold, and the gate says INCONCLUSIVE.
 *
 * <p>Use: create one per compared quantity, call {@link #add} from the measuring loop through a
 * {@link PairStep}, and {@link #run} drives it.
 */
public final class SequentialComparison {

    /** Measures one more pair and adds it with {@link SequentialComparison#add}. */
    @FunctionalInterface
    public interface PairStep<E extends Exception> {
        void measure() throws E;
    }

    /**
     * How much a comparison may measure.
     *
     * @param minPairs pairs measured before the first look
     * @param maxPairs pairs after which it stops undecided
     * @param maxTime time after which it stops undecided (once {@code minPairs} are measured); null
     *        for no time limit
     */
    public record Budget(int minPairs, int maxPairs, Duration maxTime) {
        public Budget {
            if (minPairs < RatioInterval.MIN_PAIRS || maxPairs < minPairs) {
                throw new IllegalArgumentException("budget needs " + RatioInterval.MIN_PAIRS + " <= minPairs <= maxPairs,"
                        + " got " + minPairs + " and " + maxPairs);
            }
        }
    }

    /**
     * How a comparison ended.
     *
     * @param decided whether the interval cleared the threshold
     * @param stoppedBecause "decided", "pair budget spent" or "time budget spent"
     * @param millis time spent measuring
     */
    public record Stop(boolean decided, String stoppedBecause, long millis) {
    }

    private final List<Double> numerators = new ArrayList<>();
    private final List<Double> denominators = new ArrayList<>();
    private final ConfidenceSequence.Rule rule;
    private final double confidence;

    /** @param rule how pairs are summarized: the median for timings, the mean for few tight figures */
    public SequentialComparison(ConfidenceSequence.Rule rule, double confidence) {
        this.rule = rule;
        this.confidence = confidence;
    }

    /** Adds one pair: e.g. the baseline's and the candidate's block latency. */
    public void add(double numerator, double denominator) {
        numerators.add(numerator);
        denominators.add(denominator);
    }

    public int pairs() {
        return numerators.size();
    }

    public List<Double> numerators() {
        return List.copyOf(numerators);
    }

    public List<Double> denominators() {
        return List.copyOf(denominators);
    }

    /** The interval after the pairs measured so far. */
    public RatioInterval interval() {
        return ConfidenceSequence.ratio(rule, toArray(numerators), toArray(denominators), confidence);
    }

    /**
     * Measures until the interval clears {@code threshold} or the budget is spent.
     *
     * @param what names the comparison in progress lines, e.g. "speedup" or "batch=8"
     */
    public <E extends Exception> Stop run(PairStep<E> step, double threshold, Budget budget, String what,
            Consumer<String> progress) throws E {
        long start = System.nanoTime();
        long nextReport = start + 5_000_000_000L;
        while (true) {
            step.measure();
            long now = System.nanoTime();
            Stop stop = stopNow(threshold, budget, (now - start) / 1_000_000);
            if (stop != null) {
                return stop;
            }
            if (now >= nextReport && pairs() >= budget.minPairs()) {
                nextReport = now + 5_000_000_000L;
                RatioInterval interval = interval();
                progress.accept(String.format(Locale.ROOT, "%s: interval [%.3f, %.3f] after %d pairs still contains"
                        + " %s: measuring on", what, interval.lower(), interval.upper(), pairs(), threshold));
            }
        }
    }

    /**
     * The stopping rule, for loops that {@link #run} cannot drive (e.g. pairs measured by two
     * workers in turn): the stop, or null to measure on.
     *
     * @param millis time spent measuring so far
     */
    public Stop stopNow(double threshold, Budget budget, long millis) {
        if (pairs() < budget.minPairs()) {
            return null;
        }
        if (interval().decides(threshold)) {
            return new Stop(true, "decided", millis);
        }
        if (pairs() >= budget.maxPairs()) {
            return new Stop(false, "pair budget spent", millis);
        }
        if (budget.maxTime() != null && millis >= budget.maxTime().toMillis()) {
            return new Stop(false, "time budget spent", millis);
        }
        return null;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
