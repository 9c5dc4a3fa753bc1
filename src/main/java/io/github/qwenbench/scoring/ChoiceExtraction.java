package io.github.qwenbench.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The option letter a free-form answer to a multiple-choice item picks, found as MMMU's evaluation finds it:
 * {@code parse_multi_choice_response} of MMMU-Benchmark/MMMU (mmmu/utils/eval_utils.py), in the form
 * lmms-eval runs it (lmms_eval/tasks/_task_utils/mmmu_mcq_utils.py, {@code parse_mmmu_multi_choice_response}).
 *
 * <p>In order, stopping at the first step that finds any letter: {@code "(B)"}; {@code "B "}; {@code "B."};
 * and, in an answer of more than 5 words, an option's text (case-insensitive). Several letters found in one
 * step: the one whose last occurrence comes last wins ({@code "(B)"}, {@code " B "} or the option text,
 * by step), and where none of them occurs in that form, the first letter. Letters are case-sensitive.
 *
 * <p>Two departures from MMMU's own file, both lmms-eval's: MMMU looks for {@code " B "} (a space on both
 * sides) where lmms-eval looks for {@code "B "}, so {@code "DNA replication"} finds A here but nothing in
 * MMMU; and MMMU has no {@code "B."} step, so {@code "B. Because ..."} finds nothing there. One departure
 * from both: where they pick a random letter ({@code random.choice}), this finds none, so that the item
 * scores 0 and a benchmark run is deterministic.
 */
final class ChoiceExtraction {

    /** Stripped from both ends of the answer, one after the other, before anything is looked for. */
    private static final char[] STRIPPED = {',', '.', '!', '?', ';', ':', '\''};

    /** An answer must have more than this many words for option texts to be looked for. */
    private static final int WORDS_BEFORE_TEXT_MATCHING = 5;

    private ChoiceExtraction() {
    }

    /**
     * The letter the answer picks, or empty when none is found.
     *
     * @param options letter to option text; the letters are tried in their natural order (A, B, C, ...),
     *        as lmms-eval numbers them
     */
    static Optional<String> letter(String answer, Map<String, String> options) {
        Map<String, String> byLetter = new TreeMap<>(options);
        String response = answer;
        for (char c : STRIPPED) {
            response = PythonStrings.strip(response, c);
        }
        response = " " + response + " ";

        List<String> candidates = new ArrayList<>();
        for (String letter : byLetter.keySet()) {
            if (response.contains("(" + letter + ")")) {
                candidates.add(letter);
            }
        }
        if (!candidates.isEmpty()) {
            return Optional.of(lastOccurring(candidates, response, letter -> "(" + letter + ")"));
        }
        for (String letter : byLetter.keySet()) {
            if (response.contains(letter + " ")) {
                candidates.add(letter);
            }
        }
        if (candidates.isEmpty()) {
            for (String letter : byLetter.keySet()) {
                if (response.contains(letter + ".")) {
                    candidates.add(letter);
                }
            }
        }
        if (!candidates.isEmpty()) {
            return Optional.of(lastOccurring(candidates, response, letter -> " " + letter + " "));
        }
        if (PythonStrings.split(response).size() > WORDS_BEFORE_TEXT_MATCHING) {
            String lowerResponse = PythonStrings.lower(response);
            for (Map.Entry<String, String> option : byLetter.entrySet()) {
                if (lowerResponse.contains(PythonStrings.lower(option.getValue()))) {
                    candidates.add(option.getKey());
                }
            }
            if (!candidates.isEmpty()) {
                return Optional.of(lastOccurring(candidates, lowerResponse,
                        letter -> PythonStrings.lower(byLetter.get(letter))));
            }
        }
        return Optional.empty();
    }

    /**
     * The candidate whose form occurs last in the text ({@code rfind}); on a tie, including none occurring
     * ({@code -1} everywhere), the first, as {@code numpy.argmax} picks.
     */
    private static String lastOccurring(List<String> candidates, String text, UnaryOperator<String> form) {
        String best = candidates.get(0);
        int bestIndex = text.lastIndexOf(form.apply(best));
        for (String candidate : candidates.subList(1, candidates.size())) {
            int index = text.lastIndexOf(form.apply(candidate));
            if (index > bestIndex) {
                best = candidate;
                bestIndex = index;
            }
        }
        return best;
    }
}
