package io.github.qwenbench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A conversation as an OpenAI chat completion request, the same bytes for both endpoints: its messages
 * (a string content stays a string; parts become {@code text} and {@code image_url} parts, each image a
 * data URL of the file's own bytes), {@code "stream": true}, greedy decoding ({@code temperature 0}), at
 * most {@code maxTokens}, and the seed and stop strings when given. Nothing a server may refuse is added:
 * {@code transformers serve} answers an unknown key with HTTP 422.
 */
public final class ChatRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequests() {
    }

    /**
     * The request body for {@code conversation}.
     *
     * @param model the model name the server knows
     * @param seed a seed to send, or null
     * @param stop stop strings to send, or empty
     */
    public static byte[] body(Conversation conversation, String model, int maxTokens, Long seed, List<String> stop)
            throws BenchmarkSetupException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (Message m : conversation.messages()) {
            ObjectNode message = messages.addObject();
            message.put("role", m.role());
            if (m.text() != null) {
                message.put("content", m.text());
                continue;
            }
            ArrayNode content = message.putArray("content");
            for (ContentPart part : m.parts()) {
                ObjectNode p = content.addObject();
                if (part instanceof ContentPart.Text t) {
                    p.put("type", "text");
                    p.put("text", t.text());
                } else if (part instanceof ContentPart.Image image) {
                    p.put("type", "image_url");
                    p.putObject("image_url").put("url", dataUrl(image.path(), conversation));
                }
            }
        }
        body.put("stream", true);
        body.put("temperature", 0);
        body.put("max_tokens", maxTokens);
        if (seed != null) {
            body.put("seed", seed);
        }
        if (!stop.isEmpty()) {
            ArrayNode s = body.putArray("stop");
            stop.forEach(s::add);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The image file as a data URL ({@code data:image/png;base64,...}), its type from its name. */
    static String dataUrl(Path image, Conversation conversation) throws BenchmarkSetupException {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg")
                ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : name.endsWith(".gif") ? "image/gif" : null;
        if (type == null) {
            throw new BenchmarkSetupException("The image " + image + " (" + conversation.where() + ") is not a PNG,"
                    + " JPEG, WebP or GIF file: an endpoint receives it as a data URL of one of those types.");
        }
        try {
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(image));
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read the image " + image + " (" + conversation.where() + "): "
                    + e.getMessage(), e);
        }
    }
}
