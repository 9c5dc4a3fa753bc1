package io.github.qwenbench.endpoint;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events read as the WHATWG HTML standard interprets an event stream: lines end at CRLF, LF
 * or CR; a blank line dispatches the event; a line starting with a colon is a comment; in
 * {@code field:value} one space after the colon is dropped; several {@code data} lines join with LF; other
 * fields are ignored. Each event is stamped with {@link System#nanoTime()} when its last line arrived,
 * before anything parses it. An event still open at the end of the stream is returned too, marked
 * {@link Event#unterminated()} (servers that end without a blank line after their last event exist).
 */
public final class SseReader {

    /**
     * One event.
     *
     * @param data the joined data lines
     * @param nanos {@link System#nanoTime()} when the event's last line arrived
     * @param bytes bytes the event took on the wire, comments and blank line included
     * @param unterminated whether the stream ended before the blank line that dispatches it
     */
    public record Event(String data, long nanos, long bytes, boolean unterminated) {
    }

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean pendingLf;
    private boolean ended;

    /** Reads {@code in} (buffered here: a read returns what has arrived, so buffering delays nothing). */
    public SseReader(InputStream in) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
    }

    /** The next event with data, or null at the end of the stream. */
    public Event next() throws IOException {
        StringBuilder data = null;
        long bytes = 0;
        long nanos = 0;
        while (!ended) {
            int[] read = new int[1];
            String text = readLine(read);
            bytes += read[0];
            if (text == null) {
                ended = true;
                break;
            }
            nanos = System.nanoTime();
            if (text.isEmpty()) {
                if (data != null) {
                    return new Event(data.toString(), nanos, bytes, false);
                }
                bytes = 0;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
        }
        return data == null ? null : new Event(data.toString(), nanos, bytes, true);
    }

    /** One line without its end, or null at the end of the stream with nothing read; {@code read[0]} gets the bytes. */
    private String readLine(int[] read) throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            read[0]++;
            if (pendingLf) {
                pendingLf = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                pendingLf = true;
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }
}
