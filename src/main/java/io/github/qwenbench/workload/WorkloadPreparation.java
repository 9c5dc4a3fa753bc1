package io.github.qwenbench.workload;

import io.github.qwenbench.model.ModelResolver;
import io.github.qwenbench.model.NumpyArray;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.plan.WorkloadSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a plan's workload into its samples, in a worker JVM (the tokenizer is native code): each
 * conversation preprocessed as Qwen3-VL's processor does it, and its tensors, one per forward argument
 * of the models, written with its prompt to {@link SampleFiles}. Earlier samples are removed first.
 */
public final class WorkloadPreparation {

    /** How often a long preparation reports progress, in conversations. */
    private static final int PROGRESS_EVERY = 50;

    private WorkloadPreparation() {
    }

    public static PreparedWorkload prepare(BenchmarkPlan plan, Consumer<String> progress)
            throws BenchmarkSetupException {
        WorkloadSettings workload = plan.workload();
        Path file = Path.of(workload.conversations());
        if (!ModelResolver.sha256(file).equals(workload.conversationsSha256())) {
            throw new BenchmarkSetupException("The conversations file " + file + " changed after the build read it"
                    + " (its SHA-256 differs): run the build again.");
        }
        List<Conversation> conversations = ConversationsFile.read(file);
        ChatTemplate template = workload.chatTemplate() == null ? ChatTemplate.qwen3Vl()
                : ChatTemplate.fromFile(Path.of(workload.chatTemplate()));
        SampleFiles files = new SampleFiles(Path.of(workload.directory()));
        files.clear();
        List<PreparedSample> samples = new ArrayList<>();
        try (Qwen3VlPreprocessor preprocessor = Qwen3VlPreprocessor.open(Path.of(workload.tokenizer()), template,
                VisionSettings.of(workload))) {
            for (int k = 0; k < workload.samples(); k++) {
                Conversation conversation = conversations.get(k);
                ModelInputs inputs = preprocessor.process(conversation);
                Map<String, NumpyArray> tensors = new LinkedHashMap<>();
                for (InputSpec input : plan.inputs()) {
                    tensors.put(input.name(), inputs.tensor(input.name()));
                }
                files.write(k, tensors, inputs.prompt());
                samples.add(summary(k, conversation, inputs, tensors));
                if ((k + 1) % PROGRESS_EVERY == 0 && k + 1 < workload.samples()) {
                    progress.accept("workload: preprocessed " + (k + 1) + "/" + workload.samples() + " conversations");
                }
            }
        }
        return new PreparedWorkload(null, null, false, samples);
    }

    private static PreparedSample summary(int k, Conversation conversation, ModelInputs inputs,
            Map<String, NumpyArray> tensors) {
        List<List<Long>> grids = Arrays.stream(inputs.imageGridThw())
                .map(g -> Arrays.stream(g).boxed().toList()).toList();
        List<String> written = tensors.entrySet().stream()
                .map(t -> t.getKey() + " " + Arrays.toString(t.getValue().shape())).toList();
        StageTimings t = inputs.timings();
        return new PreparedSample(k, conversation.line(), inputs.inputIds().length, grids,
                inputs.pixelValuesShape()[0], inputs.patchLength(), written, t.imageNanos() / 1e6,
                t.templateNanos() / 1e6, t.tokenizationNanos() / 1e6);
    }
}
