package io.github.qwenbench.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The few Python 3 {@code str} and {@code float()} operations the official scoring scripts are written
 * with, reproduced so that the rules give the scripts' results on any text, not only on ASCII: whitespace
 * is what {@code str.isspace()} accepts (which neither {@link Character#isWhitespace} nor
 * {@link String#strip} matches alone), and a number is what {@code float()} parses.
 */
final class PythonStrings {

    /**
     * {@code float()}'s syntax after stripping (Python reference, "Built-in Functions: float"): digit groups
     * may be joined by single underscores (PEP 515); infinity and nan in any case. Digits are ASCII here
     * because {@link #toFloat} first maps every Unicode decimal digit to ASCII, as CPython does.
     */
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:"
            + "(?:(?:[0-9](?:_?[0-9])*)?\\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?"
            + "|(?i:inf|infinity|nan))");

    private PythonStrings() {
    }

    /** {@code str.isspace()} for one code point. */
    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code s.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code s.strip(c)}: removes {@code c} from both ends. */
    static String strip(String s, char c) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == c) {
            start++;
        }
        while (end > start && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code s.rstrip(c)}: removes {@code c} from the end. */
    static String rstrip(String s, char c) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code s.split()}: the runs of non-whitespace. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /** {@code ' '.join(s.split())}. */
    static String collapseWhitespace(String s) {
        return String.join(" ", split(s));
    }

    /** {@code s.lower()} (both apply Unicode's full case mapping, final sigma included). */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code float(s)}, or null where it raises {@code ValueError}. The parsed value is Java's correctly
     * rounded {@link Double#parseDouble}, as Python's is.
     */
    static Double toFloat(String s) {
        StringBuilder ascii = new StringBuilder();
        strip(s).codePoints().forEach(c -> {
            if (Character.isDigit(c)) {
                ascii.append((char) ('0' + Character.digit(c, 10)));
            } else {
                ascii.appendCodePoint(c);
            }
        });
        String text = ascii.toString();
        if (!FLOAT.matcher(text).matches()) {
            return null;
        }
        String body = text.replace("_", "");
        String unsigned = body.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT);
        boolean negative = body.startsWith("-");
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.startsWith("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(body);
    }
}
