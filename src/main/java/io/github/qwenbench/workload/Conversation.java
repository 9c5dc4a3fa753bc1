package io.github.qwenbench.workload;

import java.nio.file.Path;
import java.util.List;

/**
 * One conversation of a conversations file.
 *
 * @param source the file it was read from (null when built in code)
 * @param line its line number in that file, from 1
 * @param messages its messages, in order
 */
public record Conversation(Path source, int line, List<Message> messages) {

    public Conversation {
        messages = List.copyOf(messages);
    }

    /** The images of every message, in order of appearance (the order of {@code image_grid_thw}). */
    public List<ContentPart.Image> images() {
        return messages.stream().flatMap(m -> m.images().stream()).toList();
    }

    /** "file line N", for messages. */
    public String where() {
        return source == null ? "conversation" : source + " line " + line;
    }
}
