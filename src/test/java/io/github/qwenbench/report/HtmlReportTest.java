package io.github.qwenbench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final String html = HtmlReport.render(List.of(ReportFixtures.failingPerformance()), Instant.EPOCH);

    @Test
    void aFailingRunShowsTheFailure() {
        assertTrue(html.contains("<div class=\"banner fail\">FAILED"), html);
        assertTrue(html.contains("<tr class=\"fail\"><td>performance</td><td>minSpeedup</td><td>0.47</td>"));
        assertTrue(html.contains("minSpeedup is 0.47, but expected minimum is 1"));
        assertTrue(html.contains("Run started 2026-11-27T17:00:00Z, measured for 1234 ms."),
                "results of several runs can share a directory: each says when it ran");
    }

    @Test
    void textFromConfigurationIsEscaped() {
        assertFalse(html.contains(ReportFixtures.HOSTILE), "raw script from a model path");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    }

    @Test
    void itIsSelfContained() {
        assertFalse(html.contains("src="), "no external scripts or images");
        assertFalse(html.contains("href="), "no stylesheets or links");
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(html.contains("<svg class=\"chart\""));
    }
}
