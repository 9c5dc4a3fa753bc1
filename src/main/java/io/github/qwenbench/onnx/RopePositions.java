package io.github.qwenbench.onnx;

import java.util.List;

/**
 * Qwen-VL's three-row rotary position ids, computed by the caller as Hugging Face's
 * {@code get_rope_index} does (transformers 5.18; {@code qwen2_vl}, {@code qwen2_5_vl} and
 * {@code qwen3_vl} agree on images): a text token advances every row by one; an image of
 * {@code t x h x w} patches, merged {@code merge x merge}, takes {@code t * (h/merge) * (w/merge)}
 * sequence slots whose rows count its temporal, height and width index from where the text stood, and
 * the text after it goes on from the largest of them plus one. Padding (mask 0) gets 0, as
 * {@code get_rope_index} writes it (it is masked out anyway). Each decode step continues every row from
 * the prompt's last position plus one, as {@code generate} does ({@link #decodeStep}).
 */
public final class RopePositions {

    /**
     * @param rows the positions, {@code [3][batch][sequence]}
     * @param last each row's position at the prompt's last token, {@code [3][batch]} (the prompts are
     *        left-padded: the last token is real)
     */
    public record Positions(long[][][] rows, long[][] last) {
    }

    private RopePositions() {
    }

    /**
     * The positions of a prefill.
     *
     * @param inputIds token ids, {@code [batch][sequence]}, left-padded
     * @param attentionMask 1 for a real token, 0 for padding, same shape
     * @param imageGrids the {@code (t, h, w)} patch grid of every image, in the order the images appear in
     *        the batch (row by row)
     * @param spatialMerge the vision encoder's spatial merge size (2 for Qwen2-VL to Qwen3-VL)
     * @param imageToken the id of an image token: each run of them is one image, as Hugging Face groups
     *        {@code mm_token_type_ids}
     * @throws IllegalArgumentException when the image tokens and the grids disagree (more images than
     *         grids, an image with fewer tokens than its grid needs)
     */
    public static Positions prefill(long[][] inputIds, long[][] attentionMask, List<long[]> imageGrids,
            int spatialMerge, long imageToken) {
        int batch = inputIds.length;
        int length = batch == 0 ? 0 : inputIds[0].length;
        long[][][] rows = new long[3][batch][length];
        long[][] last = new long[3][batch];
        int nextImage = 0;
        for (int b = 0; b < batch; b++) {
            long[] valid = validTokens(inputIds[b], attentionMask[b]);
            long[][] positions = new long[3][valid.length];
            long next = 0; // the position the next text token takes
            int i = 0;
            while (i < valid.length) {
                if (valid[i] != imageToken) {
                    for (int r = 0; r < 3; r++) {
                        positions[r][i] = next;
                    }
                    next++;
                    i++;
                    continue;
                }
                if (nextImage >= imageGrids.size()) {
                    throw new IllegalArgumentException("batch row " + b + " has more images than the " + imageGrids.size()
                            + " image grids given");
                }
                long[] grid = imageGrids.get(nextImage++);
                long t = grid[0];
                long h = grid[1] / spatialMerge;
                long w = grid[2] / spatialMerge;
                long slots = t * h * w;
                int run = 0;
                while (i + run < valid.length && valid[i + run] == imageToken) {
                    run++;
                }
                if (run != slots) {
                    throw new IllegalArgumentException("image " + nextImage + " of the batch (grid " + grid[0] + " x "
                            + grid[1] + " x " + grid[2] + ", merged " + spatialMerge + " x " + spatialMerge + ") needs "
                            + slots + " image tokens, but batch row " + b + " has " + run + " there: the prompt and the"
                            + " image grids were not made together");
                }
                long imageLargest = next;
                for (long k = 0; k < slots; k++) {
                    int at = (int) (i + k);
                    positions[0][at] = next + k / (h * w);
                    positions[1][at] = next + (k / w) % h;
                    positions[2][at] = next + k % w;
                    for (int r = 0; r < 3; r++) {
                        imageLargest = Math.max(imageLargest, positions[r][at]);
                    }
                }
                next = imageLargest + 1;
                i += (int) slots;
            }
            int v = 0;
            for (int s = 0; s < length; s++) {
                for (int r = 0; r < 3; r++) {
                    rows[r][b][s] = attentionMask[b][s] == 0 ? 0 : positions[r][v];
                }
                if (attentionMask[b][s] != 0) {
                    v++;
                }
            }
            if (v == 0) {
                throw new IllegalArgumentException("batch row " + b + " is all padding: every row needs a token");
            }
            if (attentionMask[b][length - 1] == 0) {
                throw new IllegalArgumentException("batch row " + b + " is padded on the right: rows are padded on the"
                        + " left, so that each ends at its last token and decoding continues from it");
            }
            for (int r = 0; r < 3; r++) {
                last[r][b] = positions[r][v - 1];
            }
        }
        if (nextImage != imageGrids.size()) {
            throw new IllegalArgumentException(imageGrids.size() + " image grids were given, but the prompts hold "
                    + nextImage + " images (an image is a run of image tokens)");
        }
        return new Positions(rows, last);
    }

    /**
     * The positions of decode step {@code step} (0 for the token the prefill chose): every row goes on
     * from its last position, one per step.
     */
    public static long[][][] decodeStep(long[][] last, int step) {
        int batch = last[0].length;
        long[][][] rows = new long[3][batch][1];
        for (int r = 0; r < 3; r++) {
            for (int b = 0; b < batch; b++) {
                rows[r][b][0] = last[r][b] + 1 + step;
            }
        }
        return rows;
    }

    private static long[] validTokens(long[] ids, long[] mask) {
        int count = 0;
        for (long m : mask) {
            count += m != 0 ? 1 : 0;
        }
        long[] valid = new long[count];
        int v = 0;
        for (int s = 0; s < ids.length; s++) {
            if (mask[s] != 0) {
                valid[v++] = ids[s];
            }
        }
        return valid;
    }
}
