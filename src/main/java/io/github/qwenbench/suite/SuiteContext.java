package io.github.qwenbench.suite;

import io.github.qwenbench.model.EngineThreads;
import io.github.qwenbench.model.InputFactory;
import io.github.qwenbench.plan.BenchmarkPlan;
import io.github.qwenbench.plan.ModelFile;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a suite runner gets in the worker.
 *
 * @param plan the validated plan
 * @param inputs the inputs both models get
 * @param progress receives progress lines, relayed to Maven's log
 * @param role the one model this worker measures ({@code baseline} or {@code candidate}), or null for both
 * @param repetition which repetition this worker is (1-based), or 0 when the suite does not repeat
 * @param warnings findings about the set-up the runner reports with the result (e.g. threads adjusted)
 */
public record SuiteContext(BenchmarkPlan plan, InputFactory inputs, Consumer<String> progress, String role,
        int repetition, List<String> warnings) {

    /** The engine's threads for this worker, adjusted to the cores other processes leave free. */
    public EngineThreads engineThreads() {
        return new EngineThreads(plan.engine(), warnings);
    }

    /** The one model this worker measures: the candidate when its role says so, else the baseline. */
    public ModelFile model() {
        return "candidate".equals(role) ? plan.candidate() : plan.baseline();
    }
}
