package io.github.qwenbench.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The values Hugging Face's Qwen-VL vision towers compute from the images' patch grids in Python
 * ({@code transformers/vision_utils.py}, transformers 5.18), for vision encoders that take them as inputs
 * instead of the grid (exports whose graph leaves the grid's arithmetic to the caller). Each is computed as
 * Hugging Face computes it, in the same number types, so that the encoder sees what Hugging Face's tower
 * would: {@code position_ids}, {@code cu_seqlens}, Qwen3-VL's {@code interp_indices} and
 * {@code interp_weights} (bilinear, corners aligned), and Qwen2.5-VL's {@code window_index} and
 * {@code cu_window_seqlens}. A grid is {@code (t, h, w)} in patches.
 */
final class VisionGridValues {

    static final String POSITION_IDS = "position_ids";
    static final String CU_SEQLENS = "cu_seqlens";
    static final String INTERP_INDICES = "interp_indices";
    static final String INTERP_WEIGHTS = "interp_weights";
    static final String WINDOW_INDEX = "window_index";
    static final String CU_WINDOW_SEQLENS = "cu_window_seqlens";
    /** Every input name a vision encoder may declare for a value derived from the grid. */
    static final List<String> NAMES = List.of(POSITION_IDS, CU_SEQLENS, INTERP_INDICES, INTERP_WEIGHTS, WINDOW_INDEX,
            CU_WINDOW_SEQLENS);

    private VisionGridValues() {
    }

    /**
     * Adds to {@code feed} the inputs of {@code wanted} (name and the integer type the graph declares, int32 or
     * int64; the weights are float32) for images of {@code grids}, each pair computed once. What was added
     * before a failure is in {@code feed}, for its owner to close.
     */
    static void addTensors(Map<String, OnnxTensor> feed, OrtEnvironment env, Map<String, OnnxJavaType> wanted,
            List<long[]> grids, PackageConfig.Vision vision) throws OrtException {
        int n = patches(grids);
        Interpolation interpolation = wanted.containsKey(INTERP_INDICES)
                ? interpolation(grids, vision.positionGridSide(), vision.spatialMerge()) : null;
        Windows windows = wanted.containsKey(WINDOW_INDEX)
                ? windows(grids, vision.spatialMerge(), vision.windowSize(), vision.patchSize()) : null;
        for (Map.Entry<String, OnnxJavaType> input : wanted.entrySet()) {
            OnnxJavaType type = input.getValue();
            feed.put(input.getKey(), switch (input.getKey()) {
                case POSITION_IDS -> integers(env, positionIds(grids, vision.spatialMerge()), type, n, 2);
                case CU_SEQLENS -> integers(env, cuSeqlens(grids), type);
                case INTERP_INDICES -> integers(env, interpolation.indices(), type, n, 4);
                case INTERP_WEIGHTS -> OnnxTensor.createTensor(env, FloatBuffer.wrap(interpolation.weights()),
                        new long[] {n, 4});
                case WINDOW_INDEX -> integers(env, windows.index(), type, windows.index().length);
                case CU_WINDOW_SEQLENS -> integers(env, windows.cuWindowSeqlens(), type);
                default -> throw new IllegalArgumentException("no value of the grid is called " + input.getKey());
            });
        }
    }

    private static OnnxTensor integers(OrtEnvironment env, int[] values, OnnxJavaType type) throws OrtException {
        return integers(env, Arrays.stream(values).asLongStream().toArray(), type, values.length);
    }

    private static OnnxTensor integers(OrtEnvironment env, long[] values, OnnxJavaType type, long... shape)
            throws OrtException {
        if (type == OnnxJavaType.INT32) {
            return OnnxTensor.createTensor(env, IntBuffer.wrap(Arrays.stream(values).mapToInt(Math::toIntExact)
                    .toArray()), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }

    /** Patches of all images: the sum of t * h * w. */
    static int patches(List<long[]> grids) {
        long n = 0;
        for (long[] g : grids) {
            n += g[0] * g[1] * g[2];
        }
        return Math.toIntExact(n);
    }

    /**
     * {@code position_ids} {@code [patches, 2]}, row-major: each patch's row and column in its image, in the
     * order the processor packs patches (blocks of {@code merge x merge}, block by block), repeated for each
     * of the t frames ({@code get_vision_position_ids}).
     */
    static long[] positionIds(List<long[]> grids, int merge) {
        long[] out = new long[2 * patches(grids)];
        int[] at = {0};
        forEachPatch(grids, merge, (row, column, height, width) -> {
            out[at[0]++] = row;
            out[at[0]++] = column;
        });
        return out;
    }

    /** What is done with each patch, in packed order. */
    private interface PatchVisitor {
        void visit(int row, int column, int height, int width);
    }

    /** Every patch of every frame of every image, in the order the processor packs them, with its image's size. */
    private static void forEachPatch(List<long[]> grids, int merge, PatchVisitor visitor) {
        for (long[] g : grids) {
            int h = (int) g[1];
            int w = (int) g[2];
            for (int t = 0; t < g[0]; t++) {
                for (int within = 0; within < h * w; within++) {
                    visitor.visit(row(within, w, merge), column(within, w, merge), h, w);
                }
            }
        }
    }

    /** The row of the patch at {@code within} (0 .. h*w-1) of a frame packed in merge blocks. */
    private static int row(int within, int width, int merge) {
        int blocksWide = width / merge;
        return within / (merge * merge * blocksWide) * merge + (within / merge) % merge;
    }

    private static int column(int within, int width, int merge) {
        int blocksWide = width / merge;
        return (within / (merge * merge)) % blocksWide * merge + within % merge;
    }

    /**
     * {@code cu_seqlens}: where each attention segment ends, from 0; one segment of h * w patches per frame
     * ({@code get_vision_cu_seqlens}, int32 as Hugging Face makes it).
     */
    static int[] cuSeqlens(List<long[]> grids) {
        List<Integer> ends = new ArrayList<>();
        ends.add(0);
        int end = 0;
        for (long[] g : grids) {
            for (int t = 0; t < g[0]; t++) {
                end += (int) (g[1] * g[2]);
                ends.add(end);
            }
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Qwen3-VL's resampling of its square table of learned position embeddings ({@code side x side}) to
     * each image's grid: four taps per patch and their bilinear weights, corners aligned
     * ({@code get_vision_interpolation_indices_and_weights(mode="bilinear", align_corners=True)}), in
     * float32 arithmetic as Hugging Face's tensors.
     *
     * @param indices {@code [patches, 4]}, row-major
     * @param weights {@code [patches, 4]}, row-major
     */
    record Interpolation(long[] indices, float[] weights) {
    }

    static Interpolation interpolation(List<long[]> grids, int side, int merge) {
        int n = patches(grids);
        long[] indices = new long[4 * n];
        float[] weights = new float[4 * n];
        int[] at = {0};
        forEachPatch(grids, merge, (row, column, height, width) -> {
            Taps rows = taps(row, height, side);
            Taps columns = taps(column, width, side);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    indices[at[0]] = (long) rows.index[i] * side + columns.index[j];
                    weights[at[0]] = rows.weight[i] * columns.weight[j];
                    at[0]++;
                }
            }
        });
        return new Interpolation(indices, weights);
    }

    private record Taps(int[] index, float[] weight) {
    }

    /** The two taps of position {@code index} on an axis of {@code size} patches, into a table of {@code side}. */
    private static Taps taps(int index, int size, int side) {
        float source = (float) index * (float) (side - 1) / (float) Math.max(size - 1, 1);
        float floor = (float) Math.floor(source);
        int[] at = new int[2];
        float[] weight = new float[2];
        for (int offset = 0; offset < 2; offset++) {
            at[offset] = Math.max(0, Math.min(side - 1, (int) floor + offset));
            float distance = Math.abs(source - floor - offset);
            weight[offset] = Math.max(1f - distance, 0f);
        }
        return new Taps(at, weight);
    }

    /**
     * Qwen2.5-VL's window attention: the order of the merged tokens window by window, and where each
     * window's patches end ({@code get_vision_window_index}).
     *
     * @param index {@code window_index}, one entry per merged token
     * @param cuWindowSeqlens {@code cu_window_seqlens}, int32, repeated boundaries of empty windows removed
     */
    record Windows(long[] index, int[] cuWindowSeqlens) {
    }

    static Windows windows(List<long[]> grids, int merge, int windowSize, int patchSize) {
        int span = windowSize / merge / patchSize;
        int unit = merge * merge;
        List<Long> index = new ArrayList<>();
        List<Integer> cu = new ArrayList<>();
        cu.add(0);
        long offset = 0;
        for (long[] g : grids) {
            int frames = (int) g[0];
            int rows = (int) g[1] / merge;
            int columns = (int) g[2] / merge;
            int windowsHigh = (rows + span - rows % span) / span;
            int windowsWide = (columns + span - columns % span) / span;
            for (int t = 0; t < frames; t++) {
                for (int wr = 0; wr < windowsHigh; wr++) {
                    for (int wc = 0; wc < windowsWide; wc++) {
                        int count = 0;
                        for (int r = wr * span; r < (wr + 1) * span; r++) {
                            for (int c = wc * span; c < (wc + 1) * span; c++) {
                                if (r < rows && c < columns) {
                                    index.add(offset + ((long) t * rows + r) * columns + c);
                                    count++;
                                }
                            }
                        }
                        int end = cu.get(cu.size() - 1) + count * unit;
                        if (end != cu.get(cu.size() - 1)) {
                            cu.add(end);
                        }
                    }
                }
            }
            offset += (long) frames * rows * columns;
        }
        return new Windows(index.stream().mapToLong(Long::longValue).toArray(),
                cu.stream().mapToInt(Integer::intValue).toArray());
    }
}
