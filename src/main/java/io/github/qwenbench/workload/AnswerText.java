package io.github.qwenbench.workload;

import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;

/** Answers as text, through the workload's tokenizer; without a workload, none (reports show token ids). */
public final class AnswerText implements AutoCloseable {

    private final QwenTokenizer tokenizer;

    private AnswerText(QwenTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The plan's workload tokenizer, or none when the plan has no workload. */
    public static AnswerText of(BenchmarkPlan plan) throws BenchmarkSetupException {
        return new AnswerText(plan.workload() == null ? null : QwenTokenizer.open(Path.of(plan.workload().tokenizer())));
    }

    /** The text of {@code ids}, or null without a tokenizer. */
    public String decode(long[] ids) {
        return tokenizer == null ? null : tokenizer.decode(ids);
    }

    /** The answer of {@code ids} as a user reads it, special tokens (the stop token) left out; null without a tokenizer. */
    public String answer(long[] ids) {
        return tokenizer == null ? null : tokenizer.decodeAnswer(ids).strip();
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
