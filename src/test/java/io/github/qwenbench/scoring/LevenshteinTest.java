package io.github.qwenbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevenshteinTest {

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, Levenshtein.distance("kitten", "sitting"));
        assertEquals(3, Levenshtein.distance("sitting", "kitten"));
        assertEquals(0, Levenshtein.distance("same", "same"));
        assertEquals(4, Levenshtein.distance("", "four"));
        assertEquals(4, Levenshtein.distance("four", ""));
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        assertEquals(1, Levenshtein.distance("a\uD83D\uDE00b", "ab"));
        assertEquals(3, Levenshtein.length("a\uD83D\uDE00b"));
    }
}
