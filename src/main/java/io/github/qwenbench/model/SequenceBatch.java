package io.github.qwenbench.model;

import io.github.qwenbench.plan.BenchmarkSetupException;

/**
 * Sequences decoding together over one key/value cache, as continuous batching needs them, whatever the
 * engine: a prefilled sequence knows its first token; batches join (the shorter cache padded and masked)
 * and keep some of their rows; each step feeds one token per row and learns the next ones. A row decoded in
 * a batch gets the tokens it gets alone.
 */
public interface SequenceBatch extends AutoCloseable {

    /** Sequences in the batch. */
    int size();

    /** Each row's next token: after the prefill its first, after a step the one that step chose. */
    long[] nextTokens();

    /** One decode step: feeds {@code tokens}, one per row. */
    void step(long[] tokens) throws BenchmarkSetupException;

    /** This batch's rows, then {@code other}'s, as one batch; both are consumed. */
    SequenceBatch join(SequenceBatch other) throws BenchmarkSetupException;

    /** Keeps the rows marked in {@code keep}, in order (at least one). */
    void keep(boolean[] keep) throws BenchmarkSetupException;

    @Override
    void close();
}
