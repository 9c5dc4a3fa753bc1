package io.github.qwenbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.qwenbench.gate.Outcome;
import io.github.qwenbench.gate.Undecided;
import io.github.qwenbench.gate.Verdict;
import io.github.qwenbench.host.FreeCores;
import io.github.qwenbench.host.GitCommit;
import io.github.qwenbench.host.RunConditions;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.suite.SuiteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionsTest {

    private static JsonNode previousWithSpeedup(double estimate) {
        ObjectNode suite = Json.mapper().valueToTree(ReportFixtures.failingPerformance());
        ((ObjectNode) suite.path("metrics").path("speedup")).put("estimate", estimate);
        return suite;
    }

    @Test
    void aRunWhoseWholeIntervalReachesThePreviousLessTheTolerancePasses() {
        // this run: 0.50 [0.47, 0.53]; the previous run had 0.45: limit 0.4275, below the whole interval
        List<Verdict> verdicts = Regressions.compare(List.of(ReportFixtures.failingPerformance()),
                List.of(previousWithSpeedup(0.45)), 0.05);
        assertEquals(1, verdicts.size());
        assertTrue(verdicts.get(0).passed(), verdicts.get(0).message());
    }

    @Test
    void anIntervalStraddlingThePreviousLessTheToleranceIsInconclusive() {
        // the previous run had 0.5: limit 0.475 lies inside [0.47, 0.53]: neither a regression nor shown not to be
        Verdict v = Regressions.compare(List.of(ReportFixtures.failingPerformance()), List.of(previousWithSpeedup(0.5)),
                0.05).get(0);
        assertEquals(Outcome.INCONCLUSIVE, v.verdict(), v.message());
    }

    @Test
    void aPlantedRegressionIsFlaggedOnTheInterval() {
        // this run: 0.50 [0.47, 0.53]; the previous run had 0.60: even the upper bound is below 0.57
        Verdict v = Regressions.compare(List.of(ReportFixtures.failingPerformance()), List.of(previousWithSpeedup(0.6)),
                0.05).get(0);
        assertEquals(Outcome.FAIL, v.verdict());
        assertEquals("noRegression[performance.speedup]", v.name());
        assertTrue(v.message().contains("this run's interval against the previous run 0.6"), v.message());
    }

    /** The fixture's performance result as if measured with {@code threads} intra-op threads. */
    private static SuiteReport performanceUnder(int threads, double speedup) {
        SuiteReport r = ReportFixtures.failingPerformance();
        ObjectNode metrics = r.metrics().deepCopy();
        ((ObjectNode) metrics.path("speedup")).put("estimate", speedup);
        metrics.set("conditions", Json.mapper().valueToTree(new RunConditions(1, threads, new FreeCores(2, 0.0, "test"))));
        return new SuiteReport(r.suite(), r.runId(), r.passed(), r.startedAt(), r.durationMillis(), r.system(),
                r.models(), r.config(), metrics, r.gates(), r.warnings(), r.headline(), r.table(), r.onInconclusive());
    }

    @Test
    void aFigureMeasuredUnderOtherConditionsIsNotCompared() {
        // the previous run's 0.6 would make this run's [0.47, 0.53] a regression, but it used 2 intra-op threads
        JsonNode previous = Json.mapper().valueToTree(performanceUnder(2, 0.6));
        Verdict v = Regressions.compare(List.of(performanceUnder(1, 0.5)), List.of(previous), 0.05).get(0);
        assertEquals(Outcome.INCONCLUSIVE, v.verdict(), v.message());
        assertEquals(Undecided.CONDITIONS, v.undecided());
        assertTrue(v.message().contains("the previous run measured it under 1 caller x 2 intra-op threads, this one"
                + " under 1 caller x 1 intra-op thread"), v.message());
        Verdict same = Regressions.compare(List.of(performanceUnder(1, 0.5)),
                List.of(Json.mapper().valueToTree(performanceUnder(1, 0.6))), 0.05).get(0);
        assertEquals(Outcome.FAIL, same.verdict(), "under the same conditions the regression is flagged: "
                + same.message());
        assertTrue(same.message().contains("both under 1 caller x 1 intra-op thread"), same.message());
        Verdict older = Regressions.compare(List.of(performanceUnder(1, 0.5)), List.of(previousWithSpeedup(0.6)),
                0.05).get(0);
        assertEquals(Outcome.FAIL, older.verdict(), "a previous result that records no conditions is still compared");
    }

    @Test
    void historyRecordsTheConditionsAndTheReportSaysWhenTheyChanged(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        History.append(history, List.of(performanceUnder(2, 0.5)), "aaa111", Instant.EPOCH);
        History.append(history, List.of(performanceUnder(2, 0.5)), "bbb222", Instant.EPOCH);
        List<JsonNode> same = History.read(history);
        assertEquals("1 caller x 2 intra-op threads", same.get(0).path("conditions").path("performance.speedup").asText());
        assertEquals("", HtmlReport.conditionChanges(same, "performance.speedup"));
        History.append(history, List.of(performanceUnder(1, 0.5)), "ccc333", Instant.EPOCH);
        String note = HtmlReport.conditionChanges(History.read(history), "performance.speedup");
        assertTrue(note.contains("from run 3 (ccc333) 1 caller x 1 intra-op thread, before 1 caller x 2 intra-op"
                + " threads"), note);
    }

    @Test
    void readsAllResultsAndRejectsOtherFiles(@TempDir Path dir) throws Exception {
        Path all = dir.resolve("all.json");
        Json.writeAtomically(all, new AllResults(ReportFixtures.RUN, false, Instant.EPOCH, 1, List.of(ReportFixtures.failingPerformance())));
        assertEquals("performance", Regressions.readPrevious(all).get(0).path("suite").asText());
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"hello\": 1}");
        assertThrows(java.io.IOException.class, () -> Regressions.readPrevious(other));
        assertThrows(java.io.IOException.class, () -> Regressions.readPrevious(dir.resolve("missing.json")));
    }

    @Test
    void historyAppendsOneLinePerRunAndTheReportDrawsTheTrend(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        History.append(history, List.of(ReportFixtures.failingPerformance()), "abc123", Instant.EPOCH);
        History.append(history, List.of(ReportFixtures.failingPerformance()), null, Instant.EPOCH);
        List<JsonNode> lines = History.read(history);
        assertEquals(2, lines.size());
        assertEquals("abc123", lines.get(0).path("commit").asText());
        assertEquals(0.5, lines.get(0).path("figures").path("performance.speedup").asDouble());
        String html = HtmlReport.render(List.of(ReportFixtures.failingPerformance()), Instant.EPOCH, lines);
        assertTrue(html.contains("<h2>History</h2>") && html.contains("performance.speedup by run"));
    }

    @Test
    void theCommitComesFromTheCheckout() {
        String commit = io.github.qwenbench.host.GitCommit.of(Path.of("."));
        assertTrue(commit != null && commit.matches("[0-9a-f]{40}"), "the tests run in a git checkout: " + commit);
    }
}
