package io.github.qwenbench.report;

/**
 * A suite of the plugin with no result in the run a page judges, and why, when the run knows.
 *
 * @param suite the suite's name
 * @param reason why it has no result, e.g. {@code not reached: memory stopped with a build error before it}
 * @param stopped whether it is the suite whose worker failed and stopped the run
 */
public record NotRun(String suite, String reason, boolean stopped) {
}
