package io.github.qwenbench.onnx;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inputs an {@code .onnx} file declares, read from its protobuf without loading it into ONNX
 * Runtime (the build plans before any worker starts): the graph's inputs that are not initializers,
 * with their element type and shape. Weights are skipped, not read, so a large file costs a scan.
 */
public final class OnnxGraphFile {

    /**
     * One declared input.
     *
     * @param name its name
     * @param elementType ONNX's {@code TensorProto.DataType} number (1 float, 7 int64, ...)
     * @param dims each dimension's size, or -1 for a named or unknown one
     */
    public record Input(String name, int elementType, long[] dims) {

        /** The element type as the plugin's dtypes spell it, or {@code type<N>} for others. */
        public String dtype() {
            return dtypeOf(elementType);
        }
    }

    /** ONNX's {@code TensorProto.DataType} number as the plugin's dtypes spell it, or {@code type<N>}. */
    static String dtypeOf(int elementType) {
        return switch (elementType) {
            case 1 -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 9 -> "boolean";
            case 10 -> "float16";
            case 11 -> "float64";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 16 -> "bfloat16";
            case 21 -> "uint4";
            case 22 -> "int4";
            default -> "type" + elementType;
        };
    }

    /**
     * What the file declares.
     *
     * @param inputs the graph inputs that are not initializers, in order
     * @param weightList every initializer, in the file's order
     * @param weights initializers (weights and constants)
     * @param weightElements their elements, all types together (a 4-bit weight packed two to a byte counts as
     *        the bytes it is stored in)
     * @param weightBytes their bytes as stored (external data included: the dimensions say it)
     */
    public record Graph(List<Input> inputs, List<Weight> weightList, int weights, long weightElements,
            long weightBytes) {
    }

    /**
     * One initializer.
     *
     * @param name its name
     * @param dtype its element type as the plugin's dtypes spell it ({@code uint4}, {@code int4} for 4-bit)
     * @param shape its dimensions
     * @param elements its elements
     * @param bytes its bytes as stored
     */
    public record Weight(String name, String dtype, List<Long> shape, long elements, long bytes) {
    }

    private OnnxGraphFile() {
    }

    /** The graph inputs of {@code file} that are not initializers, in order. */
    public static List<Input> inputs(Path file) throws BenchmarkSetupException {
        return read(file).inputs();
    }

