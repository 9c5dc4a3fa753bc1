package io.github.qwenbench.accuracy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.GreedyDecoder;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.scoring.ScoringRule;
import io.github.qwenbench.stats.PairedScoreDifference;
import io.github.qwenbench.workload.AnswerText;
import io.github.qwenbench.workload.ContentPart;
import io.github.qwenbench.workload.Conversation;
import io.github.qwenbench.workload.ConversationsFile;
import io.github.qwenbench.workload.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Task accuracy: both models answer every workload conversation that carries reference answers,
 * greedily ({@code <generation>}'s token input, maxNewTokens and stop tokens), and each answer is
 * scored against the references by the item's {@link ScoringRule}. The drop of the candidate's
 * score is judged on {@link PairedScoreDifference}'s one-sided bounds, the items being the pairs.
 */
final class TaskAccuracy {

    /** A score at or above this counts as a right answer in the counts of items one model alone gets right. */
    static final double RIGHT = 0.5;

    private TaskAccuracy() {
    }

    /** The task scores of both models, or null when the plan has no conversation with reference answers. */
    static AccuracyMetrics.Task measure(BenchmarkPlan plan, LoadedModel baseline, LoadedModel candidate,
            InputFactory inputs, Consumer<String> progress) throws BenchmarkSetupException {
        List<Item> items = items(plan);
        GenerationSettings generation = plan.generation();
        if (items.isEmpty() || !generation.takesTokenInput(inputs.inputs())) {
            return null;
        }
        progress.accept("task accuracy: " + items.size() + " conversations with reference answers, up to "
                + generation.maxNewTokens() + " new tokens each");
        GreedyDecoder.Options options = new GreedyDecoder.Options(generation.tokenInput(), generation.logitsOutput(),
                generation.maxNewTokens(), generation.stopTokenSet());
        List<AccuracyMetrics.TaskItem> scored = new ArrayList<>();
        try (AnswerText text = AnswerText.of(plan); NDManager manager = NDManager.newBaseManager()) {
            for (Item item : items) {
                try (NDManager scratch = manager.newSubManager()) {
                    NDList prompt = inputs.sample(scratch, item.sample());
                    String b = text.answer(GreedyDecoder.decode(baseline, prompt, inputs.inputs(), options, scratch)
                            .tokens()[0]);
                    String c = text.answer(GreedyDecoder.decode(candidate, prompt, inputs.inputs(), options, scratch)
                            .tokens()[0]);
                    scored.add(score(item.conversation(), b, c));
                }
            }
        }
        return summarize(scored, 1 - plan.accuracy().taskConfidence());
    }

    /** Both models' answers to a conversation that carries reference answers, scored by its rule. */
    static AccuracyMetrics.TaskItem score(Conversation conversation, String baselineAnswer, String candidateAnswer) {
        Reference reference = conversation.reference();
        ScoringRule rule = ScoringRule.parse(reference.scoring());
        return new AccuracyMetrics.TaskItem(conversation.line(), conversation.question(), images(conversation),
                reference.answers(), rule.id(), baselineAnswer, candidateAnswer,
                rule.score(baselineAnswer, reference.answers(), reference.options()),
                rule.score(candidateAnswer, reference.answers(), reference.options()));
    }

    /** Both models' mean scores, the items only one gets right, and the drop with its bounds. */
    static AccuracyMetrics.Task summarize(List<AccuracyMetrics.TaskItem> items, double alpha) {
        double[] b = items.stream().mapToDouble(AccuracyMetrics.TaskItem::baselineScore).toArray();
        double[] c = items.stream().mapToDouble(AccuracyMetrics.TaskItem::candidateScore).toArray();
        int onlyBaseline = 0;
        int onlyCandidate = 0;
        for (int i = 0; i < b.length; i++) {
            onlyBaseline += b[i] >= RIGHT && c[i] < RIGHT ? 1 : 0;
            onlyCandidate += c[i] >= RIGHT && b[i] < RIGHT ? 1 : 0;
        }
        return new AccuracyMetrics.Task(items.size(), mean(b), mean(c), onlyBaseline, onlyCandidate,
                PairedScoreDifference.of(b, c, alpha), items);
    }

    /** A workload sample whose conversation carries reference answers. */
    private record Item(int sample, Conversation conversation) {
    }

    private static List<Item> items(BenchmarkPlan plan) throws BenchmarkSetupException {
        if (plan.workload() == null) {
            return List.of();
        }
        List<Conversation> samples = ConversationsFile.samples(plan.workload());
        List<Item> items = new ArrayList<>();
        for (int k = 0; k < samples.size(); k++) {
            if (samples.get(k).reference() != null) {
                items.add(new Item(k, samples.get(k)));
            }
        }
        return items;
    }

    private static List<String> images(Conversation conversation) {
        return conversation.images().stream().map(ContentPart.Image::path).map(Path::toString).toList();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
