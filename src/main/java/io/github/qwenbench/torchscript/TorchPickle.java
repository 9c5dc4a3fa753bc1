package io.github.qwenbench.torchscript;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader for TorchScript's {@code data.pkl}: runs the opcodes (protocol 2, plus the few of
 * protocols 3 and 4 torch may emit) into plain Java values, without Python and without executing
 * anything. A class is a {@link Global}; {@code NEWOBJ} makes an {@link Instance} whose state
 * {@code BUILD} sets; {@code REDUCE} of torch's tensor rebuild functions makes a {@link TensorRef};
 * any other {@code REDUCE} stays a {@link Call}. Tuples and lists are {@code List}s, dicts
 * {@code LinkedHashMap}s, integers {@code Long}s, floats {@code Double}s.
 */
final class TorchPickle {

    /** A class or function named by {@code GLOBAL}. */
    record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    /** An object made by {@code NEWOBJ}; {@code BUILD} gives its state (a dict for modules). */
    public static final class Instance {
        final Global type;
        Object state;

        Instance(Global type) {
            this.type = type;
        }
    }

    /** A {@code REDUCE} this reader does not interpret. */
    record Call(Global function, List<Object> arguments) {
    }

    /** A storage named by a persistent id: {@code ('storage', torch.FloatStorage, key, location, numel)}. */
    record StorageRef(String type, String key, long elements) {
    }

    /**
     * A tensor: {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} or
     * {@code _rebuild_qtensor(storage, offset, size, stride, quantizer, ...)}.
     *
     * @param quantizer null, or {@code (per_tensor_affine, scale, zero_point)} or
     *     {@code (per_channel_affine, scales, zero_points, axis)}
     */
    record TensorRef(StorageRef storage, long offset, List<Long> shape, List<Long> stride, List<Object> quantizer) {
    }

    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private TorchPickle(byte[] pickle) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The object the pickle describes. */
    static Object load(byte[] pickle) throws IOException {
        try {
            return new TorchPickle(pickle).run();
        } catch (RuntimeException e) {
            throw new IOException("unreadable pickle: " + e, e);
        }
    }

    private Object run() throws IOException {
        while (in.hasRemaining()) {
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME
                case '.' -> {
                    return pop();
                }
                case '(' -> marks.push(stack.size());
                case 'c' -> push(new Global(line(), line()));
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) pop();
                    push(new Global((String) pop(), name));
                }
                case 'q' -> memo.put((long) (in.get() & 0xff), stack.peek());
                case 'r' -> memo.put(in.getInt() & 0xffffffffL, stack.peek());
                case 0x94 -> memo.put((long) memo.size(), stack.peek()); // MEMOIZE
                case 'h' -> push(memo.get((long) (in.get() & 0xff)));
                case 'j' -> push(memo.get(in.getInt() & 0xffffffffL));
                case ')' -> push(new ArrayList<>());
                case ']' -> push(new ArrayList<>());
                case '}' -> push(new LinkedHashMap<>());
                case 't', 'l' -> push(popMark());
                case 'd' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                    push(dict);
                }
                case 0x85 -> push(new ArrayList<>(Arrays.asList(pop())));
                case 0x86 -> {
                    Object b = pop();
                    push(new ArrayList<>(Arrays.asList(pop(), b)));
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    push(new ArrayList<>(Arrays.asList(pop(), b, c)));
                }
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) (in.get() & 0xff));
                case 'M' -> push((long) (in.getShort() & 0xffff));
                case 'J' -> push((long) in.getInt());
                case 0x8a -> push(long1(in.get() & 0xff));
                case 'G' -> { // BINFLOAT, the one big-endian value
                    double value = in.order(ByteOrder.BIG_ENDIAN).getDouble();
                    in.order(ByteOrder.LITTLE_ENDIAN);
                    push(value);
                }
                case 'X' -> push(string(in.getInt()));
                case 0x8c -> push(string(in.get() & 0xff)); // SHORT_BINUNICODE
                case 'U' -> push(string(in.get() & 0xff)); // SHORT_BINSTRING
                case 'T' -> push(string(in.getInt())); // BINSTRING
                case 'B' -> push(bytes(in.getInt())); // BINBYTES
                case 'C' -> push(bytes(in.get() & 0xff)); // SHORT_BINBYTES
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(stack.peek());
                case 'a' -> {
                    Object item = pop();
                    list(stack.peek()).add(item);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(stack.peek()).addAll(items);
                }
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    dict(stack.peek()).put(key, value);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> dict = dict(stack.peek());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                }
                case 0x81 -> { // NEWOBJ
                    pop();
                    push(new Instance((Global) pop()));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    if (stack.peek() instanceof Instance instance) {
                        instance.state = state;
                    }
                }
                case 'Q' -> push(storage(list(pop())));
                case 'R' -> {
                    List<Object> arguments = list(pop());
                    push(reduce((Global) pop(), arguments));
                }
                default -> throw new IOException(String.format("unsupported pickle opcode 0x%02x at offset %d", op, at));
            }
        }
        throw new IOException("the pickle ends without STOP");
    }

    private static Object reduce(Global function, List<Object> a) {
        switch (function.qualified()) {
            case "torch._utils._rebuild_tensor_v2":
                return new TensorRef((StorageRef) a.get(0), (Long) a.get(1), longs(a.get(2)), longs(a.get(3)), null);
            case "torch._utils._rebuild_qtensor":
                return new TensorRef((StorageRef) a.get(0), (Long) a.get(1), longs(a.get(2)), longs(a.get(3)),
                        list(a.get(4)));
            case "collections.OrderedDict":
                return new LinkedHashMap<>();
            default:
                return new Call(function, a);
        }
    }

    private static StorageRef storage(List<Object> id) throws IOException {
        if (id.size() < 5 || !"storage".equals(id.get(0)) || !(id.get(1) instanceof Global type)) {
            throw new IOException("unexpected persistent id " + id);
        }
        return new StorageRef(type.name(), String.valueOf(id.get(2)), (Long) id.get(4));
    }

    private static List<Long> longs(Object value) {
        return list(value).stream().map(v -> (Long) v).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object value) {
        return (Map<Object, Object>) value;
    }

    private Object long1(int length) {
        byte[] b = new byte[length];
        in.get(b);
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | (b[i] & 0xff);
        }
        return length > 0 && length < 8 && b[length - 1] < 0 ? value - (1L << (8 * length)) : value;
    }

    private String line() {
        StringBuilder s = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            s.append((char) (b & 0xff));
        }
        return s.toString();
    }

    private String string(int length) {
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private void push(Object value) {
        stack.push(value == null ? NullValue.NULL : value);
    }

    private Object pop() {
        Object value = stack.pop();
        return value == NullValue.NULL ? null : value;
    }

    private List<Object> popMark() {
        int mark = marks.pop();
        List<Object> items = new ArrayList<>();
        while (stack.size() > mark) {
            items.add(0, pop());
        }
        return items;
    }

    /** ArrayDeque holds no nulls: Python's None on the stack. */
    private enum NullValue {
        NULL
    }
}
