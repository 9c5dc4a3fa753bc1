package io.github.qwenbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Examples worked by hand from parse_multi_choice_response (MMMU eval_utils.py, as lmms-eval runs it). */
class ChoiceExtractionTest {

    private static final Map<String, String> OPTIONS = Map.of("A", "nucleus", "B", "mitochondria", "C", "ribosome",
            "D", "golgi apparatus");

    private static Optional<String> letter(String answer) {
        return ChoiceExtraction.letter(answer, OPTIONS);
    }

    @Test
    void findsParenthesizedLetters() {
        assertEquals(Optional.of("B"), letter("The answer is (B)."));
        assertEquals(Optional.of("C"), letter("(A) is wrong, so (C)"));
    }

    @Test
    void findsABareLetterOrALetterWithAPeriod() {
        assertEquals(Optional.of("B"), letter("B"));
        assertEquals(Optional.of("B"), letter("B."));
        assertEquals(Optional.of("B"), letter("B. Because it makes ATP"));
        assertEquals(Optional.of("B"), letter("A or B"));
    }

    @Test
    void severalLettersNoneSpacedPicksTheFirst() {
        assertEquals(Optional.of("A"), letter("A.B.x"));
    }

    @Test
    void findsOptionTextOnlyInAnswersOfMoreThanFiveWords() {
        assertEquals(Optional.of("B"), letter("I believe the correct one is the mitochondria"));
        assertEquals(Optional.of("C"), letter("Not the nucleus but the ribosome makes proteins"));
        assertEquals(Optional.empty(), letter("mitochondria"));
    }

    @Test
    void findsNothingRatherThanGuessing() {
        assertEquals(Optional.empty(), letter(""));
        assertEquals(Optional.empty(), letter("b"));
        assertEquals(Optional.empty(), letter("I cannot tell from this image"));
    }

    @Test
    void aLetterEndingAWordCountsAsLmmsEvalHasIt() {
        assertEquals(Optional.of("A"), letter("DNA replication"));
    }
}
