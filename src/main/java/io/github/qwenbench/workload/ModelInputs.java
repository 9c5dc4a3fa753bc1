package io.github.qwenbench.workload;

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

    /** Shape of {@code pixel_values}: {patches, patchLength}. */
    public long[] pixelValuesShape() {
        return new long[] {pixelValues.length / patchLength, patchLength};
    }
}
