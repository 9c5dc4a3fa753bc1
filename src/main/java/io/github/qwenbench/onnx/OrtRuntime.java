package io.github.qwenbench.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ONNX Runtime through its own Java API: one environment per worker, and sessions whose settings are
 * fixed when they are made and recorded with every result. Spinning is off in both thread pools: a
 * spinning thread keeps its core busy after each run, which would take CPU from the other model of an
 * interleaved comparison and from the machine's other work.
 */
public final class OrtRuntime {

    /** The session settings this plugin uses (and records), as ONNX Runtime's configuration keys. */
    static final String INTRA_OP_SPINNING = "session.intra_op.allow_spinning";
    static final String INTER_OP_SPINNING = "session.inter_op.allow_spinning";

    /**
     * How a session runs.
     *
     * @param intraOpThreads threads within one operator
     * @param optimization graph optimization level: {@code all}, {@code extended}, {@code basic} or {@code none}
     * @param arena whether the CPU memory arena keeps freed blocks for reuse (ONNX Runtime's default)
     * @param profilePrefix where ONNX Runtime's profiler writes each session's trace (the prefix of its file,
     *        to which it adds the time), or null for no profiling: the hardware suite's operator profile
     */
    public record Options(int intraOpThreads, String optimization, boolean arena, Path profilePrefix) {

        public Options {
            if (intraOpThreads < 1) {
                throw new IllegalArgumentException("intraOpThreads is " + intraOpThreads + ", needs at least 1");
            }
            level(optimization);
        }

        /** Options without profiling. */
        public Options(int intraOpThreads, String optimization, boolean arena) {
            this(intraOpThreads, optimization, arena, null);
        }

        /** The same options for a session named {@code part} whose runs are profiled under {@code directory}. */
        Options profiledAs(String part) {
            return profilePrefix == null ? this : new Options(intraOpThreads, optimization, arena,
                    profilePrefix.resolveSibling(profilePrefix.getFileName() + "-" + part));
        }

        /** The settings as recorded in results. */
        public Map<String, String> recorded() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("intraOpThreads", Integer.toString(intraOpThreads));
            m.put("interOpThreads", "1");
            m.put("executionMode", "sequential");
            m.put("graphOptimization", optimization);
            m.put("cpuArena", Boolean.toString(arena));
            m.put(INTRA_OP_SPINNING, "0");
            m.put(INTER_OP_SPINNING, "0");
            return m;
        }

        static OrtSession.SessionOptions.OptLevel level(String name) {
            return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
                case "all" -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                default -> throw new IllegalArgumentException("graph optimization '" + name + "' is not one of all,"
                        + " extended, basic, none");
            };
        }
    }

    private OrtRuntime() {
    }

    /** The worker's environment (one per process; ONNX Runtime counts its users). */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "qwen-bench");
    }

    /** The version of the native library in use. */
    public static String version() {
        return environment().getVersion();
    }

    /**
     * A session and the options it was made with, which must stay open as long as the session; closing it
     * closes both.
     */
    public record Graph(Path file, OrtSession session, OrtSession.SessionOptions options) implements AutoCloseable {

        /** Ends the session's profiling and returns its trace (Chrome's trace-event JSON). */
        public Path endProfiling() throws OrtException {
            return Path.of(session.endProfiling());
        }

        @Override
        public void close() throws OrtException {
            try {
                session.close();
            } finally {
                options.close();
            }
        }
    }

    /**
     * Opens {@code file} in a session with {@code options}; a file ONNX Runtime cannot read is a set-up
     * error naming it.
     *
     * @param what the model in words for messages, e.g. {@code the candidate's decoder}
     */
    public static Graph open(Path file, Options options, String what) throws BenchmarkSetupException {
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkSetupException(what + " " + file + " does not exist.");
        }
        OrtSession.SessionOptions session = new OrtSession.SessionOptions();
        try {
            session.setIntraOpNumThreads(options.intraOpThreads());
            session.setInterOpNumThreads(1);
            session.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session.setOptimizationLevel(Options.level(options.optimization()));
            session.setCPUArenaAllocator(options.arena());
            session.addConfigEntry(INTRA_OP_SPINNING, "0");
            session.addConfigEntry(INTER_OP_SPINNING, "0");
            if (options.profilePrefix() != null) {
                session.enableProfiling(options.profilePrefix().toString());
            }
            return new Graph(file, environment().createSession(file.toString(), session), session);
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw new BenchmarkSetupException("ONNX Runtime " + version() + " cannot load " + what + " " + file + ": "
                    + e.getMessage() + ". Check that it is an ONNX model (and its external-data files beside it) that"
                    + " this version reads.", e);
        }
    }

    /** The inputs a session declares, in its order: name, element type and shape ({@code -1} or a name for a free axis). */
    public static List<String> describeInputs(OrtSession session) throws OrtException {
        List<String> described = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            described.add(e.getKey() + " " + describe(e.getValue()));
        }
        return described;
    }

    /** A node's element type and shape in words, e.g. {@code FLOAT [batch_size, 8, past_sequence_length, 128]}. */
    static String describe(NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            return node.getInfo().toString();
        }
        long[] shape = tensor.getShape();
        String[] names = tensor.getDimensionNames();
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            dims.add(shape[i] >= 0 ? Long.toString(shape[i]) : names[i].isEmpty() ? "?" : names[i]);
        }
        return tensor.type + " [" + String.join(", ", dims) + "]";
    }
}
