package io.github.qwenbench.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The element types an input tensor may have. */
public enum DataKind {
    FLOAT32(true), FLOAT16(true), BFLOAT16(true), FLOAT64(true), INT32(false), INT64(false), BOOLEAN(false);

    private final boolean floating;

    DataKind(boolean floating) {
        this.floating = floating;
    }

    public boolean isFloating() {
        return floating;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured dtype such as {@code float32} or {@code int64}. */
    public static DataKind parse(String setting, String text) throws BenchmarkSetupException {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (DataKind kind : values()) {
            if (kind.name().equals(normalized)) {
                return kind;
            }
        }
        throw new BenchmarkSetupException(setting + " is '" + text + "': use one of "
                + Arrays.stream(values()).map(DataKind::id).collect(Collectors.joining(", ")) + ".");
    }
}
