package io.github.qwenbench.hardware;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the trace DJL's {@code JniUtils.stopProfile} writes: a JSON array of Chrome-trace complete
 * events ({@code "ph": "X"}), one per operator call of libtorch's legacy autograd profiler, written
 * in the order the calls returned. Each has {@code name}, {@code ts} (microseconds from the start of
 * the profile), {@code dur} (microseconds, nested calls included), {@code tid}, {@code shape} (the
 * input shapes, when shapes are recorded) and {@code "cpu mem"}: the bytes allocated minus the bytes
 * freed on that thread while the call ran, nested calls included, formatted by DJL as {@code "192 b"},
 * {@code "12.00 Kb"}, {@code "-1.50 Mb"} (binary units, two decimals). The trace names no parent, so
 * each thread's calls are nested by their time intervals.
 */
final class ProfilerTrace {

    private static final Pattern MEMORY = Pattern.compile("(-?[0-9.]+) (b|Kb|Mb|Gb)");

    private ProfilerTrace() {
    }

    /**
     * The outermost calls of every thread, each with its nested calls.
     *
     * @param memoryProfiled whether the profile recorded memory; if not, every call's net bytes are null
     */
    static List<TraceCall> read(InputStream trace, boolean memoryProfiled) throws IOException {
        Map<Long, List<TraceCall>> byThread = new TreeMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = mapper.getFactory().createParser(trace)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the trace is not a JSON array of events");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                TraceCall call = call(mapper.readTree(parser), memoryProfiled);
                byThread.computeIfAbsent(call.thread(), t -> new ArrayList<>()).add(call);
            }
        }
        List<TraceCall> roots = new ArrayList<>();
        for (List<TraceCall> calls : byThread.values()) {
            roots.addAll(nest(calls));
        }
        return roots;
    }

    private static TraceCall call(JsonNode event, boolean memoryProfiled) throws IOException {
        JsonNode name = event.get("name");
        JsonNode start = event.get("ts");
        JsonNode duration = event.get("dur");
        if (name == null || start == null || duration == null) {
            throw new IOException("an event lacks its name, ts or dur: " + event);
        }
        List<List<Long>> shapes = new ArrayList<>();
        for (JsonNode shape : event.path("shape")) {
            List<Long> dimensions = new ArrayList<>();
            shape.forEach(d -> dimensions.add(d.asLong()));
            shapes.add(dimensions);
        }
        Long netBytes = memoryProfiled ? bytes(event.path("cpu mem").asText("0 b")) : null;
        return new TraceCall(name.asText(), event.path("tid").asLong(), start.asDouble(), duration.asDouble(),
                shapes, netBytes);
    }

    /** DJL's memory figure ({@code "-1.50 Mb"}) in bytes. */
    static long bytes(String text) throws IOException {
        Matcher m = MEMORY.matcher(text.trim());
        if (!m.matches()) {
            throw new IOException("unreadable memory figure \"" + text + "\"");
        }
        long unit = switch (m.group(2)) {
            case "Kb" -> 1L << 10;
            case "Mb" -> 1L << 20;
            case "Gb" -> 1L << 30;
            default -> 1;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unit);
    }

    /**
     * One thread's calls as trees. A call that starts before the enclosing one ends runs inside it. Of
     * two calls with the same start and duration, the one written later returned later: it encloses the
     * other.
     */
    private static List<TraceCall> nest(List<TraceCall> written) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> written.get(i).startMicros())
                .thenComparingDouble(i -> -written.get(i).durationMicros())
                .thenComparingInt(i -> -i));
        List<TraceCall> roots = new ArrayList<>();
        Deque<TraceCall> open = new ArrayDeque<>();
        for (int i : order) {
            TraceCall call = written.get(i);
            while (!open.isEmpty() && call.startMicros() >= open.peek().endMicros()) {
                open.pop();
            }
            if (open.isEmpty()) {
                roots.add(call);
            } else {
                open.peek().addChild(call);
            }
            open.push(call);
        }
        return roots;
    }
}
