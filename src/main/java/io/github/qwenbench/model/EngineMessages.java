package io.github.qwenbench.model;

/** Extracts the line that matters from the engine's long, multi-line errors. */
public final class EngineMessages {

    private EngineMessages() {
    }

    /**
     * The most telling line of a chain of exceptions: TorchScript errors carry a serialized-code
     * traceback whose last {@code SomethingError: ...} line is the reason.
     */
    public static String rootCause(Throwable error) {
        String best = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String reason = null;
            for (String line : message.split("\n")) {
                String trimmed = line.trim();
                if (trimmed.matches("^[A-Za-z_.]*Error: .*")) {
                    reason = trimmed;
                }
            }
            if (reason != null) {
                return reason;
            }
            if (best == null) {
                best = message.split("\n")[0].trim();
            }
        }
        return best != null ? best : error.getClass().getSimpleName();
    }
}
