package io.github.qwenbench.workload;

/**
 * Wall-clock time of each preprocessing stage of one conversation, in nanoseconds.
 *
 * @param imageNanos decoding, resizing and patchifying every image
 * @param templateNanos rendering the chat template
 * @param tokenizationNanos expanding image tokens and tokenizing
 */
public record StageTimings(long imageNanos, long templateNanos, long tokenizationNanos) {

    public long totalNanos() {
        return imageNanos + templateNanos + tokenizationNanos;
    }
}
