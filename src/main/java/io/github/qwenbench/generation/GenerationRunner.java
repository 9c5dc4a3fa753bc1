package io.github.qwenbench.generation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.decoding.GreedyDecoder;
import io.github.qwenbench.decoding.TokenAgreement;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.model.EngineThreads;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.model.LoadedModel;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.GenerationSettings;
import io.github.qwenbench.plan.InputSpec;
import io.github.qwenbench.stats.PairOrder;
import io.github.qwenbench.stats.Statistics;
import io.github.qwenbench.suite.SuiteContext;
import io.github.qwenbench.suite.SuiteRunner;
import io.github.qwenbench.workload.AnswerText;
import io.github.qwenbench.workload.PreparedSample;
import io.github.qwenbench.workload.PreparedWorkload;
import io.github.qwenbench.workload.SampleFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Generates with both models in one worker: first every sample's answer from each model, then timed
 * requests of a forced length, alternating between the models, until both ratios are decided or the
 * budget is spent.
 */
public final class GenerationRunner implements SuiteRunner {

    @Override
    public GenerationMetrics run(SuiteContext context) throws BenchmarkSetupException {
        if (context.plan().baseline().served()) {
            return EndpointGeneration.run(context);
        }
        GenerationSettings settings = context.plan().generation();
        InputFactory inputs = context.inputs();
        List<InputSpec> specs = inputs.inputs();
        EngineThreads threads = context.engineThreads();
        int intraOpThreads = threads.apply("generation", 1);
        try (NDManager manager = NDManager.newBaseManager();
                LoadedModel baseline = LoadedModel.load(context.plan().baseline(), false);
                LoadedModel candidate = LoadedModel.load(context.plan().candidate(), false)) {
            List<GenerationMetrics.Answer> answers;
            TokenAgreement agreement = new TokenAgreement();
            try (AnswerText text = AnswerText.of(context.plan())) {
                answers = answers(baseline, candidate, inputs, settings, manager, text, agreement);
            }
            context.progress().accept("answers of " + answers.size() + " samples: " + agreement.describe()
                    + ", identical " + agreement.identical());

            GreedyDecoder.Options timed = new GreedyDecoder.Options(settings.tokenInput(), settings.logitsOutput(),
                    settings.maxNewTokens(), Set.of());
            GenerationTimings base = new GenerationTimings("baseline");
            GenerationTimings cand = new GenerationTimings("candidate");
            GreedyDecoder.Decoded lastA = null;
            GreedyDecoder.Decoded lastB = null;
            PairOrder order = PairOrder.forComparison(context.plan().seed(), "generation");
            RequestPairs pairs = new RequestPairs(settings, order, context.progress());
            long start = System.nanoTime();
            FreeCores.Window window = FreeCores.open();
            for (int pair = 0; !pairs.stopped(); pair++) {
                GreedyDecoder.Decoded a;
                GreedyDecoder.Decoded b;
                try (NDManager scratch = manager.newSubManager()) {
                    NDList prompt = inputs.sample(scratch, pair % settings.samples());
                    if (order.baselineFirst(pair)) {
                        a = GreedyDecoder.decode(baseline, prompt, specs, timed, scratch);
                        b = GreedyDecoder.decode(candidate, prompt, specs, timed, scratch);
                    } else {
                        b = GreedyDecoder.decode(candidate, prompt, specs, timed, scratch);
                        a = GreedyDecoder.decode(baseline, prompt, specs, timed, scratch);
                    }
                }
                record(base, a);
                record(cand, b);
                lastA = a;
                lastB = b;
                pairs.add(decodeTokensPerSecond(b), decodeTokensPerSecond(a), b.firstTokenNanos(),
                        a.firstTokenNanos(), (System.nanoTime() - start) / 1_000_000);
            }
            RunConditions conditions = new RunConditions(1, intraOpThreads, window.close());
            context.progress().accept(String.format(Locale.ROOT, "timed %d request pairs of %d tokens: tokens/s ratio"
                    + " %.3f (%s), time-to-first-token ratio %.3f (%s); %s, %.1f of %d cores free", base.requests(),
                    settings.maxNewTokens(), pairs.tokensPerSecond.interval().estimate(),
                    pairs.tokensPerSecondStop.stoppedBecause(), pairs.firstToken.interval().estimate(),
                    pairs.firstTokenStop.stoppedBecause(), conditions.describe(),
                    conditions.free().freeShare(), conditions.free().cores()));
            GenerationMetrics.ModelGeneration baseSummary = summary(base, lastA);
            GenerationMetrics.ModelGeneration candSummary = summary(cand, lastB);
            return new GenerationMetrics(DecodingMethod.decoding(baseSummary.decoding(), candSummary.decoding()),
                    settings.maxNewTokens(), List.of(baseSummary, candSummary), pairs.tokensPerSecond.interval(),
                    pairs.firstToken.interval(), pairs.tokensPerSecondStop, pairs.firstTokenStop, answers,
                    agreement.agreement(), agreement.exactMatchRate(),
                    preprocessing(context.plan()),
                    GenerationMetrics.METHOD, conditions, order.seed());
        } finally {
            threads.restore();
        }
    }

