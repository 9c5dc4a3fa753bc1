package io.github.qwenbench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenbench.gate.InconclusivePolicy;
import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.HostInfo;
import io.github.qwenbench.plan.ModelFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One suite's result file: what was measured, on what, with which settings, and the verdicts.
 *
 * @param suite the suite's name
 * @param runId the run (one {@code mvn} invocation) that produced it; every execution of one Maven
 *        session shares it, so results of an earlier run in the same directory can be told apart
 *        (null in files written before run ids existed)
 * @param passed whether every gate passed (false when there were none)
 * @param startedAt when measuring started
 * @param durationMillis how long the suite ran in the worker
 * @param system the machine and runtime
 * @param models the models measured
 * @param config inputs, seed, engine and suite settings
 * @param metrics the measured metrics
 * @param gates every gate's verdict
 * @param warnings findings that pass the gates but deserve a look
 * @param headline the suite's key figures in one line, for the console and reports
 * @param table further lines for the console, e.g. the scalability curves as a table
 * @param onInconclusive what an INCONCLUSIVE verdict did to the build (null: fail)
 */
public record SuiteReport(String suite, String runId, boolean passed, Instant startedAt, long durationMillis, HostInfo system,
        List<ModelFile> models, Map<String, Object> config, JsonNode metrics, List<Verdict> gates,
        List<String> warnings, String headline, List<String> table, InconclusivePolicy onInconclusive) {

    /** Gates that did not pass: FAIL and INCONCLUSIVE. */
    public List<Verdict> failures() {
        return gates.stream().filter(v -> !v.passed()).toList();
    }

    /** Gates whose evidence says the target is missed (or that measured nothing). */
    public List<Verdict> failed() {
        return gates.stream().filter(v -> v.verdict() == Outcome.FAIL).toList();
    }

    /** Gates whose budget was spent without a decision. */
    public List<Verdict> inconclusive() {
        return gates.stream().filter(v -> v.verdict() == Outcome.INCONCLUSIVE).toList();
    }

    /** What an INCONCLUSIVE verdict does to the build. */
    public InconclusivePolicy inconclusivePolicy() {
        return onInconclusive == null ? InconclusivePolicy.FAIL : onInconclusive;
    }
}
