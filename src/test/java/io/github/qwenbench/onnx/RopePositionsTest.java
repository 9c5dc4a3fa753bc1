package io.github.qwenbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Positions worked out by hand from Hugging Face's get_rope_index (the fixtures' token equality with
 * Hugging Face's generate() checks the same on real prompts).
 */
class RopePositionsTest {

    private static final long A = 100;
    private static final long B = 101;
    private static final long START = 151652;
    private static final long END = 151653;
    private static final long IMAGE = 151655;
    private static final long TOKENS = IMAGE;

    @Test
    void anImageCountsTimeHeightAndWidthFromWhereTheTextStood() {
        long[][] ids = {{A, START, IMAGE, IMAGE, IMAGE, IMAGE, END, B}};
        long[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1}};
        RopePositions.Positions p = RopePositions.prefill(ids, mask, List.of(new long[] {1, 4, 4}), 2, TOKENS);
        assertArrayEquals(new long[] {0, 1, 2, 2, 2, 2, 4, 5}, p.rows()[0][0], "temporal");
        assertArrayEquals(new long[] {0, 1, 2, 2, 3, 3, 4, 5}, p.rows()[1][0], "height");
        assertArrayEquals(new long[] {0, 1, 2, 3, 2, 3, 4, 5}, p.rows()[2][0], "width");
        assertArrayEquals(new long[] {6}, RopePositions.decodeStep(p.last(), 0)[1][0], "the next token follows B");
        assertArrayEquals(new long[] {8}, RopePositions.decodeStep(p.last(), 2)[2][0], "two tokens later");
    }

    /** A 2 x 3 image (merged): height and width swapped would give other rows. */
    @Test
    void aWideImageRunsAlongItsWidthFirst() {
        long[][] ids = {{START, IMAGE, IMAGE, IMAGE, IMAGE, IMAGE, IMAGE, END}};
        long[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1}};
        RopePositions.Positions p = RopePositions.prefill(ids, mask, List.of(new long[] {1, 4, 6}), 2, TOKENS);
        assertArrayEquals(new long[] {0, 1, 1, 1, 1, 1, 1, 4}, p.rows()[0][0]);
        assertArrayEquals(new long[] {0, 1, 1, 1, 2, 2, 2, 4}, p.rows()[1][0]);
        assertArrayEquals(new long[] {0, 1, 2, 3, 1, 2, 3, 4}, p.rows()[2][0]);
        assertArrayEquals(new long[] {5}, RopePositions.decodeStep(p.last(), 0)[0][0]);
    }

    /** A prompt that ends in an image goes on from each row's own last position, as generate() does. */
    @Test
    void decodingAfterAnImageContinuesEachRow() {
        long[][] ids = {{START, IMAGE, IMAGE, IMAGE, IMAGE, IMAGE, IMAGE}};
        long[][] mask = {{1, 1, 1, 1, 1, 1, 1}};
        RopePositions.Positions p = RopePositions.prefill(ids, mask, List.of(new long[] {1, 4, 6}), 2, TOKENS);
        long[][][] step = RopePositions.decodeStep(p.last(), 0);
        assertArrayEquals(new long[] {2, 3, 4}, new long[] {step[0][0][0], step[1][0][0], step[2][0][0]});
    }

    /** Left padding: the same positions at the real tokens, 0 at the padding; decoding goes on from each row's last. */
    @Test
    void paddingTakesZeroAndEachRowDecodesFromItsLast() {
        long[][] ids = {{0, 0, A, START, IMAGE, IMAGE, IMAGE, IMAGE, END, B}, {A, B, A, B, A, B, A, B, A, B}};
        long[][] mask = {{0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}};
        RopePositions.Positions p = RopePositions.prefill(ids, mask, List.of(new long[] {1, 4, 4}), 2, TOKENS);
        assertArrayEquals(new long[] {0, 0, 0, 1, 2, 2, 3, 3, 4, 5}, p.rows()[1][0]);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, p.rows()[2][1], "a text row counts on");
        long[][][] step = RopePositions.decodeStep(p.last(), 0);
        assertArrayEquals(new long[] {6, 10}, new long[] {step[0][0][0], step[0][1][0]});
    }

    @Test
    void textOnlyPromptsCountTheirTokens() {
        long[][] ids = {{0, A, B}, {A, B, A}};
        long[][] mask = {{0, 1, 1}, {1, 1, 1}};
        RopePositions.Positions p = RopePositions.prefill(ids, mask, List.of(), 2, TOKENS);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(new long[] {0, 0, 1}, p.rows()[r][0]);
            assertArrayEquals(new long[] {0, 1, 2}, p.rows()[r][1]);
        }
        long[][][] step = RopePositions.decodeStep(p.last(), 0);
        assertArrayEquals(new long[] {2, 3}, new long[] {step[2][0][0], step[2][1][0]}, "each row's last position plus one");
    }

    @Test
    void tokensAndGridsThatDisagreeAreRefused() {
        long[][] ids = {{START, IMAGE, IMAGE, END}};
        long[][] mask = {{1, 1, 1, 1}};
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> RopePositions.prefill(ids, mask, List.of(new long[] {1, 4, 4}), 2, TOKENS));
        assertTrue(tooFew.getMessage().contains("needs 4 image tokens, but batch row 0 has 2"), tooFew.getMessage());
        IllegalArgumentException noGrid = assertThrows(IllegalArgumentException.class,
                () -> RopePositions.prefill(ids, mask, List.of(), 2, TOKENS));
        assertTrue(noGrid.getMessage().contains("more images than the 0 image grids"), noGrid.getMessage());
        IllegalArgumentException right = assertThrows(IllegalArgumentException.class,
                () -> RopePositions.prefill(new long[][] {{A, 0}}, new long[][] {{1, 0}}, List.of(), 2, TOKENS));
        assertTrue(right.getMessage().contains("padded on the right"), right.getMessage());
        IllegalArgumentException extraGrid = assertThrows(IllegalArgumentException.class,
                () -> RopePositions.prefill(new long[][] {{A}}, new long[][] {{1}}, List.of(new long[] {1, 2, 2}), 2, TOKENS));
        assertTrue(extraGrid.getMessage().contains("1 image grids were given, but the prompts hold 0"), extraGrid.getMessage());
    }
}
