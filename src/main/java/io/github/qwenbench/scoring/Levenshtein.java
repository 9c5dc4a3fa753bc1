package io.github.qwenbench.scoring;

/**
 * The Levenshtein distance (insertions, deletions and substitutions, each costing 1) between two strings
 * counted in code points, as Python's {@code len} and the DocVQA script's {@code levenshtein_distance}
 * count them: a character outside the Basic Multilingual Plane is one edit, not two.
 */
final class Levenshtein {

    private Levenshtein() {
    }

    static int distance(String a, String b) {
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        int[] previous = new int[t.length + 1];
        int[] current = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            current[0] = i;
            for (int j = 1; j <= t.length; j++) {
                int substitution = previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[t.length];
    }

    /** The number of code points, Python's {@code len}. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
