package io.github.qwenbench;

import io.github.qwenbench.model.ArtifactResolver;
import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.InputConfig;
import io.github.qwenbench.plan.WorkloadConfig;
import io.github.qwenbench.run.PlanFactory;
import io.github.qwenbench.workload.WorkloadResolver;
import java.nio.file.Path;
import java.util.List;

/** The workload fixtures of src/test/workload (conversations, images, Hugging Face references) and plans over them. */
public final class TestWorkloads {

    public static final Path DIRECTORY = Path.of("src/test/workload").toAbsolutePath();
    public static final Path CONVERSATIONS = DIRECTORY.resolve("conversations.jsonl");
    public static final Path REFERENCES = DIRECTORY.resolve("references");
    public static final Path TOKENIZER = Path.of("src/test/resources/qwen3/tokenizer.json").toAbsolutePath();

    private TestWorkloads() {
    }

    /** A workload of {@code conversations} with the Qwen3 tokenizer. */
    public static WorkloadConfig config(Path conversations) {
        WorkloadConfig workload = new WorkloadConfig();
        workload.setConversations(conversations.toFile());
        workload.setTokenizer(TOKENIZER.toFile());
        return workload;
    }

    /** A plan comparing {@code candidate} with {@code baseline} on every test conversation, samples in {@code directory}. */
    public static BenchmarkPlan planOf(Path directory, String baseline, String candidate) throws Exception {
        return create(directory, config(CONVERSATIONS), baseline, candidate, null);
    }

    /**
     * A plan comparing {@code candidate} with baseline.pt on {@code workload}, whose samples go to
     * {@code directory}/inputs, built as the mojos build it.
     *
     * @param inputs the {@code <inputs>} that reach the goal as well, or null
     */
    public static BenchmarkPlan plan(Path directory, WorkloadConfig workload, String candidate, List<InputConfig> inputs)
            throws Exception {
        return create(directory, workload, "baseline.pt", candidate, inputs);
    }

    private static BenchmarkPlan create(Path directory, WorkloadConfig workload, String baseline, String candidate,
            List<InputConfig> inputs) throws Exception {
        ArtifactResolver none = (c, s) -> {
            throw new AssertionError("no artifacts in this test");
        };
        return new PlanFactory(new ModelResolver(none, directory), new WorkloadResolver(none, directory))
                .create(new PlanFactory.Settings(TestModels.source(baseline), TestModels.source(candidate), null,
                        null, inputs, 42, null, null, null, null, null, null, null, null, workload,
                        directory.resolve("inputs")));
    }
}
