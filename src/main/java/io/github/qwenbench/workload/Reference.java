package io.github.qwenbench.workload;

import java.util.List;
import java.util.Map;

/**
 * What a conversation's right answer is, for task accuracy: the accepted answers, the scoring rule
 * that compares an answer with them, and a multiple-choice item's options.
 *
 * @param answers the accepted answers (at least one)
 * @param scoring the scoring rule's name ({@code vqa}, {@code contains}, {@code anls}, {@code choice},
 *     {@code relaxed})
 * @param options a multiple-choice item's options by letter ({@code A} to its text), empty otherwise
 */
public record Reference(List<String> answers, String scoring, Map<String, String> options) {

    public Reference {
        answers = List.copyOf(answers);
        options = Map.copyOf(options);
    }
}
