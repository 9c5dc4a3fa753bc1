package io.github.qwenbench.workload;

import java.util.List;
import java.util.Objects;

/**
 * One chat message. Its content is either one string ({@code "content": "..."}) or a list of parts;
 * the chat template sees which, as Hugging Face's does.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param text the content when it is a string, else null
 * @param parts the content when it is a list, else null
 */
public record Message(String role, String text, List<ContentPart> parts) {

    public Message {
        Objects.requireNonNull(role, "role");
        if ((text == null) == (parts == null)) {
            throw new IllegalArgumentException("a message has either text or parts");
        }
        parts = parts == null ? null : List.copyOf(parts);
    }

    /** A message whose content is a string. */
    public static Message text(String role, String text) {
        return new Message(role, text, null);
    }

    /** A message whose content is a list of parts. */
    public static Message parts(String role, List<ContentPart> parts) {
        return new Message(role, null, parts);
    }

    /** The images of this message, in order. */
    public List<ContentPart.Image> images() {
        return parts == null ? List.of()
                : parts.stream().filter(ContentPart.Image.class::isInstance).map(ContentPart.Image.class::cast).toList();
    }
}
