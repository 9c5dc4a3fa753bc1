package io.github.qwenbench.model;

import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.DataKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * An array of a NumPy {@code .npy} file, or of one entry of an {@code .npz} archive (format:
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): read, or made in Java and
 * written so that {@code numpy.load} reads it.
 *
 * @param kind the element type
 * @param shape the dimensions
 * @param data the elements, C order, in the machine's byte order (read with {@code order(ByteOrder.nativeOrder())})
 */
public record NumpyArray(DataKind kind, long[] shape, ByteBuffer data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** An int64 array. */
    public static NumpyArray of(long[] values, long... shape) {
        ByteBuffer data = ByteBuffer.allocateDirect(values.length * Long.BYTES).order(ByteOrder.nativeOrder());
        data.asLongBuffer().put(values);
        return checked(new NumpyArray(DataKind.INT64, shape.clone(), data), values.length);
    }

    /** A float32 array. */
    public static NumpyArray of(float[] values, long... shape) {
        ByteBuffer data = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
        data.asFloatBuffer().put(values);
        return checked(new NumpyArray(DataKind.FLOAT32, shape.clone(), data), values.length);
    }

    private static NumpyArray checked(NumpyArray array, int count) {
        if (array.count() != count) {
            throw new IllegalArgumentException(count + " values do not fill shape " + Arrays.toString(array.shape()));
        }
        return array;
    }

    /** The number of elements. */
    public long count() {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** The elements of an int64 array. */
    public long[] longs() {
        if (kind != DataKind.INT64) {
            throw new IllegalStateException("a " + kind.id() + " array has no long values");
        }
        long[] values = new long[Math.toIntExact(count())];
        data.duplicate().order(ByteOrder.nativeOrder()).asLongBuffer().get(values);
        return values;
    }

    /** The elements of a float32 array. */
    public float[] floats() {
        if (kind != DataKind.FLOAT32) {
            throw new IllegalStateException("a " + kind.id() + " array has no float values");
        }
        float[] values = new float[Math.toIntExact(count())];
        data.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
        return values;
    }

    /**
     * {@code arrays} as the bytes of an .npz archive: one {@code <name>.npy} entry each, in order, as
     * {@code numpy.savez} writes them.
     */
    public static byte[] npz(Map<String, NumpyArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, NumpyArray> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + ".npy"));
                entry.getValue().writeNpy(zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes this array in the .npy format, version 1.0, its header padded to 64 bytes as numpy pads it. */
    public void writeNpy(OutputStream out) throws IOException {
        Element element = Element.of(kind);
        String dimensions = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String header = "{'descr': '" + element.descr + "', 'fortran_order': False, 'shape': ("
                + dimensions + (shape.length == 1 ? ",)" : ")") + ", }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer source = data.duplicate().order(ByteOrder.nativeOrder());
        ByteBuffer little = ByteBuffer.allocate(source.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < source.remaining(); i += element.size) {
            switch (element.size) {
                case 8 -> little.putLong(source.getLong(i));
                case 4 -> little.putInt(source.getInt(i));
                case 2 -> little.putShort(source.getShort(i));
                default -> little.put(source.get(i));
            }
        }
        out.write(little.array());
    }

    /** Reads the array of an .npy file, or the entry {@code key} of an .npz file. */
    public static NumpyArray read(Path file, String key) throws BenchmarkSetupException {
        return parse(bytes(file, key), file, true);
    }

    /** Reads only the header: kind and shape, with an empty buffer. */
    public static NumpyArray readHeader(Path file, String key) throws BenchmarkSetupException {
        return parse(bytes(file, key), file, false);
    }

    private static byte[] bytes(Path file, String key) throws BenchmarkSetupException {
        try {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
                return Files.readAllBytes(file);
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry(key + ".npy");
                if (entry == null) {
                    throw new BenchmarkSetupException(file + " holds no array named '" + key + "' (entries: "
                            + zip.stream().map(e -> e.getName().replaceAll("\\.npy$", "")).toList()
                            + "): set the input's <key>, or save the array under that name.");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read input file " + file + ": " + e.getMessage(), e);
        }
    }

    private static NumpyArray parse(byte[] bytes, Path file, boolean withData) throws BenchmarkSetupException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BenchmarkSetupException(file + " is not a NumPy array file (no \\x93NUMPY magic):"
                        + " write it with numpy.save or numpy.savez.");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength = major == 1
                    ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
            int offset = MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength;
            String descr = group(DESCR, header, file);
            if ("True".equals(group(FORTRAN, header, file))) {
                throw new BenchmarkSetupException(file + " is stored in Fortran order: save it with"
                        + " numpy.ascontiguousarray(array) first.");
            }
            long[] shape = Arrays.stream(group(SHAPE, header, file).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
            Element element = Element.of(descr, file);
            long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (!withData) {
                return new NumpyArray(element.kind, shape, ByteBuffer.allocate(0));
            }
            long expected = count * element.size;
            if (bytes.length - offset < expected) {
                throw new BenchmarkSetupException(file + " is truncated: its header announces shape "
                        + Arrays.toString(shape) + " (" + expected + " bytes) but " + (bytes.length - offset)
                        + " bytes follow.");
            }
            ByteBuffer data = ByteBuffer.wrap(bytes, offset, (int) expected).slice().order(ByteOrder.LITTLE_ENDIAN);
            return new NumpyArray(element.kind, shape, element.toStored(data, (int) count));
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkSetupException(file + " is not a valid NumPy array file: " + e.getMessage(), e);
        }
    }

    private static String group(Pattern pattern, String header, Path file) throws BenchmarkSetupException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new BenchmarkSetupException(file + " has a NumPy header without " + pattern.pattern() + ": " + header);
        }
        return m.group(1);
    }

    /** The NumPy element types this reader accepts, and how they are stored for the engine. */
    private enum Element {
        F4("<f4", 4, DataKind.FLOAT32), F8("<f8", 8, DataKind.FLOAT64), F2("<f2", 2, DataKind.FLOAT16),
        I4("<i4", 4, DataKind.INT32), I8("<i8", 8, DataKind.INT64), B1("|b1", 1, DataKind.BOOLEAN);

        final String descr;
        final int size;
        final DataKind kind;

        Element(String descr, int size, DataKind kind) {
            this.descr = descr;
            this.size = size;
            this.kind = kind;
        }

        static Element of(DataKind kind) {
            for (Element element : values()) {
                if (element.kind == kind) {
                    return element;
                }
            }
            throw new IllegalArgumentException(kind.id() + " arrays cannot be written as .npy");
        }

        static Element of(String descr, Path file) throws BenchmarkSetupException {
            String normalized = descr.replace('=', '<');
            for (Element element : values()) {
                if (element.descr.equals(normalized)) {
                    return element;
                }
            }
            throw new BenchmarkSetupException(file + " holds elements of type '" + descr + "', which is not"
                    + " supported: use little-endian float32, float16, float64, int32, int64 or bool.");
        }

        ByteBuffer toStored(ByteBuffer data, int count) {
            ByteBuffer copy = ByteBuffer.allocateDirect(count * size).order(ByteOrder.nativeOrder());
            for (int i = 0; i < count * size; i += size) {
                switch (size) {
                    case 8 -> copy.putLong(data.getLong(i));
                    case 4 -> copy.putInt(data.getInt(i));
                    case 2 -> copy.putShort(data.getShort(i));
                    default -> copy.put(data.get(i));
                }
            }
            return copy.flip();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NumpyArray that && kind == that.kind && Arrays.equals(shape, that.shape)
                && data.equals(that.data);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return kind.id() + Arrays.toString(shape);
    }
}
