package io.github.qwenbench.torchscript;

import io.github.qwenbench.torchscript.TorchPickle.Global;
import io.github.qwenbench.torchscript.TorchPickle.Instance;
import io.github.qwenbench.torchscript.TorchPickle.TensorRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Walks the tensors a TorchScript archive stores: every tensor of its module tree (parameters,
 * buffers, and the int8 weights that dynamic quantization packs into {@code LinearPackedParamsBase}
 * objects, which DJL's {@code PtSymbolBlock.getParameters()} does not list), read from the archive
 * itself as {@link TorchScriptArchive} reads the signature: {@code data.pkl} through
 * {@link TorchPickle}, the values from {@code data/<key>}, the parameter and buffer names from the
 * classes in {@code code/}. No engine, no Python. Tensor constants of traced code
 * ({@code constants.pkl}) are not counted.
 */
public final class TorchScriptTensors {

    private TorchScriptTensors() {
    }

    /**
     * One stored tensor.
     *
     * @param name its path in the module tree ({@code fc1.weight}; a packed int8 Linear's weight is
     *     {@code fc1._packed_params._packed_params.weight})
     * @param kind {@code parameter}, {@code buffer}, {@code packed} (inside a TorchScript class object:
     *     quantized packed weights), or {@code attribute} (a plain tensor attribute)
     * @param dtype {@code float32}, {@code float16}, {@code bfloat16}, {@code int64}, ..., or {@code qint8},
     *     {@code quint8}, {@code qint32} for quantized tensors
     * @param shape its dimensions
     * @param elements its elements
     * @param bytes elements times element size
     * @param zeros elements equal to zero; for a quantized tensor, stored values equal to their zero point
     */
    public record StoredTensor(String name, String kind, String dtype, List<Long> shape, long elements, long bytes,
            long zeros) {
    }

    /** Every distinct tensor of {@code model}, a TorchScript file, in the module tree's order. */
    public static List<StoredTensor> read(Path model) throws IOException {
        try (ZipFile zip = new ZipFile(model.toFile())) {
            ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("/data.pkl")
                    && e.getName().indexOf('/') == e.getName().length() - "/data.pkl".length()).findFirst()
                    .orElseThrow(() -> new IOException("no data.pkl"));
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object root = TorchPickle.load(read(zip, pickle));
            List<Found> found = new ArrayList<>();
            walk(root, "", "attribute", zip, prefix, new TreeMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()),
                    found);
            List<StoredTensor> tensors = new ArrayList<>();
            for (Found f : found) {
                tensors.add(stats(f, zip, prefix));
            }
            return tensors;
        }
    }

    /** Storage types of TorchScript's pickles: dtype and element size. */
    private static final Map<String, Dtype> STORAGES = Map.ofEntries(Map.entry("FloatStorage", new Dtype("float32", 4)),
            Map.entry("DoubleStorage", new Dtype("float64", 8)), Map.entry("HalfStorage", new Dtype("float16", 2)),
            Map.entry("BFloat16Storage", new Dtype("bfloat16", 2)), Map.entry("LongStorage", new Dtype("int64", 8)),
            Map.entry("IntStorage", new Dtype("int32", 4)), Map.entry("ShortStorage", new Dtype("int16", 2)),
            Map.entry("CharStorage", new Dtype("int8", 1)), Map.entry("ByteStorage", new Dtype("uint8", 1)),
            Map.entry("BoolStorage", new Dtype("bool", 1)), Map.entry("QInt8Storage", new Dtype("qint8", 1)),
            Map.entry("QUInt8Storage", new Dtype("quint8", 1)), Map.entry("QInt32Storage", new Dtype("qint32", 4)));

    private record Dtype(String name, int size) {
    }

    private static final Pattern NAMES = Pattern.compile("__(parameters|buffers)__ = \\[([^\\]]*)]");

    private record Found(String name, String kind, TensorRef tensor) {
    }

    private static void walk(Object value, String path, String kind, ZipFile zip, String prefix,
            Map<String, Map<String, String>> kinds, Set<Object> seen, List<Found> found) throws IOException {
        if (value instanceof TensorRef tensor) {
            if (seen.add(tensor)) {
                found.add(new Found(path, kind, tensor));
            }
        } else if (value instanceof Instance instance) {
            if (!seen.add(instance)) {
                return;
            }
            boolean scriptClass = instance.type.module().startsWith("__torch__.torch.classes");
            if (instance.state instanceof Map<?, ?> attributes) {
                Map<String, String> declared = declaredKinds(instance.type, zip, prefix, kinds);
                for (Map.Entry<?, ?> a : attributes.entrySet()) {
                    String name = String.valueOf(a.getKey());
                    walk(a.getValue(), join(path, name), declared.getOrDefault(name, "attribute"), zip, prefix, kinds,
                            seen, found);
                }
            } else if (instance.state instanceof List<?> state) {
                boolean linear = instance.type.name().equals("LinearPackedParamsBase") && state.size() == 2;
                for (int i = 0; i < state.size(); i++) {
                    String name = linear ? (i == 0 ? "weight" : "bias") : Integer.toString(i);
                    walk(state.get(i), join(path, name), scriptClass ? "packed" : kind, zip, prefix, kinds, seen,
                            found);
                }
            } else if (instance.state != null) {
                walk(instance.state, path, scriptClass ? "packed" : kind, zip, prefix, kinds, seen, found);
            }
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), join(path, Integer.toString(i)), kind, zip, prefix, kinds, seen, found);
            }
        } else if (value instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                walk(e.getValue(), join(path, String.valueOf(e.getKey())), kind, zip, prefix, kinds, seen, found);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * The attribute names a TorchScript module class declares as {@code __parameters__} and
     * {@code __buffers__}, read from its serialized source {@code code/<module path>.py}.
     */
    private static Map<String, String> declaredKinds(Global type, ZipFile zip, String prefix,
            Map<String, Map<String, String>> cache) throws IOException {
        Map<String, String> cached = cache.get(type.qualified());
        if (cached != null) {
            return cached;
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        ZipEntry code = zip.getEntry(prefix + "code/" + type.module().replace('.', '/') + ".py");
        if (code != null) {
            String source = new String(read(zip, code), StandardCharsets.UTF_8);
            int start = source.indexOf("class " + type.name() + "(");
            if (start >= 0) {
                int end = source.indexOf("\nclass ", start + 1);
                Matcher names = NAMES.matcher(source.substring(start, end < 0 ? source.length() : end));
                while (names.find()) {
                    for (String name : names.group(2).split(",")) {
                        String n = name.trim().replace("\"", "");
                        if (!n.isEmpty()) {
                            kinds.put(n, names.group(1).equals("parameters") ? "parameter" : "buffer");
                        }
                    }
                }
            }
        }
        cache.put(type.qualified(), kinds);
        return kinds;
    }

    private static StoredTensor stats(Found found, ZipFile zip, String prefix) throws IOException {
        TensorRef t = found.tensor();
        Dtype dtype = STORAGES.get(t.storage().type());
        if (dtype == null) {
            throw new IOException("tensor " + found.name() + " has an unknown storage type " + t.storage().type());
        }
        long elements = 1;
        for (long d : t.shape()) {
            elements *= d;
        }
        ZipEntry data = zip.getEntry(prefix + "data/" + t.storage().key());
        if (data == null) {
            throw new IOException("tensor " + found.name() + " has no storage data/" + t.storage().key());
        }
        ByteBuffer values = ByteBuffer.wrap(read(zip, data)).order(ByteOrder.LITTLE_ENDIAN);
        long[] zeroPoints = zeroPoints(t, zip, prefix);
        int axis = t.quantizer() != null && t.quantizer().size() == 4 ? ((Long) t.quantizer().get(3)).intValue() : -1;
        long zeros = 0;
        int rank = t.shape().size();
        long[] index = new long[rank];
        for (long n = 0; n < elements; n++) {
            long position = t.offset();
            for (int d = 0; d < rank; d++) {
                position += index[d] * t.stride().get(d);
            }
            long zero = zeroPoints == null ? 0 : zeroPoints[axis < 0 ? 0 : (int) index[axis]];
            if (isZero(values, (int) (position * dtype.size()), dtype, zero)) {
                zeros++;
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < t.shape().get(d)) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new StoredTensor(found.name(), found.kind(), dtype.name(), t.shape(), elements, elements * dtype.size(),
                zeros);
    }

    /** The zero point of a per-tensor quantized tensor, or each channel's of a per-channel one; null if not quantized. */
    private static long[] zeroPoints(TensorRef t, ZipFile zip, String prefix) throws IOException {
        if (t.quantizer() == null) {
            return null;
        }
        Object scheme = t.quantizer().get(0);
        String name = scheme instanceof Global g ? g.name() : String.valueOf(scheme);
        if (name.equals("per_tensor_affine") || name.equals("per_tensor_symmetric")) {
            return new long[] {(Long) t.quantizer().get(2)};
        }
        if (name.startsWith("per_channel") && t.quantizer().get(2) instanceof TensorRef points) {
            Dtype dtype = STORAGES.get(points.storage().type());
            ByteBuffer b = ByteBuffer.wrap(read(zip, zip.getEntry(prefix + "data/" + points.storage().key())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long[] result = new long[points.shape().get(0).intValue()];
            for (int i = 0; i < result.length; i++) {
                int at = (int) ((points.offset() + i * points.stride().get(0)) * dtype.size());
                result[i] = dtype.size() == 8 ? b.getLong(at) : b.getInt(at);
            }
            return result;
        }
        throw new IOException("unsupported quantization scheme " + name);
    }

    private static boolean isZero(ByteBuffer b, int at, Dtype dtype, long zeroPoint) {
        return switch (dtype.name()) {
            case "float32" -> b.getFloat(at) == 0f;
            case "float64" -> b.getDouble(at) == 0d;
            case "float16", "bfloat16" -> (b.getShort(at) & 0x7fff) == 0;
            case "int64" -> b.getLong(at) == 0;
            case "int32" -> b.getInt(at) == 0;
            case "qint32" -> b.getInt(at) == zeroPoint;
            case "int16" -> b.getShort(at) == 0;
            case "qint8" -> b.get(at) == zeroPoint;
            case "quint8" -> (b.get(at) & 0xff) == zeroPoint;
            default -> b.get(at) == 0;
        };
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
