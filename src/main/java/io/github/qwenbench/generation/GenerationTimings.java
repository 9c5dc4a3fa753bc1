package io.github.qwenbench.generation;

import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One model's timed requests in the generation suite, however they were timed (in-process forwards or a
 * served model's streamed events): time to first token, time per output token, end-to-end time and the two
 * rates, summarized as {@link GenerationMetrics.ModelGeneration}.
 */
final class GenerationTimings {

    private final String role;
    private final Histogram firstToken = LatencySummary.newHistogram();
    private final Histogram perToken = LatencySummary.newHistogram();
    private final Histogram endToEnd = LatencySummary.newHistogram();
    private final List<Double> tokensPerSecond = new ArrayList<>();
    private final List<Double> endToEndTokensPerSecond = new ArrayList<>();
    private int requests;

    GenerationTimings(String role) {
        this.role = role;
    }

    /**
     * Records one request.
     *
     * @param firstTokenNanos from the start of the request to its first token
     * @param perTokenNanos the time of each later token (each decode step), or of the average one
     * @param endToEndNanos the whole request
     * @param tokens the request's output tokens, the first included
     */
    void add(long firstTokenNanos, long[] perTokenNanos, long endToEndNanos, int tokens) {
        requests++;
        LatencySummary.record(firstToken, firstTokenNanos);
        for (long nanos : perTokenNanos) {
            LatencySummary.record(perToken, nanos);
        }
        LatencySummary.record(endToEnd, endToEndNanos);
        tokensPerSecond.add(decodeTokensPerSecond(tokens, firstTokenNanos, endToEndNanos));
        endToEndTokensPerSecond.add(tokens / (endToEndNanos / 1e9));
    }

    /** Tokens after the first over their time: the decode phase's rate (a request needs two tokens for one). */
    static double decodeTokensPerSecond(int tokens, long firstTokenNanos, long endToEndNanos) {
        return (tokens - 1) / ((endToEndNanos - firstTokenNanos) / 1e9);
    }

    int requests() {
        return requests;
    }

    /**
     * @param decoding how the model decoded, as the results say it
     * @param kvCacheBytesAtEnd one sequence's cache at the end of a timed request (0 without one)
     * @param kvCacheBytesPerToken that over the positions it holds (NaN without one)
     */
    GenerationMetrics.ModelGeneration summary(String decoding, long kvCacheBytesAtEnd, double kvCacheBytesPerToken) {
        return new GenerationMetrics.ModelGeneration(role, requests, LatencySummary.of(firstToken),
                LatencySummary.of(perToken), LatencySummary.of(endToEnd), Statistics.median(tokensPerSecond),
                Statistics.median(endToEndTokensPerSecond), decoding, kvCacheBytesAtEnd, kvCacheBytesPerToken);
    }
}