    /** The graph's inputs and the size of its initializers. */
    public static Graph read(Path file) throws BenchmarkSetupException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Reader r = new Reader(in, Files.size(file));
            while (r.more()) {
                int key = (int) r.varint();
                if (key >>> 3 == 7 && (key & 7) == 2) { // ModelProto.graph
                    return graph(r.sub(r.varint()));
                }
                r.skip(key & 7);
            }
            throw new BenchmarkSetupException(file + " holds no graph: is it an ONNX model?");
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkSetupException(file + " cannot be read as an ONNX model (" + e.getMessage() + ")."
                    + " Check that it is a .onnx file, complete.", e);
        }
    }

    private static Graph graph(Reader r) throws IOException {
        List<Input> declared = new ArrayList<>();
        List<Weight> weights = new ArrayList<>();
        while (r.more()) {
            int key = (int) r.varint();
            int field = key >>> 3;
            if ((key & 7) != 2) {
                r.skip(key & 7);
                continue;
            }
            long length = r.varint();
            if (field == 11) {
                declared.add(valueInfo(r.sub(length)));
            } else if (field == 5) {
                weights.add(initializer(r.sub(length)));
            } else {
                r.skipBytes(length);
            }
        }
        Set<String> initializers = new HashSet<>();
        weights.forEach(w -> initializers.add(w.name()));
        declared.removeIf(i -> initializers.contains(i.name()));
        return new Graph(declared, List.copyOf(weights), weights.size(),
                weights.stream().mapToLong(Weight::elements).sum(), weights.stream().mapToLong(Weight::bytes).sum());
    }

    private static Input valueInfo(Reader r) throws IOException {
        String name = "";
        int type = 0;
        List<Long> dims = new ArrayList<>();
        while (r.more()) {
            int key = (int) r.varint();
            if ((key & 7) != 2) {
                r.skip(key & 7);
                continue;
            }
            long length = r.varint();
            if (key >>> 3 == 1) {
                name = r.string(length);
            } else if (key >>> 3 == 2) { // TypeProto
                Reader t = r.sub(length);
                while (t.more()) {
                    int k = (int) t.varint();
                    if (k >>> 3 == 1 && (k & 7) == 2) { // tensor_type
                        Reader tensor = t.sub(t.varint());
                        while (tensor.more()) {
                            int tk = (int) tensor.varint();
                            if (tk >>> 3 == 1 && (tk & 7) == 0) {
                                type = (int) tensor.varint();
                            } else if (tk >>> 3 == 2 && (tk & 7) == 2) { // shape
                                Reader shape = tensor.sub(tensor.varint());
                                while (shape.more()) {
                                    int sk = (int) shape.varint();
                                    if (sk >>> 3 == 1 && (sk & 7) == 2) {
                                        dims.add(dimension(shape.sub(shape.varint())));
                                    } else {
                                        shape.skip(sk & 7);
                                    }
                                }
                            } else {
                                tensor.skip(tk & 7);
                            }
                        }
                    } else {
                        t.skip(k & 7);
                    }
                }
            } else {
                r.skipBytes(length);
            }
        }
        return new Input(name, type, dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static long dimension(Reader r) throws IOException {
        long value = -1;
        while (r.more()) {
            int key = (int) r.varint();
            if (key >>> 3 == 1 && (key & 7) == 0) {
                value = r.varint();
            } else {
                r.skip(key & 7);
            }
        }
        return value;
    }

    /** An initializer's name, type, dimensions and size (from the dimensions and type, whatever the data's form). */
    private static Weight initializer(Reader r) throws IOException {
        String name = "";
        long elements = 1;
        List<Long> shape = new ArrayList<>();
        int type = 0;
        while (r.more()) {
            int key = (int) r.varint();
            int field = key >>> 3;
            if (field == 1 && (key & 7) == 0) {
                shape.add(r.varint());
            } else if (field == 1 && (key & 7) == 2) { // packed dims
                Reader dims = r.sub(r.varint());
                while (dims.more()) {
                    shape.add(dims.varint());
                }
            } else if (field == 2 && (key & 7) == 0) {
                type = (int) r.varint();
            } else if (field == 8 && (key & 7) == 2) {
                name = r.string(r.varint());
            } else {
                r.skip(key & 7);
            }
        }
        for (long dim : shape) {
            elements *= dim;
        }
        long bytes = switch (type) {
            case 2, 3, 9 -> elements;
            case 4, 5, 10, 16 -> 2 * elements;
            case 1, 6, 12 -> 4 * elements;
            case 7, 11, 13 -> 8 * elements;
            case 21, 22 -> (elements + 1) / 2;
            default -> 0;
        };
        return new Weight(name, dtypeOf(type), List.copyOf(shape), elements, bytes);
    }

    /** A protobuf reader over the next {@code limit} bytes of a stream, skipping what it does not read. */
    private static final class Reader {
        private final InputStream in;
        private final long[] position;
        private final long end;

        Reader(InputStream in, long limit) {
            this(in, new long[1], limit);
        }

        private Reader(InputStream in, long[] position, long end) {
            this.in = in;
            this.position = position;
            this.end = end;
        }

        boolean more() {
            return position[0] < end;
        }

        /** A reader of the next {@code length} bytes; reading it advances this one. */
        Reader sub(long length) throws IOException {
            if (position[0] + length > end) {
                throw new EOFException("a field of " + length + " bytes runs past its message");
            }
            return new Reader(in, position, position[0] + length);
        }

        long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the file ends inside a number");
                }
                position[0]++;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("a malformed number");
        }

        String string(long length) throws IOException {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new EOFException("the file ends inside a name");
            }
            position[0] += length;
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void skip(int wireType) throws IOException {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> skipBytes(8);
                case 2 -> skipBytes(varint());
                case 5 -> skipBytes(4);
                default -> throw new IOException("wire type " + wireType + " is not one an ONNX file uses");
            }
        }

        void skipBytes(long length) throws IOException {
            long left = length;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the file ends inside a field");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            position[0] += length;
        }
    }
}
