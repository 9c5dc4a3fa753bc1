package io.github.qwenbench.workload;

import io.github.qwenbench.plan.BenchmarkSetupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen3-VL's processor in Java: a conversation (messages and image files) in, model inputs out, matching
 * Hugging Face's {@code Qwen3VLProcessor.apply_chat_template(..., add_generation_prompt=True,
 * tokenize=True)} with the PIL image processor.
 *
 * <pre>
 * try (Qwen3VlPreprocessor p = Qwen3VlPreprocessor.open(tokenizerJson, ChatTemplate.qwen3Vl(), VisionSettings.qwen3Vl())) {
 *     for (Conversation c : ConversationsFile.read(file)) {
 *         ModelInputs inputs = p.process(c);
 *     }
 * }
 * </pre>
 * One instance is not meant for concurrent use.
 */
public final class Qwen3VlPreprocessor implements AutoCloseable {

    private final QwenTokenizer tokenizer;
    private final ChatTemplate template;
    private final VisionSettings settings;

    private Qwen3VlPreprocessor(QwenTokenizer tokenizer, ChatTemplate template, VisionSettings settings) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.settings = settings;
    }

    /** A preprocessor with the tokenizer at {@code tokenizerJson}. */
    public static Qwen3VlPreprocessor open(Path tokenizerJson, ChatTemplate template, VisionSettings settings)
            throws BenchmarkSetupException {
        settings.validate();
        return new Qwen3VlPreprocessor(QwenTokenizer.open(tokenizerJson), template, settings);
    }

    /** The pad id for {@link LeftPadding#pad}: the tokenizer's {@code <|endoftext|>}. */
    public long padTokenId() {
        return tokenizer.padTokenId();
    }

    /** Preprocesses one conversation. */
    public ModelInputs process(Conversation conversation) throws BenchmarkSetupException {
        long start = System.nanoTime();
        List<ImagePatches> images = new ArrayList<>();
        for (ContentPart.Image image : conversation.images()) {
            try {
                images.add(ImagePatches.of(image.path(), settings));
            } catch (BenchmarkSetupException e) {
                throw new BenchmarkSetupException(conversation.where() + ": " + e.getMessage(), e);
            }
        }
        long imagesDone = System.nanoTime();
        String prompt = template.render(conversation.messages(), true);
        long templateDone = System.nanoTime();
        long[] ids = tokenizer.encode(expandImageTokens(prompt, images, conversation));
        long[] mask = new long[ids.length];
        long[] mm = new long[ids.length];
        long imageTokens = 0;
        for (int i = 0; i < ids.length; i++) {
            mask[i] = 1;
            if (ids[i] == tokenizer.imageTokenId()) {
                mm[i] = 1;
                imageTokens++;
            }
        }
        long tokenizationDone = System.nanoTime();
        long expected = images.stream().mapToLong(p -> p.patches() / mergeArea()).sum();
        if (imageTokens != expected) {
            throw new BenchmarkSetupException(conversation.where() + ": the prompt holds " + imageTokens + " image"
                    + " tokens but its images need " + expected + ": remove " + QwenTokenizer.IMAGE_PAD
                    + " from the message text.");
        }
        int length = settings.patchLength();
        float[] pixels = new float[images.stream().mapToInt(p -> p.values().length).sum()];
        long[][] grid = new long[images.size()][];
        int offset = 0;
        for (int i = 0; i < images.size(); i++) {
            ImagePatches p = images.get(i);
            System.arraycopy(p.values(), 0, pixels, offset, p.values().length);
            offset += p.values().length;
            grid[i] = new long[] {1, p.gridH(), p.gridW()};
        }
        return new ModelInputs(prompt, ids, mask, mm, pixels, length, grid,
                new StageTimings(imagesDone - start, templateDone - imagesDone, tokenizationDone - templateDone));
    }

    private int mergeArea() {
        return settings.mergeSize() * settings.mergeSize();
    }

    /** As the processor does: the n-th {@code <|image_pad|>} becomes one per merged patch of the n-th image. */
    private String expandImageTokens(String prompt, List<ImagePatches> images, Conversation conversation)
            throws BenchmarkSetupException {
        String pad = QwenTokenizer.IMAGE_PAD;
        StringBuilder out = new StringBuilder(prompt.length() + images.size() * 1024);
        int from = 0;
        int image = 0;
        for (int at = prompt.indexOf(pad); at >= 0; at = prompt.indexOf(pad, from)) {
            if (image == images.size()) {
                throw new BenchmarkSetupException(conversation.where() + ": the rendered prompt has more "
                        + pad + " than the conversation has images (" + images.size() + "): remove " + pad
                        + " from the message text, or check the chat template.");
            }
            out.append(prompt, from, at).append(pad.repeat(images.get(image++).patches() / mergeArea()));
            from = at + pad.length();
        }
        if (image != images.size()) {
            throw new BenchmarkSetupException(conversation.where() + ": the chat template placed " + image + " "
                    + pad + " for " + images.size() + " images: use a template that emits one per image part.");
        }
        return out.append(prompt, from, prompt.length()).toString();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
