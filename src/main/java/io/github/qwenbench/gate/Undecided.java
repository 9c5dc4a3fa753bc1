package io.github.qwenbench.gate;

/**
 * Why a gate ended INCONCLUSIVE: each reason says what would get a decision. Results record it as
 * {@code undecided}, so that a build server, or {@code benchmarks/aa.sh}, can tell a busy machine from
 * a budget that was too small.
 */
public enum Undecided {
    /** The declared conditions needed more cores than other processes left free. */
    BUSY("the machine was busy"),
    /** The budget (pairs or time) was spent while the interval still contained the threshold. */
    BUDGET("the measuring budget was spent"),
    /** The pairs' verdict-relevant signs were dependent beyond chance, so the interval's error rate does not hold. */
    DEPENDENCE("the pairs were dependent"),
    /** Even the fewest pairs that can decide did not fit in the suite's time ceiling at the model's measured cost. */
    COST("the model's cost leaves too few pairs in the time ceiling"),
    /** The pairs' distribution broke the rule's assumption (e.g. skewed memory ratios for the mean rule). */
    SKEW("the pairs were too skewed for the rule"),
    /** compareTo: the earlier run measured the figure under other declared conditions (threads, users). */
    CONDITIONS("the earlier run measured it under other conditions");

    private final String words;

    Undecided(String words) {
        this.words = words;
    }

    /** The reason in words, e.g. "the machine was busy". */
    public String words() {
        return words;
    }
}
