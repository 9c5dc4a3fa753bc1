package io.github.qwenbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule on the examples of its published definition. */
class ScoringRuleTest {

    private static final Map<String, String> OPTIONS = Map.of("A", "nucleus", "B", "mitochondria", "C", "ribosome",
            "D", "golgi apparatus");

    private static double score(ScoringRule rule, String answer, String... references) {
        return rule.score(answer, List.of(references), rule == ScoringRule.CHOICE ? OPTIONS : null);
    }

    @Test
    void vqaIsExactMatchAfterNormalization() {
        assertEquals(1, score(ScoringRule.VQA, "Two", "2"));
        assertEquals(1, score(ScoringRule.VQA, "the dog.", "dog"));
        assertEquals(1, score(ScoringRule.VQA, "1,000", "1000"));
        assertEquals(1, score(ScoringRule.VQA, "isnt", "isn't"));
        assertEquals(1, score(ScoringRule.VQA, "puppy", "dog", "puppy"));
        assertEquals(0, score(ScoringRule.VQA, "two dogs", "2"));
        assertEquals(0, score(ScoringRule.VQA, "", "yes"));
    }

    @Test
    void containsFindsWholeWords() {
        assertEquals(1, score(ScoringRule.CONTAINS, "The answer is two dogs.", "2"));
        assertEquals(1, score(ScoringRule.CONTAINS, "It is a red car, I think", "red car"));
        assertEquals(0, score(ScoringRule.CONTAINS, "I do not know", "no"));
        assertEquals(0, score(ScoringRule.CONTAINS, "12 apples", "2"));
        assertEquals(0, score(ScoringRule.CONTAINS, "", "yes"));
    }

    @Test
    void anlsIsOneMinusNormalizedDistanceAboveTheThreshold() {
        assertEquals(1, score(ScoringRule.ANLS, "Acme Corp", "ACME CORP"), 1e-15);
        assertEquals(0.9, score(ScoringRule.ANLS, "Acme Corp.", "acme corp"), 1e-15);
        assertEquals(0.75, score(ScoringRule.ANLS, "2019", "twenty nineteen", "2018"), 1e-15);
        assertEquals(4.0 / 7, score(ScoringRule.ANLS, "abcdefg", "abcdxyz"), 1e-15);
        assertEquals(0, score(ScoringRule.ANLS, "abcdefg", "abcxyzw"));
        assertEquals(0, score(ScoringRule.ANLS, "", "total"));
    }

    @Test
    void anlsKeepsADistanceOfExactlyHalfAsTheOfficialScriptDoes() {
        assertEquals(0.5, score(ScoringRule.ANLS, "ab", "ac"));
    }

    @Test
    void choiceScoresTheExtractedLetter() {
        assertEquals(1, score(ScoringRule.CHOICE, "The answer is (B).", "B"));
        assertEquals(1, score(ScoringRule.CHOICE, "B", "B"));
        assertEquals(1, score(ScoringRule.CHOICE, "I believe the correct one is the mitochondria", "B"));
        assertEquals(0, score(ScoringRule.CHOICE, "(D)", "B"));
        assertEquals(1, score(ScoringRule.CHOICE, "(C)", "B", "C"));
    }

    @Test
    void choiceScoresZeroWhenNoLetterIsFound() {
        assertEquals(0, score(ScoringRule.CHOICE, "mitochondria", "B"));
        assertEquals(0, score(ScoringRule.CHOICE, "", "A"));
    }

    @Test
    void relaxedAcceptsNumbersWithinFivePercent() {
        assertEquals(1, score(ScoringRule.RELAXED, "12.4", "12"));
        assertEquals(0, score(ScoringRule.RELAXED, "13", "12"));
        assertEquals(1, score(ScoringRule.RELAXED, "50%", "0.5"));
        assertEquals(0, score(ScoringRule.RELAXED, "50", "50%"));
        assertEquals(1, score(ScoringRule.RELAXED, "10.5", "10"));
        assertEquals(1, score(ScoringRule.RELAXED, " 12.4\n", "12"));
    }

    @Test
    void relaxedFallsBackToCaseInsensitiveEquality() {
        assertEquals(1, score(ScoringRule.RELAXED, "Yes", "yes"));
        assertEquals(0, score(ScoringRule.RELAXED, "Yes.", "yes"));
        assertEquals(0, score(ScoringRule.RELAXED, "0.0", "0"));
        assertEquals(1, score(ScoringRule.RELAXED, "0", "0"));
        assertEquals(0, score(ScoringRule.RELAXED, "1,000", "1000"));
    }

    @Test
    void parsesTheRuleNames() {
        for (ScoringRule rule : ScoringRule.values()) {
            assertEquals(rule, ScoringRule.parse(rule.id()));
            assertTrue(rule.description().length() > 40, rule.id());
        }
        assertEquals(ScoringRule.ANLS, ScoringRule.parse(" ANLS "));
    }

    @Test
    void anUnknownRuleIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoringRule.parse("exact"));
        assertEquals("scoring rule 'exact' is not known: use one of vqa, contains, anls, choice, relaxed", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoringRule.parse(null));
    }

    @Test
    void anItemThatCannotBeScoredIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScoringRule.VQA.score("yes", List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> ScoringRule.VQA.score(null, List.of("yes"), null));
        IllegalArgumentException noOptions = assertThrows(IllegalArgumentException.class,
                () -> ScoringRule.CHOICE.score("A", List.of("A"), Map.of()));
        assertTrue(noOptions.getMessage().contains("no options"), noOptions.getMessage());
        IllegalArgumentException notALetter = assertThrows(IllegalArgumentException.class,
                () -> ScoringRule.CHOICE.score("A", List.of("E"), OPTIONS));
        assertTrue(notALetter.getMessage().contains("'E'"), notALetter.getMessage());
    }
}
