package io.github.qwenbench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadPiecesTest {

    static final Path TOKENIZER = Qwen3VlReferenceTest.TOKENIZER;

    @Test
    void templateCountsImagesWithJinjaNamespace() throws Exception {
        // Expected text rendered by transformers 5.18 (Jinja2) with add_vision_id=True.
        Conversation c = ConversationsFile.read(Qwen3VlReferenceTest.WORKLOAD.resolve("conversations.jsonl")).get(2);
        assertEquals("<|im_start|>user\nCompare these pictures:Picture 1: <|vision_start|><|image_pad|><|vision_end|>"
                + "Picture 2: <|vision_start|><|image_pad|><|vision_end|>Picture 3: <|vision_start|><|image_pad|>"
                + "<|vision_end|>Which one is the brightest?<|im_end|>\n<|im_start|>assistant\n",
                ChatTemplate.qwen3Vl().render(c.messages(), true, Map.of("add_vision_id", true)));
    }

    @Test
    void withoutGenerationPromptEndsAfterTheLastMessage() throws Exception {
        String text = ChatTemplate.qwen3Vl().render(List.of(Message.text("user", "hi")), false);
        assertEquals("<|im_start|>user\nhi<|im_end|>\n", text);
    }

    @Test
    void tokenizerKeepsSpecialTokensWholeAndNeverTruncates() throws Exception {
        try (QwenTokenizer tokenizer = QwenTokenizer.open(TOKENIZER)) {
            assertArrayEquals(new long[] {151644, 151652, 151655, 151655, 151653, 151645},
                    tokenizer.encode("<|im_start|><|vision_start|><|image_pad|><|image_pad|><|vision_end|><|im_end|>"));
            assertEquals(151655, tokenizer.imageTokenId());
            assertEquals(151643, tokenizer.padTokenId());
            assertEquals(3000, tokenizer.encode("<|image_pad|>".repeat(3000)).length);
        }
    }

    @Test
    void leftPaddingPutsPadsAndZeroMaskFirst() throws Exception {
        List<Conversation> all = ConversationsFile.read(Qwen3VlReferenceTest.WORKLOAD.resolve("conversations.jsonl"));
        try (Qwen3VlPreprocessor p = Qwen3VlPreprocessor.open(TOKENIZER, ChatTemplate.qwen3Vl(),
                VisionSettings.qwen3Vl())) {
            ModelInputs text = p.process(all.get(0));
            ModelInputs image = p.process(all.get(1));
            LeftPadding batch = LeftPadding.pad(List.of(text, image), p.padTokenId());
            int pad = image.inputIds().length - text.inputIds().length;
            assertTrue(pad > 0);
            assertEquals(image.inputIds().length, batch.inputIds()[0].length);
            for (int i = 0; i < pad; i++) {
                assertEquals(151643, batch.inputIds()[0][i]);
                assertEquals(0, batch.attentionMask()[0][i]);
                assertEquals(0, batch.mmTokenTypeIds()[0][i]);
            }
            assertEquals(text.inputIds()[0], batch.inputIds()[0][pad]);
            assertEquals(1, batch.attentionMask()[0][pad]);
            assertArrayEquals(image.inputIds(), batch.inputIds()[1]);
            assertArrayEquals(image.attentionMask(), batch.attentionMask()[1]);
            assertArrayEquals(image.pixelValues(), batch.pixelValues());
            assertArrayEquals(new long[][] {{1, 16, 20}}, batch.imageGridThw());
            assertTrue(image.timings().imageNanos() > 0 && image.timings().templateNanos() > 0
                    && image.timings().tokenizationNanos() > 0);
        }
    }

    @Test
    void smartResizeUpscalesSmallImagesAndRoundsToThirtyTwo() throws Exception {
        VisionSettings s = VisionSettings.qwen3Vl();
        assertArrayEquals(new int[] {224, 320}, s.smartResize(30, 40));
        assertArrayEquals(new int[] {512, 320}, s.smartResize(517, 333));
        assertArrayEquals(new int[] {480, 640}, s.smartResize(480, 640));
        assertArrayEquals(new int[] {4096, 4096}, s.smartResize(5000, 5000));
    }

    @Test
    void exifOrientationsMoveTheCornersAsPilDoes() {
        // 2 wide, 3 high; pixel value = index, so each corner can be followed.
        byte[] rgb = new byte[18];
        for (int i = 0; i < 6; i++) {
            rgb[i * 3] = (byte) i;
        }
        RgbImage in = new RgbImage(2, 3, rgb);
        // Top-left pixel after each orientation (PIL: 2 mirror, 3 rotate 180, 4 flip, 5 transpose,
        // 6 rotate 270, 7 transverse, 8 rotate 90) and the new size.
        int[] topLeft = {0, 1, 5, 4, 0, 4, 5, 1};
        for (int orientation = 1; orientation <= 8; orientation++) {
            RgbImage out = ImageDecoder.orient(in, orientation);
            assertEquals(orientation >= 5 ? 3 : 2, out.width(), "orientation " + orientation);
            assertEquals(topLeft[orientation - 1], out.level(0, 0, 0), "orientation " + orientation);
        }
    }
}
