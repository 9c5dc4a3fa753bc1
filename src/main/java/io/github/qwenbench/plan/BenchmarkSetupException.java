package io.github.qwenbench.plan;

/**
 * A broken set-up: bad configuration, a missing or corrupt model, inputs the model rejects. The
 * message names the file or setting and says what to do; the build reports it as a BUILD ERROR,
 * never as a missed target.
 */
public class BenchmarkSetupException extends Exception {

    private static final long serialVersionUID = 1L;

    public BenchmarkSetupException(String message) {
        super(message);
    }

    public BenchmarkSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
