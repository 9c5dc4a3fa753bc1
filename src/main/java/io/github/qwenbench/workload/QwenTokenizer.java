package io.github.qwenbench.workload;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

    /** The special tokens preprocessing relies on. */
    static final List<String> QWEN3_VL_TOKENS = List.of(IM_START, IM_END, VISION_START, VISION_END, IMAGE_PAD,
            END_OF_TEXT);

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

    /**
     * Checks without native code, from the {@code added_tokens} of {@code tokenizerJson}, that it holds
     * Qwen3-VL's special tokens (a build fails on this before any worker starts); returns the id of the
     * pad token, {@code <|endoftext|>}.
     */
    public static long checkAddedTokens(Path tokenizerJson) throws BenchmarkSetupException {
        Map<String, Long> added = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (JsonParser parser = json.createParser(tokenizerJson.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notATokenizer(tokenizerJson, "it is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("added_tokens".equals(field) && parser.currentToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode token = json.readTree(parser);
                        if (token.path("content").isTextual() && token.path("id").isIntegralNumber()) {
                            added.put(token.get("content").asText(), token.get("id").asLong());
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw notATokenizer(tokenizerJson, e.getMessage());
        }
        List<String> missing = QWEN3_VL_TOKENS.stream().filter(t -> !added.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new BenchmarkSetupException("Tokenizer " + tokenizerJson + " does not define Qwen3-VL's special"
                    + " token" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " in its added_tokens:"
                    + " use the tokenizer.json of a Qwen3-VL model, whose added tokens include "
                    + String.join(", ", QWEN3_VL_TOKENS) + ".");
        }
        return added.get(END_OF_TEXT);
    }

    private static BenchmarkSetupException notATokenizer(Path file, String why) {
        return new BenchmarkSetupException("Tokenizer " + file + " is not a Hugging Face tokenizer.json (" + why
                + "): point it at the model's tokenizer.json.");
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

    /** The text of {@code ids}, special tokens written out (as Hugging Face's decode without skipping them). */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    /** The text of {@code ids} without special tokens (as Hugging Face's decode with skip_special_tokens). */
    public String decodeAnswer(long[] ids) {
        return tokenizer.decode(ids, true);
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
