package io.github.qwenbench.workload;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One preprocessed conversation, as written to {@link SampleFiles}.
 *
 * @param sample its index k ({@code sample-<k>.npz})
 * @param line the conversation's line in the conversations file
 * @param tokens the length of {@code input_ids}
 * @param grids each image's {@code [t, h, w]} in patches
 * @param patches rows of {@code pixel_values}
 * @param patchLength values per patch
 * @param tensors the arrays written, one per forward argument, with their shapes
 * @param imageMillis decoding, resizing and patchifying the images
 * @param templateMillis rendering the chat template
 * @param tokenizationMillis expanding image tokens and tokenizing
 */
public record PreparedSample(int sample, int line, int tokens, List<List<Long>> grids, long patches, int patchLength,
        List<String> tensors, double imageMillis, double templateMillis, double tokenizationMillis) {

    public PreparedSample {
        grids = List.copyOf(grids);
        tensors = List.copyOf(tensors);
    }

    public double totalMillis() {
        return imageMillis + templateMillis + tokenizationMillis;
    }

    /**
     * For the log, e.g. {@code sample 2 (line 3): 324 tokens, 3 images (grids [1, 32, 20], [1, 14, 20],
     * [1, 14, 20]), 1200 patches of 1536 values; preprocessing 41.2 ms (images 38.0, template 1.9,
     * tokenization 1.3)}.
     */
    public String describe() {
        String images = grids.isEmpty() ? "no image"
                : grids.size() + (grids.size() == 1 ? " image" : " images") + " (grid" + (grids.size() == 1 ? " " : "s ")
                        + grids.stream().map(List::toString).collect(Collectors.joining(", ")) + ")";
        return String.format(Locale.ROOT, "sample %d (line %d): %d tokens, %s, %d patches of %d values;"
                + " preprocessing %.1f ms (images %.1f, template %.1f, tokenization %.1f); model gets %s", sample, line,
                tokens, images, patches, patchLength, totalMillis(), imageMillis, templateMillis, tokenizationMillis,
                String.join(", ", tensors));
    }
}
