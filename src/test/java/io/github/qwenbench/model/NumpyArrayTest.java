package io.github.qwenbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.qwenbench.TestModels;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.DataKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyArrayTest {

    /** An .npy file as numpy.save writes it (format version 1.0). */
    static byte[] npy(String descr, String shape, byte[] data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int padding = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    @Test
    void readsTheDemoTokenIds() throws Exception {
        NumpyArray ids = NumpyArray.read(TestModels.file("demo-inputs.npz"), "input_ids");
        assertEquals(DataKind.INT64, ids.kind());
        assertArrayEquals(new long[] {16, 24}, ids.shape());
        long last = ids.data().order(ByteOrder.nativeOrder()).getLong((24 - 1) * 8);
        assertEquals(198, last, "every prompt ends with '\\n' (198) after <|im_start|>assistant");
        assertTrue(containsImagePad(ids), "prompts hold <|image_pad|> tokens");
    }

    private static boolean containsImagePad(NumpyArray ids) {
        ByteBuffer data = ids.data().order(ByteOrder.nativeOrder());
        for (int i = 0; i < 24; i++) {
            if (data.getLong(i * 8) == 151655) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readsAFloatNpy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.npy");
        Files.write(file, npy("<f4", "(2, 2)", floats(1, 2, 3, 4.5f)));
        NumpyArray array = NumpyArray.read(file, null);
        assertEquals(DataKind.FLOAT32, array.kind());
        assertArrayEquals(new long[] {2, 2}, array.shape());
        assertEquals(4.5f, array.data().order(ByteOrder.nativeOrder()).getFloat(12));
    }

    @Test
    void truncatedAndForeignFilesAreRejected(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("t.npy");
        Files.write(truncated, npy("<f4", "(4,)", floats(1, 2)));
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class, () -> NumpyArray.read(truncated, null));
        assertTrue(e.getMessage().contains("is truncated"), e.getMessage());

        Path text = dir.resolve("text.npy");
        Files.writeString(text, "1,2,3");
        e = assertThrows(BenchmarkSetupException.class, () -> NumpyArray.read(text, null));
        assertTrue(e.getMessage().contains("not a NumPy array file"), e.getMessage());

        Path bigEndian = dir.resolve("be.npy");
        Files.write(bigEndian, npy(">f4", "(1,)", floats(1)));
        e = assertThrows(BenchmarkSetupException.class, () -> NumpyArray.read(bigEndian, null));
        assertTrue(e.getMessage().contains("'>f4'"), e.getMessage());
    }

    @Test
    void aMissingNpzEntryListsTheEntries() {
        BenchmarkSetupException e = assertThrows(BenchmarkSetupException.class,
                () -> NumpyArray.read(TestModels.file("demo-inputs.npz"), "attention_mask"));
        assertTrue(e.getMessage().contains("no array named 'attention_mask'"), e.getMessage());
        assertTrue(e.getMessage().contains("input_ids"), e.getMessage());
    }

    /** README's Java example for writing input files: DJL's NPZ encoding, read back by name. */
    @Test
    void readsAnNpzWrittenAsReadmeShowsInJava(@TempDir Path dir) throws Exception {
        long[][] tokenIds = {{151644, 872, 198}, {151644, 77091, 198}};
        Path file = dir.resolve("prompts.npz");
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                java.io.OutputStream out = Files.newOutputStream(file)) {
            ai.djl.ndarray.NDArray ids = m.create(tokenIds);
            ids.setName("input_ids");
            ai.djl.ndarray.NDArray grid = m.create(new long[] {1, 4, 4}).reshape(1, 3).repeat(0, tokenIds.length);
            grid.setName("image_grid_thw");
            new ai.djl.ndarray.NDList(ids, grid).encode(out, ai.djl.ndarray.NDList.Encoding.NPZ);
        }
        NumpyArray ids = NumpyArray.read(file, "input_ids");
        assertArrayEquals(new long[] {2, 3}, ids.shape());
        assertEquals(DataKind.INT64, ids.kind());
        assertArrayEquals(new long[] {2, 3}, NumpyArray.read(file, "image_grid_thw").shape());
    }

    /** What a workload's sample files hold, written in Java and read back by name, empty arrays included. */
    @Test
    void writesAnNpzThatReadsBackByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sample-0.npz");
        java.util.Map<String, NumpyArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("input_ids", NumpyArray.of(new long[] {151644, 872, -1}, 1, 3));
        arrays.put("pixel_values", NumpyArray.of(new float[] {-1f, 0.5f, 1e-7f, Float.MAX_VALUE}, 2, 2));
        arrays.put("image_grid_thw", NumpyArray.of(new long[0], 0, 3));
        Files.write(file, NumpyArray.npz(arrays));

        NumpyArray ids = NumpyArray.read(file, "input_ids");
        assertArrayEquals(new long[] {1, 3}, ids.shape());
        assertArrayEquals(new long[] {151644, 872, -1}, ids.longs());
        NumpyArray pixels = NumpyArray.read(file, "pixel_values");
        assertEquals(DataKind.FLOAT32, pixels.kind());
        assertArrayEquals(new float[] {-1f, 0.5f, 1e-7f, Float.MAX_VALUE}, pixels.floats());
        NumpyArray grid = NumpyArray.read(file, "image_grid_thw");
        assertArrayEquals(new long[] {0, 3}, grid.shape());
        assertEquals(0, grid.longs().length);

        java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
        NumpyArray.of(new long[] {7}, 1).writeNpy(npy);
        byte[] bytes = npy.toByteArray();
        int headerEnd = 10 + (bytes[8] & 0xff) + ((bytes[9] & 0xff) << 8);
        assertEquals(0, headerEnd % 64, "numpy aligns the data to 64 bytes");
        assertTrue(new String(bytes, 10, headerEnd - 10, StandardCharsets.ISO_8859_1)
                .startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }"));
        assertEquals('\n', bytes[headerEnd - 1]);
    }
}
