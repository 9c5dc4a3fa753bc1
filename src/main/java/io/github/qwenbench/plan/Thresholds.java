package io.github.qwenbench.plan;

import java.util.Locale;

/** Parses threshold settings, accepting {@code 0.80} as well as {@code 80%}. */
public final class Thresholds {

    private Thresholds() {
    }

    /**
     * Parses a fraction such as {@code 0.01} or {@code 1%} and checks it lies in [min, max].
     *
     * @param setting the setting's name, for the error message
     * @param value the configured text; null or blank gives null (the gate is off)
     */
    public static Double fraction(String setting, String value, double min, double max)
            throws BenchmarkSetupException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        boolean percent = text.endsWith("%");
        double parsed;
        try {
            parsed = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
        } catch (NumberFormatException e) {
            throw new BenchmarkSetupException(setting + " is '" + value
                    + "', which is not a number: write it as a fraction (0.01) or a percentage (1%).");
        }
        if (percent) {
            parsed /= 100.0;
        }
        return inRange(setting, value, parsed, min, max);
    }

    /** Parses a plain number (no percent sign) and checks it lies in [min, max]. */
    public static Double number(String setting, String value, double min, double max)
            throws BenchmarkSetupException {
        if (value == null || value.isBlank()) {
            return null;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new BenchmarkSetupException(setting + " is '" + value + "', which is not a number"
                    + (value.trim().endsWith("%") ? ": this setting is a ratio, not a fraction; write 1.20 for 20% more"
                            + " (faster, or throughput), 0.90 for at most 10% less." : "."));
        }
        return inRange(setting, value, parsed, min, max);
    }

    private static double inRange(String setting, String value, double parsed, double min, double max)
            throws BenchmarkSetupException {
        if (!Double.isFinite(parsed) || parsed < min || parsed > max) {
            throw new BenchmarkSetupException(setting + " is '" + value + "', but it must lie between "
                    + format(min) + " and " + format(max) + ".");
        }
        return parsed;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Checks that a count setting is at least {@code min}. */
    public static int atLeast(String setting, int value, int min) throws BenchmarkSetupException {
        if (value < min) {
            throw new BenchmarkSetupException(setting + " is " + value + ", but it must be at least " + min + ".");
        }
        return value;
    }

    /**
     * Parses a duration such as {@code 10s}, {@code 500ms}, {@code 2m} or {@code PT30S}; null or
     * blank gives null.
     */
    public static java.time.Duration duration(String setting, String value) throws BenchmarkSetupException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            java.time.Duration parsed;
            if (text.startsWith("pt")) {
                parsed = java.time.Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            } else if (text.endsWith("ms")) {
                parsed = java.time.Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            } else if (text.endsWith("s")) {
                parsed = java.time.Duration.ofMillis(Math.round(1000 * Double.parseDouble(text.substring(0, text.length() - 1).trim())));
            } else if (text.endsWith("m")) {
                parsed = java.time.Duration.ofSeconds(Math.round(60 * Double.parseDouble(text.substring(0, text.length() - 1).trim())));
            } else {
                throw new NumberFormatException(text);
            }
            if (parsed.isNegative() || parsed.isZero()) {
                throw new BenchmarkSetupException(setting + " is '" + value + "', but it must be positive.");
            }
            return parsed;
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new BenchmarkSetupException(setting + " is '" + value + "': write a duration such as 500ms, 10s or 2m.");
        }
    }

    /** A duration as the settings spell it: {@code 30s}, {@code 1m}, {@code 5.5s}. */
    static String spelled(java.time.Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
