package io.github.qwenbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The console's last line links the page, not its folder. */
class ReportLinkTest {

    @Test
    void theReportIsAnAbsoluteFileLinkToIndexHtml() {
        assertEquals("file:///work/demo/target/benchmark-results/index.html",
                AbstractBenchmarkMojo.reportLink(new File("/work/demo/../demo/target/benchmark-results")));
    }

    @Test
    void aRelativeFolderIsResolvedAgainstTheWorkingDirectory() {
        assertEquals(Path.of("").toAbsolutePath().resolve("target/benchmark-results/index.html").toUri().toString(),
                AbstractBenchmarkMojo.reportLink(new File("target/benchmark-results")));
    }
}
