package io.github.qwenbench.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One conversation of a conversations file.
 *
 * @param source the file it was read from (null when built in code)
 * @param line its line number in that file, from 1
 * @param messages its messages, in order
 * @param reference its right answer, for task accuracy, or null when it carries none
 */
public record Conversation(Path source, int line, List<Message> messages, Reference reference) {

    public Conversation {
        messages = List.copyOf(messages);
    }

    /** A conversation without a reference answer. */
    public Conversation(Path source, int line, List<Message> messages) {
        this(source, line, messages, null);
    }

    /** The images of every message, in order of appearance (the order of {@code image_grid_thw}). */
    public List<ContentPart.Image> images() {
        return messages.stream().flatMap(m -> m.images().stream()).toList();
    }

    /** The text of the last user message (its text parts joined), as a report shows the question. */
    public String question() {
        for (int m = messages.size() - 1; m >= 0; m--) {
            Message message = messages.get(m);
            if (message.role().equals("user")) {
                return message.text() != null ? message.text() : message.parts().stream()
                        .filter(ContentPart.Text.class::isInstance).map(p -> ((ContentPart.Text) p).text())
                        .collect(Collectors.joining(" "));
            }
        }
        return "";
    }

    /** "file line N", for messages. */
    public String where() {
        return source == null ? "conversation" : source + " line " + line;
    }
}
