package io.github.qwenbench.gate;

/** A gate's verdict. */
public enum Outcome {
    /** The evidence says the target is met. */
    PASS,
    /** The evidence says the target is missed, or nothing was measured ("n/a"). */
    FAIL,
    /**
     * The measuring budget was spent while the confidence interval still contained the threshold:
     * the run cannot tell whether the target is met. Fails the build unless
     * {@code onInconclusive=warn}.
     */
    INCONCLUSIVE
}
