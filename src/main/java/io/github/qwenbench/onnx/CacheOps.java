package io.github.qwenbench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Joins and splits key/value cache tensors ({@code [rows, heads, positions, width]}) inside ONNX Runtime, with
 * two small graphs of this plugin's own ({@code src/main/onnx/make_cache_ops.py}): the results live in ONNX
 * Runtime's memory like the decoder's own {@code present.*} outputs, never in Java buffers (which the JVM caps
 * at {@code -XX:MaxDirectMemorySize}, a fraction of what a real model's cache takes). Thread-safe: ONNX
 * Runtime's sessions may run from several threads.
 */
final class CacheOps {

    private static final class Sessions {
        static final OrtSession JOIN = open("cache_join.onnx");
        static final OrtSession KEEP = open("cache_keep.onnx");
    }

    private CacheOps() {
    }

    private static OrtSession open(String resource) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions(); // kept open with its session, for the JVM's life
        try (InputStream in = CacheOps.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the plugin's " + resource + " is missing from its jar");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry(OrtRuntime.INTRA_OP_SPINNING, "0");
            options.addConfigEntry(OrtRuntime.INTER_OP_SPINNING, "0");
            return OrtRuntime.environment().createSession(in.readAllBytes(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the plugin's " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code a}'s rows, then {@code b}'s, each left-padded with zeros on the positions axis by {@code padA} and
     * {@code padB} positions. The result owns the tensor, its only output; close it when done.
     */
    static OrtSession.Result join(OnnxTensor a, long padA, OnnxTensor b, long padB) throws OrtException {
        try (OnnxTensor pa = leftPads(padA); OnnxTensor pb = leftPads(padB)) {
            return Sessions.JOIN.run(Map.of("a", a, "b", b, "pad_a", pa, "pad_b", pb));
        }
    }

    /** Rows {@code rows} of {@code x}, in order, from position {@code start} on. The result owns the tensor. */
    static OrtSession.Result keep(OnnxTensor x, long[] rows, long start) throws OrtException {
        try (OnnxTensor r = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(rows),
                new long[] {rows.length});
                OnnxTensor s = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(new long[] {start}),
                        new long[] {1})) {
            return Sessions.KEEP.run(Map.of("x", x, "rows", r, "start", s));
        }
    }

    /** Pad's pads for {@code positions} zeros before the positions axis (axis 2) of a 4-D tensor. */
    private static OnnxTensor leftPads(long positions) throws OrtException {
        return OnnxTensor.createTensor(OrtRuntime.environment(),
                LongBuffer.wrap(new long[] {0, 0, positions, 0, 0, 0, 0, 0}), new long[] {8});
    }
}