    /** Each sample's answer from both models, decoded until a stop token or maxNewTokens (one row per sample). */
    private static List<GenerationMetrics.Answer> answers(LoadedModel baseline, LoadedModel candidate,
            InputFactory inputs, GenerationSettings settings, NDManager manager, AnswerText text,
            TokenAgreement agreement)
            throws BenchmarkSetupException {
        GreedyDecoder.Options options = new GreedyDecoder.Options(settings.tokenInput(), settings.logitsOutput(),
                settings.maxNewTokens(), settings.stopTokenSet());
        List<GenerationMetrics.Answer> answers = new ArrayList<>();
        for (int k = 0; k < settings.samples(); k++) {
            try (NDManager scratch = manager.newSubManager()) {
                NDList prompt = inputs.sample(scratch, k);
                GreedyDecoder.Decoded b = GreedyDecoder.decode(baseline, prompt, inputs.inputs(), options, scratch);
                GreedyDecoder.Decoded c = GreedyDecoder.decode(candidate, prompt, inputs.inputs(), options, scratch);
                for (int row = 0; row < b.tokens().length; row++) {
                    answers.add(GenerationMetrics.Answer.of(k, b.tokens()[row], c.tokens()[row], b.stopped()[row],
                            c.stopped()[row], text.decode(b.tokens()[row]), text.decode(c.tokens()[row]),
                            agreement.add(b.tokens()[row], c.tokens()[row])));
                }
            }
        }
        return answers;
    }

    /** The workload's preprocessing times, from the manifest its preparation wrote; null without a workload. */
    private static GenerationMetrics.Preprocessing preprocessing(BenchmarkPlan plan) {
        if (plan.workload() == null) {
            return null;
        }
        PreparedWorkload prepared = new SampleFiles(Path.of(plan.workload().directory())).readManifest();
        if (prepared == null || prepared.samples().isEmpty()) {
            return null;
        }
        List<PreparedSample> samples = prepared.samples();
        return new GenerationMetrics.Preprocessing(samples.size(),
                Statistics.median(samples.stream().map(PreparedSample::totalMillis).toList()),
                samples.stream().mapToDouble(PreparedSample::totalMillis).max().orElse(Double.NaN),
                Statistics.median(samples.stream().map(PreparedSample::imageMillis).toList()),
                Statistics.median(samples.stream().map(PreparedSample::templateMillis).toList()),
                Statistics.median(samples.stream().map(PreparedSample::tokenizationMillis).toList()));
    }

    /** One timed request: each forward after the first is one decode step. */
    private static void record(GenerationTimings timings, GreedyDecoder.Decoded decoded) {
        long[] forwards = decoded.forwardNanos();
        timings.add(decoded.firstTokenNanos(), Arrays.copyOfRange(forwards, 1, forwards.length), decoded.totalNanos(),
                forwards.length);
    }

    private static double decodeTokensPerSecond(GreedyDecoder.Decoded decoded) {
        return GenerationTimings.decodeTokensPerSecond(decoded.forwardNanos().length, decoded.firstTokenNanos(),
                decoded.totalNanos());
    }

    /** The summary, with the cache of one sequence at the end of the last timed request. */
    private static GenerationMetrics.ModelGeneration summary(GenerationTimings timings, GreedyDecoder.Decoded last) {
        long perSequence = last.cacheBytes() / last.tokens().length;
        return timings.summary(last.decoding(), perSequence,
                last.cached() ? (double) perSequence / last.cachePositions() : Double.NaN);
    }
}
