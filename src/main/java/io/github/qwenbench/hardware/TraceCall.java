package io.github.qwenbench.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One operator call of a profiler trace, placed in its thread's call tree: the calls it made run
 * nested inside it on the same thread.
 */
final class TraceCall {

    private final String name;
    private final long thread;
    private final double startMicros;
    private final double durationMicros;
    private final List<List<Long>> shapes;
    private final Long netBytes;
    private final List<TraceCall> children = new ArrayList<>();
    private TraceCall parent;

    /**
     * @param shapes the input shapes as recorded ({@code []} for an argument that is not a tensor)
     * @param netBytes bytes allocated minus bytes freed on the call's thread while it ran, nested calls
     *     included; null when memory was not profiled
     */
    TraceCall(String name, long thread, double startMicros, double durationMicros, List<List<Long>> shapes,
            Long netBytes) {
        this.name = name;
        this.thread = thread;
        this.startMicros = startMicros;
        this.durationMicros = durationMicros;
        this.shapes = List.copyOf(shapes);
        this.netBytes = netBytes;
    }

    String name() {
        return name;
    }

    long thread() {
        return thread;
    }

    double startMicros() {
        return startMicros;
    }

    double endMicros() {
        return startMicros + durationMicros;
    }

    /** Wall time from entry to exit, nested calls included. */
    double durationMicros() {
        return durationMicros;
    }

    /** Wall time spent in this call itself: its duration minus its nested calls'. */
    double selfMicros() {
        double nested = children.stream().mapToDouble(TraceCall::durationMicros).sum();
        return Math.max(0, durationMicros - nested);
    }

    List<List<Long>> shapes() {
        return shapes;
    }

    /**
     * The shapes of the operator's last {@code arity} arguments. A call the TorchScript interpreter
     * makes records the interpreter's whole stack, so its list starts with the shapes of values that
     * wait there for later operators; its own arguments are the last ones. A call made from inside
     * another operator records exactly its arguments.
     */
    List<List<Long>> arguments(int arity) {
        return shapes.subList(Math.max(0, shapes.size() - arity), shapes.size());
    }

    Long netBytes() {
        return netBytes;
    }

    /** {@link #netBytes()} minus the nested calls'; null when memory was not profiled. */
    Long selfNetBytes() {
        if (netBytes == null) {
            return null;
        }
        return netBytes - children.stream().mapToLong(TraceCall::netBytes).sum();
    }

    List<TraceCall> children() {
        return Collections.unmodifiableList(children);
    }

    /** Whether an enclosing call has the name {@code prefix} starts. */
    boolean insideCallStartingWith(String prefix) {
        for (TraceCall p = parent; p != null; p = p.parent) {
            if (p.name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an enclosing call has this call's name (recursion such as a Scalar overload calling the Tensor one). */
    boolean insideCallOfSameName() {
        for (TraceCall p = parent; p != null; p = p.parent) {
            if (p.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** This call's nested calls, depth first, without the call itself. */
    List<TraceCall> descendants() {
        List<TraceCall> all = new ArrayList<>();
        for (TraceCall child : children) {
            all.add(child);
            all.addAll(child.descendants());
        }
        return all;
    }

    void addChild(TraceCall child) {
        children.add(child);
        child.parent = this;
    }
}
