package io.github.qwenbench.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one decision mechanism for every comparison of the two models: measure pairs until the
 * {@link ConfidenceSequence} interval clears the gate's threshold or the budget is spent. Since each
 * bound is anytime-valid, stopping at the first clear look keeps the stated error of each side; a
 * spent budget leaves the interval straddling the threshold, and the gate says INCONCLUSIVE. A
 * decision is checked once for dependent pairs ({@link PairDependence}); dependent pairs make it
 * INCONCLUSIVE, since the error rates assume independence.
 *
 * <p>With a {@link PairOrder}, a pair is a group of four blocks (A B B A or B A A B): the caller adds
 * each pair of adjacent blocks, and every two of them make one pair whose figures are the two blocks'
 * sums for each model. Each model then runs once first and once second in every pair, so that an order
 * effect (the block after the other model's running colder or warmer) weighs on both alike; the ratio
 * of a single pair of blocks carries it, and identical models then give a two-humped ratio whose
 * median the sign rule can hardly pin down. Without an order (e.g. fresh workers measured one at a
 * time), each added pair stands alone.
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

    /** Why a comparison stopped. */
    public enum Reason {
        /** The interval cleared the threshold and the pairs passed the dependence check. */
        DECIDED,
        /** The most pairs were measured undecided. */
        PAIR_BUDGET,
        /** The time cap was reached undecided. */
        TIME_BUDGET,
        /** The interval cleared the threshold, but the pairs were dependent beyond chance. */
        DEPENDENT,
        /** Even the fewest pairs that can decide would not fit in the time this comparison had. */
        TOO_COSTLY,
        /** The measuring ended before the budget for another reason (e.g. a worker's turns ran out). */
        STOPPED_EARLY,
        /**
         * The caller gave up once the fewest pairs were measured, because its measurement cannot decide
         * whatever the pairs say (e.g. the machine was busy: its gates are INCONCLUSIVE anyway).
         */
        ABANDONED
    }

    /**
     * How a comparison ended.
     *
     * @param decided whether the interval cleared the threshold (with independent-looking pairs)
     * @param stoppedBecause why it stopped, in words
     * @param millis time spent measuring
     * @param reason why it stopped
     */
    public record Stop(boolean decided, String stoppedBecause, long millis, Reason reason) {

        public Stop {
            if (reason == null) {
                reason = decided ? Reason.DECIDED : Reason.STOPPED_EARLY;
            }
        }

        /** A stop that decided, or spent its budget. */
        public Stop(boolean decided, String stoppedBecause, long millis) {
            this(decided, stoppedBecause, millis, null);
        }

        public static Stop of(Reason reason, String stoppedBecause, long millis) {
            return new Stop(reason == Reason.DECIDED, stoppedBecause, millis, reason);
        }

        /** Whether it stopped undecided because its pairs, time or turns ran out: a bigger budget may decide. */
        public boolean budgetSpent() {
            return reason == Reason.PAIR_BUDGET || reason == Reason.TIME_BUDGET || reason == Reason.STOPPED_EARLY;
        }
    }

    private final List<Double> numerators = new ArrayList<>();
    private final List<Double> denominators = new ArrayList<>();
    private final ConfidenceSequence.Rule rule;
    private final double confidence;
    private final PairOrder order;
    private PairDependence dependence;
    private double threshold = Double.NaN;
    private double pendingNumerator = Double.NaN;
    private double pendingDenominator = Double.NaN;

    /**
     * @param rule how pairs are summarized: the median for timings, the mean for few tight figures
     * @param confidence one minus the error of each side (a wrong PASS, a wrong FAIL)
     * @param order which model each pair measures first
     */
    public SequentialComparison(ConfidenceSequence.Rule rule, double confidence, PairOrder order) {
        this.rule = rule;
        this.confidence = confidence;
        this.order = order;
    }

    /**
     * For pairs whose order the caller sets itself (e.g. the memory of fresh workers, each measured
     * alone): {@link #baselineFirst} is not available.
     */
    public SequentialComparison(ConfidenceSequence.Rule rule, double confidence) {
        this(rule, confidence, null);
    }

    /** Whether the next pair measures the baseline first (see {@link PairOrder}). */
    public boolean baselineFirst() {
        if (order == null) {
            throw new IllegalStateException("this comparison's order is set by its caller");
        }
        return order.baselineFirst(blockPairs());
    }

    /** The order of the blocks, whose seed the results record. */
    public PairOrder order() {
        return order;
    }

    /** The dependence check of the pairs, once the comparison stopped with a decision; else null. */
    public PairDependence dependence() {
        return dependence;
    }

    /**
     * Adds one pair of blocks: e.g. the baseline's and the candidate's block latency. With an order,
     * every second call completes a pair of the comparison (the sums of the two).
     */
    public void add(double numerator, double denominator) {
        if (order == null) {
            numerators.add(numerator);
            denominators.add(denominator);
        } else if (Double.isNaN(pendingNumerator)) {
            pendingNumerator = numerator;
            pendingDenominator = denominator;
        } else {
            numerators.add(pendingNumerator + numerator);
            denominators.add(pendingDenominator + denominator);
            pendingNumerator = Double.NaN;
            pendingDenominator = Double.NaN;
        }
    }

    /** The pairs the interval is made of: groups of four blocks with an order, else the pairs added. */
    public int pairs() {
        return numerators.size();
    }

    /** The pairs of blocks added so far: two per pair with an order, one without. */
    public int blockPairs() {
        return order == null ? pairs() : 2 * pairs() + (Double.isNaN(pendingNumerator) ? 0 : 1);
    }

    public List<Double> numerators() {
        return List.copyOf(numerators);
    }

    public List<Double> denominators() {
        return List.copyOf(denominators);
    }

    /** The interval after the pairs measured so far, judged against the threshold last given to the stopping rule. */
    public RatioInterval interval() {
        return ConfidenceSequence.ratio(rule, toArray(numerators), toArray(denominators), confidence, threshold);
    }

    /**
     * Measures until the interval clears {@code threshold} or the budget is spent.
     *
     * @param what names the comparison in progress lines, e.g. "speedup" or "batch=8"
     */
    public <E extends Exception> Stop run(PairStep<E> step, double threshold, Budget budget, String what,
            Consumer<String> progress) throws E {
        return run(step, threshold, budget, what, progress, () -> null);
    }

    /**
     * As {@link #run(PairStep, double, Budget, String, Consumer)}, and gives up when {@code abandon}
     * names a reason at a look (once {@code minPairs} are measured): a comparison that cannot decide
     * anything useful stops measuring.
     */
    public <E extends Exception> Stop run(PairStep<E> step, double threshold, Budget budget, String what,
            Consumer<String> progress, Supplier<String> abandon) throws E {
        long start = System.nanoTime();
        long nextReport = start + 5_000_000_000L;
        while (true) {
            step.measure();
            long now = System.nanoTime();
            Stop stop = stopNow(threshold, budget, (now - start) / 1_000_000);
            if (stop != null) {
                return stop;
            }
            String giveUp = pairs() >= budget.minPairs() && Double.isNaN(pendingNumerator) ? abandon.get() : null;
            if (giveUp != null) {
                return Stop.of(Reason.ABANDONED, giveUp, (now - start) / 1_000_000);
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
        this.threshold = threshold;
        if (pairs() < budget.minPairs() || !Double.isNaN(pendingNumerator)) {
            return null;
        }
        if (interval().decides(threshold)) {
            double[] logRatios = new double[pairs()];
            for (int i = 0; i < logRatios.length; i++) {
                logRatios[i] = Math.log(numerators.get(i) / denominators.get(i));
            }
            dependence = PairDependence.check(logRatios, Math.log(threshold));
            if (dependence.dependent()) {
                return Stop.of(Reason.DEPENDENT, "decided, but the pairs were dependent: " + dependence.describe()
                        + ". Noise persisted from pair to pair (load that came and went, a CPU changing its clock):"
                        + " rerun on a quieter machine", millis);
            }
            return Stop.of(Reason.DECIDED, "decided", millis);
        }
        if (pairs() >= budget.maxPairs()) {
            return Stop.of(Reason.PAIR_BUDGET, "pair budget spent", millis);
        }
        if (budget.maxTime() != null && millis >= budget.maxTime().toMillis()) {
            return Stop.of(Reason.TIME_BUDGET, "time budget spent", millis);
        }
        return null;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
