package io.github.qwenbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's package; .ci/run installs it) with the network
 * off, and checks that the page ran and drew its charts. A screenshot is left in target/.
 */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void rendersTheChartsInChromium(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "this test needs Chromium: apt-get install chromium (.ci/run does)");
        HtmlReport.write(dir, List.of(ReportFixtures.failingPerformance()));
        Path page = dir.resolve(HtmlReport.FILE_NAME);
        String dom = chromium(dir, "--dump-dom", page.toUri().toString());
        Matcher charts = Pattern.compile("data-charts=\"(\\d+)\"").matcher(dom);
        assertTrue(charts.find(), "the page's script did not run: " + dom.substring(0, Math.min(400, dom.length())));
        assertEquals(2, Integer.parseInt(charts.group(1)), "latency percentiles and the speedup interval");
        assertTrue(dom.contains("FAILED"));
        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        chromium(dir, "--screenshot=" + screenshot, "--window-size=1200,1400", page.toUri().toString());
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot with content");
    }

    private static String chromium(Path profile, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile.resolve("chromium-profile")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, process.exitValue(), "chromium failed: " + out);
        return out;
    }
}
