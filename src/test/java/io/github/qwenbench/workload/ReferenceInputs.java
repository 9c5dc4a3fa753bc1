package io.github.qwenbench.workload;

import io.github.qwenbench.model.NumpyArray;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Hugging Face's Qwen3VLProcessor gave for each reference conversation, as
 * src/test/workload/make_references.py stored it ({@code references/<case>.npz}), rebuilt bit for bit.
 */
public final class ReferenceInputs {

    public static final Path REFERENCES = Path.of("src/test/workload/references");

    private ReferenceInputs() {
    }

    private static Path npz(String name) {
        return REFERENCES.resolve(name + ".npz");
    }

    public static long[] inputIds(String name) throws Exception {
        return longs(NumpyArray.read(npz(name), "input_ids"));
    }

    /** Each image's (t, h, w) patch grid. */
    public static List<long[]> grids(String name) throws Exception {
        long[] flat = longs(NumpyArray.read(npz(name), "image_grid_thw"));
        List<long[]> grids = new ArrayList<>();
        for (int i = 0; i + 2 < flat.length; i += 3) {
            grids.add(new long[] {flat[i], flat[i + 1], flat[i + 2]});
        }
        return grids;
    }

    /** The pixel values, [patches x 1536], or an empty array without images. */
    public static float[] pixelValues(String name) throws Exception {
        return grids(name).isEmpty() ? new float[0] : pixelValues(NumpyArray.read(npz(name), "pixel_levels"),
                VisionSettings.qwen3Vl());
    }

    /**
     * Hugging Face's pixel_values from the stored levels: make_references.py checked that each of its
     * values is ((level * (1/255)) as float32 - 0.5) / 0.5 and that the temporal copies are equal.
     */
    static float[] pixelValues(NumpyArray levels, VisionSettings settings) {
        int patches = (int) levels.shape()[0];
        int perChannel = settings.patchSize() * settings.patchSize();
        int t = settings.temporalPatchSize();
        ByteBuffer data = levels.data();
        float[] out = new float[patches * settings.patchLength()];
        int o = 0;
        for (int patch = 0; patch < patches; patch++) {
            for (int c = 0; c < 3; c++) {
                for (int copy = 0; copy < t; copy++) {
                    for (int i = 0; i < perChannel; i++) {
                        int index = patch * 3 * perChannel + c * perChannel + i;
                        int level = (data.getInt((index / 4) * 4) >>> (8 * (index % 4))) & 0xFF;
                        out[o++] = ((float) (level * (1 / 255.0)) - 0.5f) / 0.5f;
                    }
                }
            }
        }
        return out;
    }

    static long[] longs(NumpyArray array) {
        long[] out = new long[array.data().remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.data().getLong(i * 8);
        }
        return out;
    }
}
