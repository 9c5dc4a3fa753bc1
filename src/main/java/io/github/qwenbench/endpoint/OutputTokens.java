package io.github.qwenbench.endpoint;

import java.util.function.ToIntFunction;

/**
 * Streamed answers' output tokens: the server's {@code usage.completion_tokens} where it sent it, else a count of
 * the streamed text (the workload tokenizer's), and which of the two the figures came from. Safe to share
 * between the threads of a load.
 */
public final class OutputTokens {

    private final ToIntFunction<String> count;
    private int fromUsage;
    private int counted;

    /** @param count the tokens of a text, for answers that came without usage */
    public OutputTokens(ToIntFunction<String> count) {
        this.count = count;
    }

    /** The answer's output tokens. */
    public synchronized int of(StreamedAnswer answer) {
        counted++;
        if (answer.completionTokens() >= 0) {
            fromUsage++;
            return answer.completionTokens();
        }
        return count.applyAsInt(answer.text());
    }

    /** Where the counts so far came from, in words. */
    public synchronized String source() {
        return fromUsage == counted ? "the servers' usage" : fromUsage == 0
                ? "the workload tokenizer's count of the streamed text (no usage sent)"
                : "usage where sent (" + fromUsage + " of " + counted + "), else the workload tokenizer";
    }
}
