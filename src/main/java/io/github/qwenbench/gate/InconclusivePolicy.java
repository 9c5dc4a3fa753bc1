package io.github.qwenbench.gate;

import java.util.Locale;

/** What an INCONCLUSIVE verdict does to the build ({@code qwen-bench.onInconclusive}). */
public enum InconclusivePolicy {
    /** Fail the build: nothing passes for lack of evidence (the default). */
    FAIL,
    /** Log a warning; the JUnit XML reports the gate as skipped, so a CI server does not go red. */
    WARN;

    /** Parses {@code fail} or {@code warn}; anything else is a setup error naming the setting. */
    public static InconclusivePolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return FAIL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("onInconclusive is '" + value + "', but it must be 'fail' or 'warn'.");
        }
    }
}
