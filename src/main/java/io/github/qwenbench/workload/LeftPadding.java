package io.github.qwenbench.workload;

import io.github.qwenbench.model.NumpyArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of conversations padded on the left to one length, as Hugging Face pads for generation
 * ({@code padding_side="left"}): pad ids and mask 0 before each shorter sequence, so that every
 * sequence's last token is at the end. Images are concatenated in batch order, as the processor does.
 *
 * @param inputIds [batch][length]
 * @param attentionMask [batch][length], 0 on padding
 * @param mmTokenTypeIds [batch][length], 0 on padding
 * @param pixelValues every conversation's patches, in order
 * @param patchLength values per patch
 * @param imageGridThw every image's [1, h, w], in order
 */
public record LeftPadding(long[][] inputIds, long[][] attentionMask, long[][] mmTokenTypeIds, float[] pixelValues,
        int patchLength, long[][] imageGridThw) {

    /** Pads {@code batch} with {@code padId} (the tokenizer's pad token, {@code <|endoftext|>} for Qwen3). */
    public static LeftPadding pad(List<ModelInputs> batch, long padId) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("an empty batch cannot be padded");
        }
        int length = batch.stream().mapToInt(b -> b.inputIds().length).max().orElseThrow();
        int n = batch.size();
        long[][] ids = new long[n][length];
        long[][] mask = new long[n][length];
        long[][] mm = new long[n][length];
        List<long[]> grid = new ArrayList<>();
        int pixels = batch.stream().mapToInt(b -> b.pixelValues().length).sum();
        float[] values = new float[pixels];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            ModelInputs one = batch.get(i);
            int pad = length - one.inputIds().length;
            Arrays.fill(ids[i], 0, pad, padId);
            System.arraycopy(one.inputIds(), 0, ids[i], pad, one.inputIds().length);
            System.arraycopy(one.attentionMask(), 0, mask[i], pad, one.inputIds().length);
            System.arraycopy(one.mmTokenTypeIds(), 0, mm[i], pad, one.inputIds().length);
            System.arraycopy(one.pixelValues(), 0, values, offset, one.pixelValues().length);
            offset += one.pixelValues().length;
            grid.addAll(List.of(one.imageGridThw()));
        }
        return new LeftPadding(ids, mask, mm, values, batch.get(0).patchLength(), grid.toArray(long[][]::new));
    }

    /** Tensor {@code name} of the batch, one of {@link ModelInputs#TENSORS}: {@code [batch, length]} per token. */
    public NumpyArray tensor(String name) {
        return ModelInputs.tensor(name, inputIds, attentionMask, mmTokenTypeIds, pixelValues, patchLength,
                imageGridThw);
    }
}
