package io.github.qwenbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python 3.11's answers, checked with the interpreter. */
class PythonStringsTest {

    @Test
    void whitespaceIsWhatIsspaceAccepts() {
        assertEquals("x", PythonStrings.strip("\u00a0\u2007\u202f\u0085\u001c x\u3000\n"));
        assertEquals("\u200bx", PythonStrings.strip("\u200bx"));
        assertEquals(List.of("a", "b", "c"), PythonStrings.split(" a\u00a0b\tc "));
        assertEquals(List.of(), PythonStrings.split(" \n "));
    }

    @Test
    void stripsOneCharacter() {
        assertEquals("B", PythonStrings.strip("..B..", '.'));
        assertEquals("%50", PythonStrings.rstrip("%50%%", '%'));
    }

    @Test
    void floatAcceptsWhatPythonAccepts() {
        assertEquals(12.4, PythonStrings.toFloat(" 12.4\n"));
        assertEquals(1000.0, PythonStrings.toFloat("1_000"));
        assertEquals(0.5, PythonStrings.toFloat(".5"));
        assertEquals(5.0, PythonStrings.toFloat("+5."));
        assertEquals(-12.0, PythonStrings.toFloat("-1.2E1"));
        assertEquals(12.0, PythonStrings.toFloat("١٢"));
        assertEquals(Double.NEGATIVE_INFINITY, PythonStrings.toFloat("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, PythonStrings.toFloat("1e400"));
        assertEquals(Double.NaN, PythonStrings.toFloat("nAn"));
    }

    @Test
    void floatRejectsWhatPythonRejects() {
        for (String text : List.of("", "1,000", "1__000", "_1", "1_", "1._5", "0x10", "1.5d", "1f", "NaNx", "12 apples",
                "1 2", "e5", ".", "infinit")) {
            assertNull(PythonStrings.toFloat(text), text);
        }
    }
}
