package io.github.qwenbench.accuracy;

import io.github.qwenbench.decoding.TokenAgreement;
import io.github.qwenbench.endpoint.Endpoint;
import io.github.qwenbench.endpoint.ServedPair;
import io.github.qwenbench.endpoint.StreamedAnswer;
import io.github.qwenbench.plan.AccuracySettings;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.workload.ChatRequests;
import io.github.qwenbench.workload.Conversation;
import io.github.qwenbench.workload.ConversationsFile;
import io.github.qwenbench.workload.QwenTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The accuracy suite over two served models, judged on their answers: every workload sample conversation goes
 * to both endpoints as a greedy chat request ({@code <generation><maxNewTokens>} at most), the answers are
 * compared as the workload tokenizer's ids of the streamed text (token agreement position by position, and
 * identical answers), and conversations that carry reference answers are scored as task accuracy. A served
 * model has no tensors to compare: the tensor gates, stability and gradient flow do not apply.
 */
final class ServedAccuracy {

    /** How served answers become the token ids the agreement counts, as the results say it. */
    static final String ANSWER_TOKENS = "served answers (token ids: the workload tokenizer's of the streamed text)";

    private ServedAccuracy() {
    }

    static AccuracyMetrics run(SuiteContext context) throws BenchmarkSetupException {
        BenchmarkPlan plan = context.plan();
        AccuracySettings settings = plan.accuracy();
        requireAnswerGates(settings);
        List<Conversation> samples = ConversationsFile.samples(plan.workload());
        int maxTokens = plan.generation().maxNewTokens();
        context.progress().accept("answers of " + samples.size() + " conversations from each endpoint, greedy, at most "
                + maxTokens + " tokens each");
        TokenAgreement agreement = new TokenAgreement();
        List<Long> firstBaseline = null;
        List<Long> firstCandidate = null;
        List<AccuracyMetrics.TaskItem> scored = new ArrayList<>();
        try (ServedPair served = ServedPair.open(plan.baseline(), plan.candidate(), "accuracy", context.progress());
                QwenTokenizer tokenizer = QwenTokenizer.open(Path.of(plan.workload().tokenizer()))) {
            for (int k = 0; k < samples.size(); k++) {
                Conversation conversation = samples.get(k);
                String b = answer(served, served.baseline(), conversation, maxTokens, k);
                String c = answer(served, served.candidate(), conversation, maxTokens, k);
                long[] tb = tokenizer.encode(b);
                long[] tc = tokenizer.encode(c);
                agreement.add(tb, tc);
                if (firstBaseline == null) {
                    firstBaseline = Arrays.stream(tb).boxed().toList();
                    firstCandidate = Arrays.stream(tc).boxed().toList();
                }
                if (conversation.reference() != null) {
                    scored.add(TaskAccuracy.score(conversation, b, c));
                }
                if ((k + 1) % 4 == 0 || k + 1 == samples.size()) {
                    context.progress().accept("answered " + (k + 1) + "/" + samples.size() + " conversations");
                }
            }
        }
        AccuracyMetrics.Generation answers = new AccuracyMetrics.Generation(ANSWER_TOKENS, maxTokens,
                agreement.pairs(), agreement.agreement(), agreement.exactMatchRate(), firstBaseline, firstCandidate);
        context.progress().accept("answers: " + agreement.describe() + ", " + agreement.identical() + " of "
                + agreement.pairs() + " identical");
        AccuracyMetrics.Task task = scored.isEmpty() ? null
                : TaskAccuracy.summarize(scored, 1 - settings.taskConfidence());
        return new AccuracyMetrics(List.of(), List.of(), answers, List.of(), task);
    }

    /**
     * Served models are judged on their answers only: a gate on them must be set, and the gates on tensors a
     * server does not return must not be.
     */
    static void requireAnswerGates(AccuracySettings settings) throws BenchmarkSetupException {
        if (settings.gradientFlow()) {
            throw new BenchmarkSetupException("accuracy/gradientFlow is set, but the models are endpoints: a server"
                    + " runs no backward pass for the plugin. Remove it, or give the models as files.");
        }
        if (settings.minTop1Agreement() != null) {
            throw new BenchmarkSetupException("accuracy/minTop1Agreement is set, but the models are endpoints, whose"
                    + " logits the plugin does not see: judge their answers with accuracy/minGenerationAgreement.");
        }
        if (settings.minGenerationAgreement() == null && settings.maxTaskAccuracyDrop() == null) {
            throw new BenchmarkSetupException("The accuracy suite judges served models on their answers, and no gate"
                    + " on answers is set: set <accuracy><minGenerationAgreement> (the share of answer tokens that"
                    + " agree, e.g. 0.9), or <accuracy><maxTaskAccuracyDrop> with reference answers in the workload"
                    + " (docs/task-accuracy.md), or leave accuracy out of <suites>.");
        }
    }

    private static String answer(ServedPair served, Endpoint endpoint, Conversation conversation, int maxTokens,
            int sample) throws BenchmarkSetupException {
        StreamedAnswer answer = served.complete(endpoint, ChatRequests.body(conversation, endpoint.model(), maxTokens,
                null, List.of()), sample);
        return answer.text();
    }
}
