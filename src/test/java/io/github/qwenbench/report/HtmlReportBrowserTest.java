package io.github.qwenbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium or Chrome ({@code CHROME_BIN}, the usual names on the PATH,
 * or the macOS applications; .ci/run installs Debian's chromium) with the network off, and checks
 * that the page ran and drew its charts. A screenshot is left in target/.
 */
class HtmlReportBrowserTest {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable", "chrome");

    private static final List<Path> MACOS_APPLICATIONS = List.of(
            Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"),
            Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));

    @Test
    void rendersTheChartsInChromium(@TempDir Path dir) throws Exception {
        Optional<Path> browser = findBrowser();
        String missing = "This test needs Chromium or Chrome: set CHROME_BIN to its executable, or install it"
                + " (apt-get install chromium; .ci/run does).";
        assertFalse(browser.isEmpty() && "true".equals(System.getenv("CI")), missing + " CI=true, so it fails here.");
        // The one deliberate skip in the suite: a developer without a browser still gets a green
        // build from everything else, while CI (CI=true, which .ci/run exports) must run it.
        assumeTrue(browser.isPresent(), missing + " Skipped, since CI is not true.");
        HtmlReport.write(dir, List.of(ReportFixtures.failingPerformance()));
        Path page = dir.resolve(HtmlReport.FILE_NAME);
        String dom = chromium(browser.get(), dir, "--dump-dom", page.toUri().toString());
        Matcher charts = Pattern.compile("data-charts=\"(\\d+)\"").matcher(dom);
        assertTrue(charts.find(), "the page's script did not run: " + dom.substring(0, Math.min(400, dom.length())));
        assertEquals(2, Integer.parseInt(charts.group(1)), "latency percentiles and the speedup interval");
        assertTrue(dom.contains("FAILED"));
        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        chromium(browser.get(), dir, "--screenshot=" + screenshot, "--window-size=1200,1400", page.toUri().toString());
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot with content");
    }

    /** {@code CHROME_BIN} if set (it must then name an executable), else the first browser found. */
    private static Optional<Path> findBrowser() {
        String configured = System.getenv("CHROME_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            assertTrue(Files.isExecutable(path), "CHROME_BIN is " + configured + ", which is not an executable file:"
                    + " point it at Chromium or Chrome, or unset it.");
            return Optional.of(path);
        }
        List<Path> candidates = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                NAMES.forEach(name -> candidates.add(Path.of(directory, name)));
            }
        }
        candidates.addAll(MACOS_APPLICATIONS);
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static String chromium(Path browser, Path profile, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
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
