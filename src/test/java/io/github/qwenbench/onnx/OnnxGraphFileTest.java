package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protobuf scan on a model written here field by field (as the ONNX schema numbers them): an input
 * with a named and a fixed dimension, an initializer listed among the inputs as old exporters do, and a
 * megabyte of weights that the scan must skip, not misread. The exported fixtures' files are read by the
 * package tests.
 */
class OnnxGraphFileTest {

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, ((long) number << 3) | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void number(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3);
        varint(out, value);
    }

    private static byte[] valueInfo(String name, int type, Object... dims) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        for (Object d : dims) {
            ByteArrayOutputStream dim = new ByteArrayOutputStream();
            if (d instanceof String s) {
                field(dim, 2, s.getBytes(StandardCharsets.UTF_8));
            } else {
                number(dim, 1, (Long) d);
            }
            field(shape, 1, dim.toByteArray());
        }
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        number(tensor, 1, type);
        field(tensor, 2, shape.toByteArray());
        ByteArrayOutputStream typeProto = new ByteArrayOutputStream();
        field(typeProto, 1, tensor.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        field(info, 1, name.getBytes(StandardCharsets.UTF_8));
        field(info, 2, typeProto.toByteArray());
        return info.toByteArray();
    }

    @Test
    void theGraphsInputsAreReadAndItsWeightsSkipped(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        number(weights, 1, 1024); // dims [1024]
        number(weights, 2, 1); // float
        field(weights, 9, new byte[1 << 20]); // raw_data: a megabyte of zeros
        field(weights, 8, "w".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        field(graph, 2, "tiny".getBytes(StandardCharsets.UTF_8));
        field(graph, 5, weights.toByteArray());
        field(graph, 11, valueInfo("input_ids", 7, "batch", "sequence"));
        field(graph, 11, valueInfo("w", 1, 1024L));
        field(graph, 11, valueInfo("pixel_values", 1, "patches", 1536L));
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        number(model, 1, 8);
        field(model, 2, "pytorch".getBytes(StandardCharsets.UTF_8));
        field(model, 7, graph.toByteArray());
        Path file = dir.resolve("m.onnx");
        Files.write(file, model.toByteArray());

        List<OnnxGraphFile.Input> inputs = OnnxGraphFile.inputs(file);
        assertEquals(List.of("input_ids", "pixel_values"), inputs.stream().map(OnnxGraphFile.Input::name).toList(),
                "the initializer w is not an input");
        assertEquals("int64", inputs.get(0).dtype());
        assertArrayEquals(new long[] {-1, -1}, inputs.get(0).dims());
        assertArrayEquals(new long[] {-1, 1536}, inputs.get(1).dims());
        assertEquals("float32", inputs.get(1).dtype());

        OnnxGraphFile.Graph graphRead = OnnxGraphFile.read(file);
        assertEquals(1, graphRead.weights());
        assertEquals(1024, graphRead.weightElements());
        assertEquals(4096, graphRead.weightBytes(), "1024 floats, from the dims and type, whatever the data's form");

        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, java.util.Arrays.copyOf(model.toByteArray(), 5000));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> OnnxGraphFile.inputs(cut));
        assertTrue(e.getMessage().contains("cut.onnx cannot be read as an ONNX model"), e.getMessage());
    }
}
