package io.github.qwenbench.decoding;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.model.SequenceBatch;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy continuous batching over the key/value cache: sequences join a running batch when they
 * arrive and leave it when their answer ends, and every {@link #step} decodes one token for all of
 * them in one call of the model's {@code decode} method. It follows the design of DJL's
 * {@code SeqBatchScheduler} (add requests, step, collect the finished ones; a joining sequence is
 * left-padded to the batch's length and the leading padding trimmed when the long ones leave), which
 * cannot serve Qwen3-VL as it is: its only scheduler is contrastive, its batcher's constructor is
 * package-private, and it assumes a text-only prefill, one-dimensional positions and the batch on the
 * first axis of every cache tensor. Here the prefill is the model's own (vision included), each
 * sequence keeps its rotary offset ({@code rope_deltas}) through padding and trimming, and the cache
 * tensors' batch and sequence axes are learned from the model ({@link CachedDecoding.Layout}). A three-part ONNX
 * package batches over its decoder's own cache ({@link LoadedModel#prefillBatch}); both kinds are driven
 * through one {@link SequenceBatch}.
 *
 * <p>One thread drives a batch; prefills may run on others ({@link #prefill}). A sequence decoded in a batch gets the tokens it gets alone (a test
 * proves it on the Qwen3-VL fixtures).
 */
public final class ContinuousBatch implements AutoCloseable {

    /**
     * An answer that has ended.
     *
     * @param id the caller's id of the request
     * @param tokens the answer, cut before its stop token
     * @param stopped whether it met a stop token (else it reached the most tokens allowed)
     * @param prefillStartNanos when its prefill began ({@code System.nanoTime()})
     * @param firstTokenNanos when its first token was known
     * @param endNanos when its last token was known
     */
    public record Finished(long id, long[] tokens, boolean stopped, long prefillStartNanos, long firstTokenNanos,
            long endNanos) {
    }

    /** A sequence in the batch: its answer so far and the token it feeds next. */
    private static final class Row {
        final long id;
        final long prefillStart;
        final long firstToken;
        final List<Long> tokens = new ArrayList<>();

        Row(long id, long prefillStart, long firstToken) {
            this.id = id;
            this.prefillStart = prefillStart;
            this.firstToken = firstToken;
        }

        Finished finish(boolean stopped, long now) {
            return new Finished(id, tokens.stream().mapToLong(Long::longValue).toArray(), stopped, prefillStart,
                    firstToken, now);
        }
    }

    private final LoadedModel model;
    /** The TorchScript model's cached decoding; null for a package, which batches over its own cache. */
    private final CachedDecoding decoding;
    private final List<InputSpec> specs;
    private final int tokenIndex;
    private final int maskIndex;
    private final GreedyDecoder.Options options;
    private final NDManager manager;
    private final Predictor<NDList, NDList> predictor;
    private CachedDecoding.Layout layout;
    private SequenceBatch batch;
    private final List<Row> rows = new ArrayList<>();
    private long tokensDecoded;

    /**
     * A batch of {@code model}, which must follow the cached-generation contract; it makes its own
     * predictor (one thread drives a batch). Answers end at a stop token of {@code options} or after its
     * {@code maxNewTokens}.
     */
    public ContinuousBatch(LoadedModel model, List<InputSpec> specs, GreedyDecoder.Options options, NDManager manager)
            throws BenchmarkSetupException {
        this.model = model;
        this.decoding = model.isPackage() ? null : CachedDecoding.of(model);
        if (decoding == null && !model.isPackage()) {
            throw new BenchmarkSetupException("Continuous batching needs a key/value cache, but the " + model.file().role()
                    + " model " + model.file().path() + " has no decode method: export one (README, \"Cached"
                    + " generation\"), or serve it one request at a time (<system><serving>one-at-a-time).");
        }
        this.specs = specs;
        this.tokenIndex = GreedyDecoder.indexOf(specs, options.tokenInput());
        this.maskIndex = GreedyDecoder.maskIndex(specs);
        this.options = options;
        this.manager = manager.newSubManager();
        this.predictor = model.newPredictor();
    }

    /** Sequences in the batch now. */
    public int size() {
        return rows.size();
    }

    /** Tokens produced so far, first tokens included. */
    public long tokens() {
        return tokensDecoded;
    }

    /**
     * A sequence prefilled and waiting to join the batch: its cache, its first token and when they were
     * made. Close it if it never joins.
     */
    public static final class Prefilled implements AutoCloseable {
        private final long id;
        private final SequenceBatch state;
        private final long firstToken;
        private final long startNanos;
        private final long firstTokenNanos;

        private Prefilled(long id, SequenceBatch state, long firstToken, long startNanos, long firstTokenNanos) {
            this.id = id;
            this.state = state;
            this.firstToken = firstToken;
            this.startNanos = startNanos;
            this.firstTokenNanos = firstTokenNanos;
        }

        public long id() {
            return id;
        }

        @Override
        public void close() {
            state.close();
        }
    }

    /**
     * Prefills {@code prompt} (one sequence) through {@code predictor}. It may run on another thread than
     * the batch's, with a predictor of its own, while the batch decodes: servers overlap the prefill of
     * arriving requests with the decoding of the running ones the same way. The batch's thread then
     * {@link #add(Prefilled) adds} it.
     */
    public Prefilled prefill(long id, NDList prompt, Predictor<NDList, NDList> predictor)
            throws BenchmarkSetupException {
        if (prompt.get(tokenIndex).getShape().get(0) != 1) {
            throw new BenchmarkSetupException("Continuous batching takes one sequence per request, but a prompt has "
                    + prompt.get(tokenIndex).getShape().get(0) + " rows.");
        }
        long start = System.nanoTime();
        SequenceBatch state = decoding == null ? model.prefillBatch(prompt)
                : new ScriptSequences(decoding.prefill(predictor, prompt, specs, tokenIndex, maskIndex));
        long first = state.nextTokens()[0];
        return new Prefilled(id, state, first, start, System.nanoTime());
    }

    /** Prefills {@code prompt} on this thread and lets it join the batch: {@link #add(Prefilled)}. */
    public Finished add(long id, NDList prompt) throws BenchmarkSetupException {
        return add(prefill(id, prompt, predictor));
    }

    /**
     * Lets a prefilled sequence join the batch; returns its answer instead when its first token already
     * ends it.
     */
    public Finished add(Prefilled prefilled) throws BenchmarkSetupException {
        Row row = new Row(prefilled.id, prefilled.startNanos, prefilled.firstTokenNanos);
        tokensDecoded++;
        if (ends(row, prefilled.firstToken)) {
            prefilled.close();
            return row.finish(options.stopTokens().contains(prefilled.firstToken), System.nanoTime());
        }
        try {
            if (layout == null && prefilled.state instanceof ScriptSequences script) {
                learnLayout(script.state, prefilled.firstToken);
            }
            batch = batch == null ? prefilled.state : batch.join(prefilled.state);
        } catch (BenchmarkSetupException | RuntimeException e) {
            prefilled.close();
            throw e;
        }
        rows.add(row);
        return null;
    }

    /**
     * One decode call for every sequence in the batch: each gets its next token; those whose answer ends
     * leave the batch and are returned.
     */
    public List<Finished> step() throws BenchmarkSetupException {
        if (rows.isEmpty()) {
            return List.of();
        }
        long[] feed = new long[rows.size()];
        for (int r = 0; r < feed.length; r++) {
            List<Long> tokens = rows.get(r).tokens;
            feed[r] = tokens.get(tokens.size() - 1);
        }
        batch.step(feed);
        long[] next = batch.nextTokens();
        long now = System.nanoTime();
        tokensDecoded += next.length;
        List<Finished> finished = new ArrayList<>();
        boolean[] keep = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            keep[r] = !ends(row, next[r]);
            if (!keep[r]) {
                finished.add(row.finish(options.stopTokens().contains(next[r]), now));
            }
        }
        if (finished.size() == rows.size()) {
            batch.close();
            batch = null;
            rows.clear();
        } else if (!finished.isEmpty()) {
            batch.keep(keep);
            List<Row> staying = new ArrayList<>();
            for (int r = 0; r < keep.length; r++) {
                if (keep[r]) {
                    staying.add(rows.get(r));
                }
            }
            rows.clear();
            rows.addAll(staying);
        }
        return finished;
    }

    /**
     * Drops every sequence (after a failed step, whose state is lost) and returns their ids: the batch is
     * empty and ready for new requests.
     */
    public List<Long> abandon() {
        List<Long> ids = rows.stream().map(row -> row.id).toList();
        if (batch != null) {
            batch.close();
            batch = null;
        }
        rows.clear();
        return ids;
    }

    /** Appends {@code token} unless it is a stop token; whether the answer has ended. */
    private boolean ends(Row row, long token) {
        if (options.stopTokens().contains(token)) {
            return true;
        }
        row.tokens.add(token);
        return row.tokens.size() >= options.maxNewTokens();
    }

    /** One step of a copy of the first sequence shows where its cache keeps positions and sequences. */
    private void learnLayout(CachedDecoding.State first, long token) throws BenchmarkSetupException {
        try (NDManager scratch = manager.newSubManager(); CachedDecoding.State probe = first.copy(scratch)) {
            probe.step(new long[] {token}, scratch);
            layout = CachedDecoding.Layout.learn(first.cacheShapes(), probe.cacheShapes(), decoding);
        }
    }

    /** A TorchScript model's cache as a {@link SequenceBatch}, joined and split along the learned layout. */
    private final class ScriptSequences implements SequenceBatch {
        private CachedDecoding.State state;
        private long[] next;

        ScriptSequences(CachedDecoding.State state) {
            this.state = state;
            this.next = state.takeNextTokens();
        }

        @Override
        public int size() {
            return next.length;
        }

        @Override
        public long[] nextTokens() {
            return next.clone();
        }

        @Override
        public void step(long[] tokens) throws BenchmarkSetupException {
            state.step(tokens, manager);
            next = state.takeNextTokens();
        }

        @Override
        public SequenceBatch join(SequenceBatch other) throws BenchmarkSetupException {
            ScriptSequences joining = (ScriptSequences) other;
            long[] both = new long[next.length + joining.next.length];
            System.arraycopy(next, 0, both, 0, next.length);
            System.arraycopy(joining.next, 0, both, next.length, joining.next.length);
            state = state.join(joining.state, layout);
            next = both;
            return this;
        }

        @Override
        public void keep(boolean[] keep) {
            state.keep(keep, layout);
            long[] kept = new long[next.length];
            int n = 0;
            for (int r = 0; r < next.length; r++) {
                if (keep[r]) {
                    kept[n++] = next[r];
                }
            }
            next = java.util.Arrays.copyOf(kept, n);
        }

        @Override
        public void close() {
            state.close();
        }
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
        }
        predictor.close();
        manager.close();
    }
}
