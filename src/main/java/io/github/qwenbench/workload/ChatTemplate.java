package io.github.qwenbench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import io.github.qwenbench.json.Json;
import io.github.qwenbench.plan.BenchmarkSetupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A chat template (Jinja) rendered with Jinjava the way Hugging Face renders it with Jinja2. */
public final class ChatTemplate {

    /** Qwen3-VL's published template, bundled (see the README beside it for its source and SHA-256). */
    public static final String QWEN3_VL_RESOURCE = "qwen3-vl-chat_template.jinja";

    private final String name;
    private final String sha256;
    private final String source;
    private final Jinjava jinjava;

    /**
     * Jinja2's lstrip_blocks: spaces and tabs from the start of a line up to a block or comment tag are
     * removed, unless the tag opens with {@code +}. Nothing else on a line is touched.
     */
    private static final Pattern LSTRIP_BLOCKS = Pattern.compile("(?m)^[ \\t]+(?=\\{[%#](?!\\+))");

    private ChatTemplate(String name, String source) {
        this.name = name;
        this.sha256 = sha256(source);
        this.source = LSTRIP_BLOCKS.matcher(source).replaceAll("");
        // Hugging Face compiles chat templates with trim_blocks and lstrip_blocks. Jinjava's own lstripBlocks
        // also strips spaces before a tag in the middle of a line ("Picture 1: {% endif %}" loses its space),
        // so Jinja2's rule is applied to the source instead: see LSTRIP_BLOCKS. Jinjava keeps two more of
        // Jinja2's behaviours behind switches: {{- ... -}} trimming and Python's operator precedence.
        LegacyOverrides jinja2 = LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true)
                .withUseNaturalOperatorPrecedence(true).build();
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(false)
                .withLegacyOverrides(jinja2).build());
    }

    /** Qwen3-VL's published chat template. */
    public static ChatTemplate qwen3Vl() {
        try (InputStream in = ChatTemplate.class.getResourceAsStream(QWEN3_VL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(QWEN3_VL_RESOURCE + " is missing from the plugin's jar");
            }
            return new ChatTemplate("Qwen3-VL chat template (bundled)",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled " + QWEN3_VL_RESOURCE, e);
        }
    }

    /**
     * A template file: a {@code .jinja} file, or a {@code .json} file whose {@code chat_template} holds it (as
     * {@code chat_template.json} and {@code tokenizer_config.json} do: a string, or a list of named templates
     * of which the {@code default} one is taken).
     */
    public static ChatTemplate fromFile(Path file) throws BenchmarkSetupException {
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkSetupException("Chat template " + file.toAbsolutePath() + " does not exist: fix the"
                    + " path, or leave the template unset to use Qwen3-VL's.");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            String template = jsonTemplate(file);
            if (template == null) {
                throw new BenchmarkSetupException(file + " holds no chat_template: give the template's .jinja file.");
            }
            return new ChatTemplate(file.toString(), template);
        }
        try {
            return new ChatTemplate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read chat template " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code chat_template} of a JSON file (the {@code default} one of a list), or null where it has none. */
    static String jsonTemplate(Path file) throws BenchmarkSetupException {
        JsonNode template;
        try {
            template = Json.mapper().readTree(file.toFile()).path("chat_template");
        } catch (IOException e) {
            throw new BenchmarkSetupException("Cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
        if (template.isTextual()) {
            return template.asText();
        }
        for (JsonNode named : template) {
            if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                return named.path("template").asText();
            }
        }
        return null;
    }

    /** The bundled template's name, or the file's path. */
    public String name() {
        return name;
    }

    /** The SHA-256 of the template's text (UTF-8), as read. */
    public String sha256() {
        return sha256;
    }

    private static String sha256(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Renders {@code messages} with {@code add_generation_prompt}. */
    public String render(List<Message> messages, boolean addGenerationPrompt) throws BenchmarkSetupException {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /**
     * Renders {@code messages} with {@code add_generation_prompt} and further template variables, as
     * keyword arguments of Hugging Face's {@code apply_chat_template} (e.g. {@code add_vision_id}).
     */
    public String render(List<Message> messages, boolean addGenerationPrompt, Map<String, ?> variables)
            throws BenchmarkSetupException {
        Map<String, Object> context = new LinkedHashMap<>(variables);
        context.put("messages", messages.stream().map(ChatTemplate::asJinja).toList());
        context.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = jinjava.renderForResult(source, context);
        if (!result.getErrors().isEmpty()) {
            throw new BenchmarkSetupException(name + " failed to render: " + result.getErrors()
                    + ". Fix the template, or leave it unset to use Qwen3-VL's.");
        }
        return result.getOutput();
    }

    private static Map<String, Object> asJinja(Message message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", message.role());
        if (message.text() != null) {
            map.put("content", message.text());
        } else {
            List<Map<String, Object>> parts = new ArrayList<>();
            for (ContentPart part : message.parts()) {
                Map<String, Object> p = new LinkedHashMap<>();
                if (part instanceof ContentPart.Text text) {
                    p.put("type", "text");
                    p.put("text", text.text());
                } else if (part instanceof ContentPart.Image image) {
                    p.put("type", "image");
                    p.put("image", image.path().toString());
                }
                parts.add(p);
            }
            map.put("content", parts);
        }
        return map;
    }
}
