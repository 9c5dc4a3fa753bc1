package io.github.qwenbench.endpoint;

import java.util.Arrays;

/**
 * What one streamed chat completion did, timed on the client with {@link System#nanoTime()} (all
 * instants are nanoTime values; absent ones are {@link Long#MIN_VALUE}).
 *
 * <p>Time to first token is taken at the first event whose delta carries content (the rule of
 * genai-perf and LLMPerf): a role-only first chunk is not a token, and {@code transformers serve} sends
 * it before the prefill. The end of an answer is taken both at its last content event and at the end
 * of the stream. Chunks are not tokens (a server may send several tokens in one event, or none for an
 * incomplete character): inter-chunk gaps are kept as such, and the output token count says where it
 * came from.
 *
 * @param status the HTTP status, or 0 when no response came
 * @param failure null for a complete answer; else what went wrong: {@code connect}, {@code http},
 *        {@code first-byte-timeout}, {@code idle-timeout}, {@code deadline}, {@code stream-error} (an
 *        error event), {@code truncated} (the stream ended before a finish reason), {@code malformed}
 *        (an event that is not JSON), {@code empty} (no content at all), {@code interrupted} (the build
 *        was stopped)
 * @param detail the failure in words (the server's message where it gave one), or null
 * @param sendNanos just before the request was sent
 * @param headersNanos when the response headers arrived
 * @param firstContentNanos the first event with content
 * @param lastContentNanos the last event with content
 * @param endNanos the end of the stream ({@code [DONE]} or its close)
 * @param text the answer's content, joined
 * @param chunkGapsNanos the time between successive content events
 * @param completionTokens the server's {@code usage.completion_tokens}, or -1 when it sent none
 * @param promptTokens the server's {@code usage.prompt_tokens}, or -1
 * @param finishReason the last {@code finish_reason} seen, or null
 * @param events events read (content or not)
 */
public record StreamedAnswer(int status, String failure, String detail, long sendNanos, long headersNanos,
        long firstContentNanos, long lastContentNanos, long endNanos, String text, long[] chunkGapsNanos,
        int completionTokens, int promptTokens, String finishReason, int events) {

    /** An instant that did not happen. */
    public static final long ABSENT = Long.MIN_VALUE;

    /** Whether the answer is complete and may be counted. */
    public boolean succeeded() {
        return failure == null;
    }

    /** Time to first token in milliseconds, or NaN. */
    public double timeToFirstTokenMillis() {
        return since(firstContentNanos);
    }

    /** Time to the last token in milliseconds, or NaN. */
    public double lastTokenMillis() {
        return since(lastContentNanos);
    }

    /** Time to the end of the stream in milliseconds, or NaN. */
    public double endMillis() {
        return since(endNanos);
    }

    /**
     * Mean time per output token after the first, (last token - first token) / (tokens - 1), in
     * milliseconds; NaN with fewer than two tokens.
     */
    public double timePerOutputTokenMillis(int tokens) {
        if (tokens < 2 || firstContentNanos == ABSENT || lastContentNanos == ABSENT) {
            return Double.NaN;
        }
        return (lastContentNanos - firstContentNanos) / 1e6 / (tokens - 1);
    }

    /** The longest gap between two content events in milliseconds, or NaN with fewer than two. */
    public double longestStallMillis() {
        return chunkGapsNanos.length == 0 ? Double.NaN : Arrays.stream(chunkGapsNanos).max().getAsLong() / 1e6;
    }

    private double since(long instant) {
        return instant == ABSENT ? Double.NaN : (instant - sendNanos) / 1e6;
    }
}
