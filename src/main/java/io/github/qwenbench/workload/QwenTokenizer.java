package io.github.qwenbench.workload;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (DJL's binding of the Rust tokenizers library, offline) checked
 * to know Qwen3-VL's special tokens, each as one id. Encodes without adding special tokens and never
 * truncates or pads, as Qwen3-VL's processor does.
 */
public final class QwenTokenizer implements AutoCloseable {

    public static final String IMAGE_PAD = "<|image_pad|>";
    public static final String VISION_START = "<|vision_start|>";
    public static final String VISION_END = "<|vision_end|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    /** Qwen3's pad token (tokenizer_config.json's pad_token). */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private final HuggingFaceTokenizer tokenizer;
    private final long imageTokenId;
    private final long padTokenId;

    private QwenTokenizer(HuggingFaceTokenizer tokenizer, long imageTokenId, long padTokenId) {
        this.tokenizer = tokenizer;
        this.imageTokenId = imageTokenId;
        this.padTokenId = padTokenId;
    }

    /** Loads {@code tokenizerJson} and checks its special tokens. */
    public static QwenTokenizer open(Path tokenizerJson) throws BenchmarkSetupException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new BenchmarkSetupException("Tokenizer file " + tokenizerJson.toAbsolutePath() + " does not exist:"
                    + " point it at the model's tokenizer.json (Hugging Face format).");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "false",
                    "truncation", "false", "padding", "false", "modelMaxLength", String.valueOf(Integer.MAX_VALUE)));
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkSetupException("Cannot load tokenizer " + tokenizerJson + ": " + e.getMessage()
                    + ". It must be a Hugging Face tokenizer.json.", e);
        }
        try {
            long image = special(tokenizer, IMAGE_PAD, tokenizerJson);
            for (String token : new String[] {VISION_START, VISION_END, IM_START, IM_END}) {
                special(tokenizer, token, tokenizerJson);
            }
            return new QwenTokenizer(tokenizer, image, special(tokenizer, END_OF_TEXT, tokenizerJson));
        } catch (BenchmarkSetupException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static long special(HuggingFaceTokenizer tokenizer, String token, Path file)
            throws BenchmarkSetupException {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length != 1) {
            throw new BenchmarkSetupException("Tokenizer " + file + " does not know Qwen3-VL's special token " + token
                    + " (it splits it into " + ids.length + " tokens): use the tokenizer.json of a Qwen3-VL model,"
                    + " whose added tokens include <|im_start|>, <|im_end|>, <|vision_start|>, <|vision_end|>"
                    + " and <|image_pad|>.");
        }
        return ids[0];
    }

    /** The ids of {@code text}; special tokens in it are recognised, not split. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The id of {@code <|image_pad|>}. */
    public long imageTokenId() {
        return imageTokenId;
    }

    /** The id of the pad token, {@code <|endoftext|>}. */
    public long padTokenId() {
        return padTokenId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
