package io.github.qwenbench.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qwenbench.plan.BenchmarkSetupException;
import io.github.qwenbench.plan.WorkloadSettings;
import io.github.qwenbench.scoring.ScoringRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a conversations file: JSON lines, one {@code {"messages": [...]}} per line, in the chat format of
 * OpenAI and Hugging Face. A message has a {@code role} (system, user or assistant) and a {@code content}
 * that is a string or a list of {@code {"type": "text", "text": ...}} and
 * {@code {"type": "image", "image": "path"}} parts; image paths are relative to the file. Blank lines
 * are skipped. Every error names the file, the line and what to do.
 */
public final class ConversationsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final String FORMAT = "each line must be one JSON object {\"messages\": [{\"role\": \"user\","
            + " \"content\": \"...\"}]}, content a string or a list of {\"type\": \"text\", \"text\": \"...\"}"
            + " and {\"type\": \"image\", \"image\": \"path/relative/to/the/file.png\"} parts";

    private ConversationsFile() {
    }

    /** The workload's sample conversations, in sample order: sample k is the conversation on line {@code lines(k)}. */
    public static List<Conversation> samples(WorkloadSettings workload) throws BenchmarkSetupException {
        Map<Integer, Conversation> byLine = new HashMap<>();
        for (Conversation conversation : read(Path.of(workload.conversations()))) {
            byLine.put(conversation.line(), conversation);
        }
        List<Conversation> samples = new ArrayList<>();
        for (int line : workload.lines()) {
            Conversation conversation = byLine.get(line);
            if (conversation == null) {
                throw new BenchmarkSetupException("The workload's sample on line " + line + " of "
                        + workload.conversations() + " is gone: the file changed after the workload was prepared;"
                        + " run the build again.");
            }
            samples.add(conversation);
        }
        return samples;
    }

    /** Reads every conversation of {@code file}; fails on the first bad line. */
    public static List<Conversation> read(Path file) throws BenchmarkSetupException {
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkSetupException("Conversations file " + file.toAbsolutePath() + " does not exist: create"
                    + " it (" + FORMAT + ") or fix its path.");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read conversations file " + file + ": " + e.getMessage()
                    + ". Check that it is readable UTF-8 text.", e);
        }
        Path base = file.toAbsolutePath().getParent();
        List<Conversation> conversations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                conversations.add(parse(lines.get(i), file, i + 1, base));
            }
        }
        if (conversations.isEmpty()) {
            throw new BenchmarkSetupException("Conversations file " + file + " holds no conversation: " + FORMAT + ".");
        }
        return conversations;
    }

    private static Conversation parse(String text, Path file, int line, Path base) throws BenchmarkSetupException {
        String where = file + " line " + line;
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BenchmarkSetupException(where + " is not valid JSON (" + e.getOriginalMessage() + " at column "
                    + e.getLocation().getColumnNr() + "): " + FORMAT + ".");
        }
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new BenchmarkSetupException(where + " has no \"messages\" list: " + FORMAT + ".");
        }
        List<Message> result = new ArrayList<>();
        for (int m = 0; m < messages.size(); m++) {
            result.add(message(messages.get(m), where + ", message " + (m + 1), base));
        }
        return new Conversation(file, line, result, reference(root, where));
    }

    /**
     * The line's reference answer, for task accuracy: {@code "answers"} (a string or a list of
     * strings), with an optional {@code "scoring"} rule (default {@code vqa}) and, for {@code choice},
     * the {@code "options"} by letter; null when the line has no {@code "answers"}.
     */
    private static Reference reference(JsonNode root, String where) throws BenchmarkSetupException {
        JsonNode answers = root.get("answers");
        if (answers == null) {
            if (root.has("scoring") || root.has("options")) {
                throw new BenchmarkSetupException(where + " has \"scoring\" or \"options\" but no \"answers\": add"
                        + " the accepted answers, e.g. \"answers\": [\"Paris\"].");
            }
            return null;
        }
        List<String> accepted = new ArrayList<>();
        for (JsonNode answer : answers.isArray() ? answers : JSON.createArrayNode().add(answers)) {
            if (!answer.isTextual() || answer.asText().isBlank()) {
                throw new BenchmarkSetupException(where + " has an answer that is not a non-empty string (" + answer
                        + "): write \"answers\": [\"...\", ...].");
            }
            accepted.add(answer.asText());
        }
        if (accepted.isEmpty()) {
            throw new BenchmarkSetupException(where + " has an empty \"answers\" list: give at least one accepted"
                    + " answer, or remove the field.");
        }
        String scoring = root.path("scoring").asText(DEFAULT_SCORING);
        try {
            ScoringRule.parse(scoring);
        } catch (IllegalArgumentException e) {
            throw new BenchmarkSetupException(where + ": " + e.getMessage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode given = root.get("options");
        if (given != null) {
            if (!given.isObject()) {
                throw new BenchmarkSetupException(where + " has \"options\" that are not an object: write"
                        + " \"options\": {\"A\": \"...\", \"B\": \"...\"}.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> option = it.next();
                options.put(option.getKey(), option.getValue().asText());
            }
        }
        return new Reference(accepted, scoring, options);
    }

    /** The scoring rule of a line that names none. */
    private static final String DEFAULT_SCORING = ScoringRule.VQA.id();

    private static Message message(JsonNode node, String where, Path base) throws BenchmarkSetupException {
        JsonNode role = node.get("role");
        if (role == null || !ROLES.contains(role.asText())) {
            throw new BenchmarkSetupException(where + " has role " + (role == null ? "(none)" : role) + ": use"
                    + " \"system\", \"user\" or \"assistant\".");
        }
        JsonNode content = node.get("content");
        if (content != null && content.isTextual()) {
            return Message.text(role.asText(), content.asText());
        }
        if (content == null || !content.isArray()) {
            throw new BenchmarkSetupException(where + " has no content string or list: " + FORMAT + ".");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int p = 0; p < content.size(); p++) {
            parts.add(part(content.get(p), where + ", part " + (p + 1), base));
        }
        return Message.parts(role.asText(), parts);
    }

    private static ContentPart part(JsonNode node, String where, Path base) throws BenchmarkSetupException {
        String type = node.path("type").asText("");
        switch (type) {
            case "text" -> {
                JsonNode text = node.get("text");
                if (text == null || !text.isTextual()) {
                    throw new BenchmarkSetupException(where + " is a text part without a \"text\" string: write"
                            + " {\"type\": \"text\", \"text\": \"...\"}.");
                }
                return new ContentPart.Text(text.asText());
            }
            case "image" -> {
                JsonNode image = node.get("image");
                if (image == null || !image.isTextual() || image.asText().isBlank()) {
                    throw new BenchmarkSetupException(where + " is an image part without an \"image\" path: write"
                            + " {\"type\": \"image\", \"image\": \"path/relative/to/the/file.png\"}.");
                }
                Path path = base.resolve(image.asText()).normalize();
                if (!Files.isRegularFile(path)) {
                    throw new BenchmarkSetupException(where + " names image " + image.asText() + ", but " + path
                            + " does not exist: fix the path (relative to the conversations file) or add the image.");
                }
                return new ContentPart.Image(path);
            }
            default -> throw new BenchmarkSetupException(where + " has content type "
                    + (node.has("type") ? "'" + type + "'" : "(none)") + ", which is not supported: use \"text\""
                    + " or \"image\" (videos, audio and image URLs are not supported).");
        }
    }
}
