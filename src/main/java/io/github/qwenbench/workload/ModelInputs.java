package io.github.qwenbench.workload;

import io.github.qwenbench.model.NumpyArray;
import io.github.qwenbench.plan.DataKind;
import java.util.Arrays;
import java.util.List;

/**
 * One conversation as Qwen3-VL's processor returns it (batch of one, no padding).
 *
 * @param prompt the rendered chat template, before {@code <|image_pad|>} expansion
 * @param inputIds token ids, each image's pad token repeated {@code t*h*w / merge²} times
 * @param attentionMask all ones
 * @param mmTokenTypeIds 1 where {@code inputIds} holds the image token, else 0 (transformers 5.x)
 * @param pixelValues every image's patches, in order: {@code [patches, patchLength]} flattened
 * @param patchLength values per patch (1536 for Qwen3-VL)
 * @param imageGridThw per image {@code [1, gridH, gridW]}
 * @param timings time spent per stage
 */
public record ModelInputs(String prompt, long[] inputIds, long[] attentionMask, long[] mmTokenTypeIds,
        float[] pixelValues, int patchLength, long[][] imageGridThw, StageTimings timings) {

    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String PIXEL_VALUES = "pixel_values";
    public static final String IMAGE_GRID_THW = "image_grid_thw";
    public static final String MM_TOKEN_TYPE_IDS = "mm_token_type_ids";

    /** The tensors a workload gives a model, by the name of the forward argument each feeds. */
    public static final List<String> TENSORS = List.of(INPUT_IDS, ATTENTION_MASK, PIXEL_VALUES, IMAGE_GRID_THW,
            MM_TOKEN_TYPE_IDS);

    /** The element type of tensor {@code name}, one of {@link #TENSORS}. */
    public static DataKind dtype(String name) {
        return PIXEL_VALUES.equals(name) ? DataKind.FLOAT32 : DataKind.INT64;
    }

    /** Shape of {@code pixel_values}: {patches, patchLength}. */
    public long[] pixelValuesShape() {
        return new long[] {pixelValues.length / patchLength, patchLength};
    }

    /**
     * Tensor {@code name} as Hugging Face's processor returns it with {@code return_tensors="pt"}:
     * {@code [1, length]} per-token tensors, {@code [patches, patchLength]} pixel values (zero rows for
     * a conversation without images) and {@code [images, 3]} grids.
     */
    public NumpyArray tensor(String name) {
        return tensor(name, new long[][] {inputIds}, new long[][] {attentionMask}, new long[][] {mmTokenTypeIds},
                pixelValues, patchLength, imageGridThw);
    }

    /** Tensor {@code name} of a batch: one row of each per-token tensor per conversation. */
    static NumpyArray tensor(String name, long[][] inputIds, long[][] attentionMask, long[][] mmTokenTypeIds,
            float[] pixelValues, int patchLength, long[][] imageGridThw) {
        return switch (name) {
            case INPUT_IDS -> rows(inputIds);
            case ATTENTION_MASK -> rows(attentionMask);
            case MM_TOKEN_TYPE_IDS -> rows(mmTokenTypeIds);
            case PIXEL_VALUES -> NumpyArray.of(pixelValues, pixelValues.length / patchLength, patchLength);
            case IMAGE_GRID_THW -> NumpyArray.of(Arrays.stream(imageGridThw).flatMapToLong(Arrays::stream).toArray(),
                    imageGridThw.length, 3);
            default -> throw new IllegalArgumentException(name + " is not one of " + TENSORS);
        };
    }

    private static NumpyArray rows(long[][] rows) {
        return NumpyArray.of(Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray(), rows.length,
                rows.length == 0 ? 0 : rows[0].length);
    }
}
