package io.github.qwenbench.generation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.decoding.DecodingMethod;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.stats.LatencySummary;
import io.github.qwenbench.stats.RatioInterval;
import io.github.qwenbench.stats.SequentialComparison;
import io.github.qwenbench.suite.SuiteReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationSuiteTest {

    @Test
    void theAnswersSayWhatTheyAreWorth() {
        LatencySummary latency = new LatencySummary(12, 1, 2, 0.5, 0.25, 2, 3, 3, 4, 4, 4);
        GenerationMetrics.ModelGeneration model = new GenerationMetrics.ModelGeneration("baseline", 12, latency,
                latency, latency, 500, 450, DecodingMethod.FULL_RECOMPUTE, 0, 0);
        RatioInterval ratio = new RatioInterval(1.0, 0.95, 1.05, 0.95, 12, "rule");
        SequentialComparison.Stop stop = new SequentialComparison.Stop(true, "decided", 1000);
        GenerationMetrics metrics = new GenerationMetrics("full recompute", 8, List.of(model,
                new GenerationMetrics.ModelGeneration("candidate", 12, latency, latency, latency, 500, 450,
                        DecodingMethod.FULL_RECOMPUTE, 0, 0)), ratio, ratio, stop, stop,
                List.of(new GenerationMetrics.Answer(0, List.of(5L, 9L), List.of(5L, 9L), false, false,
                        "zq vortex blam", "zq vortex blam", 1, -1)), 1, 1, null, GenerationMetrics.METHOD, null, 0);
        SuiteReport report = new SuiteReport("generation", "run", true, Instant.EPOCH, 1000, null, List.of(),
                Map.of(), Json.mapper().valueToTree(metrics), List.of(), List.of(), "", List.of(), null);

        String html = new GenerationSuite().htmlSection(metrics, report);

        assertTrue(html.contains("<code>zq vortex blam</code>"), html);
        assertTrue(html.contains("</table><p>Answers are shown as the models produced them; models with random"
                + " weights (like the bundled test models) produce meaningless text \u2014 the comparison is what is"
                + " judged.</p>"), html);
    }
}
