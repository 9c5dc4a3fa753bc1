package io.github.qwenbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Examples worked by hand from vqaEval.py (GT-Vision-Lab/VQA at a013f00). */
class VqaNormalizationTest {

    @Test
    void numberWordsBecomeDigitsUpToTen() {
        assertEquals("2", VqaNormalization.normalize("Two"));
        assertEquals("0", VqaNormalization.normalize("none"));
        assertEquals("10", VqaNormalization.normalize("TEN"));
        assertEquals("eleven", VqaNormalization.normalize("eleven"));
    }

    @Test
    void articlesAndAFinalPeriodGo() {
        assertEquals("dog", VqaNormalization.normalize("the dog."));
        assertEquals("red car", VqaNormalization.normalize("  A Red\tCar \n"));
    }

    @Test
    void contractionsGainTheirApostrophe() {
        assertEquals("isn't", VqaNormalization.normalize("isnt"));
        assertEquals("isn't", VqaNormalization.normalize("isn't"));
        assertEquals("don't know", VqaNormalization.normalize("dont know"));
    }

    @Test
    void aPeriodBeforeADigitStays() {
        assertEquals("3.5", VqaNormalization.normalize("3.5"));
        assertEquals("5", VqaNormalization.normalize("5."));
    }

    @Test
    void punctuationBesideASpaceIsDeletedAndBetweenWordsSpaced() {
        assertEquals("yes it is", VqaNormalization.normalize("Yes, it is"));
        assertEquals("red blue", VqaNormalization.normalize("red/blue"));
        assertEquals("hello world foo", VqaNormalization.normalize("Hello, world/foo"));
        assertEquals("t shirt", VqaNormalization.normalize("T-shirt"));
        assertEquals("yes", VqaNormalization.normalize("Yes!"));
    }

    @Test
    void aCommaBetweenDigitsDeletesEveryMark() {
        assertEquals("1000", VqaNormalization.normalize("1,000"));
        assertEquals("1000 catsdogs", VqaNormalization.normalize("1,000 cats/dogs"));
    }

    @Test
    void colonAndApostropheAreNotInTheList() {
        assertEquals("10:30", VqaNormalization.normalize("10:30"));
        assertEquals("dog's", VqaNormalization.normalize("the dog's"));
    }

    @Test
    void atMost32PeriodsAreRemoved() {
        assertEquals("wait........", VqaNormalization.normalize("wait" + ".".repeat(40)));
        assertEquals("wait", VqaNormalization.normalize("wait" + ".".repeat(32)));
    }

    @Test
    void unicodeDigitsCountAsDigitsAsInPython3() {
        assertEquals("١٢", VqaNormalization.normalize("١,٢"));
    }
}
