package io.github.qwenbench.workload;

import java.nio.file.Path;
import java.util.Objects;

/** One part of a message's content: {@code {"type": "text", ...}} or {@code {"type": "image", ...}}. */
public sealed interface ContentPart {

    /** {@code {"type": "text", "text": ...}} */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code {"type": "image", "image": path}}; the path is resolved against the conversations file. */
    record Image(Path path) implements ContentPart {
        public Image {
            Objects.requireNonNull(path, "path");
        }
    }
}
