package io.github.qwenbench.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer normalization of the official VQA v2 evaluation: {@code VQAEval.evaluate}'s treatment of an
 * answer followed by {@code processPunctuation} and {@code processDigitArticle}, from GT-Vision-Lab/VQA,
 * PythonEvaluationTools/vqaEvaluation/vqaEval.py at commit a013f00 (2021, "Fixed processing answers bug",
 * the last change; lmms-eval's vqav2 task normalizes the same way). Its tables are copied verbatim so that
 * they can be diffed against that file.
 *
 * <p>Its quirks are kept, since scores must match the script's: once a comma stands between two digits
 * anywhere, every listed mark is deleted rather than spaced ({@code "1,000 cats/dogs"} becomes
 * {@code "1000 catsdogs"}); the colon, the apostrophe and the period are not in the list (a period goes
 * only when no digit follows it, and at most 32 of them, the script passing {@code re.UNICODE} where
 * {@code re.sub} takes its count); the contractions map goes from the unpunctuated form to the punctuated
 * one ({@code "isnt"} becomes {@code "isn't"}).
 */
final class VqaNormalization {

    /** {@code self.punct}. */
    private static final List<String> PUNCTUATION = List.of(";", "/", "[", "]", "\"", "{", "}", "(", ")", "=",
            "+", "\\", "_", "-", ">", "<", "@", "`", ",", "?", "!");

    /** {@code self.commaStrip}; Python 3's {@code \d} is any Unicode decimal digit, hence the flag. */
    private static final Pattern COMMA_BETWEEN_DIGITS = Pattern.compile("(\\d)(\\,)(\\d)",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * {@code self.periodStrip}, as written: {@code (?!<=\d)} was meant as a look-behind but is a look-ahead
     * that a period never fails, so the pattern removes a period not followed by a digit.
     */
    private static final Pattern PERIOD = Pattern.compile("(?!<=\\d)(\\.)(?!\\d)", Pattern.UNICODE_CHARACTER_CLASS);

    /** {@code periodStrip.sub("", outText, re.UNICODE)} passes {@code re.UNICODE} (32) as the count. */
    private static final int PERIODS_REMOVED_AT_MOST = 32;

    /** {@code self.manualMap}. */
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(Map.entry("none", "0"),
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"));

    /** {@code self.articles}. */
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    /** {@code self.contractions}; the capitalized keys can never match lower-cased words, there as here. */
    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("aint", "ain't"), Map.entry("arent", "aren't"), Map.entry("cant", "can't"),
            Map.entry("couldve", "could've"), Map.entry("couldnt", "couldn't"),
            Map.entry("couldn'tve", "couldn't've"), Map.entry("couldnt've", "couldn't've"),
            Map.entry("didnt", "didn't"), Map.entry("doesnt", "doesn't"), Map.entry("dont", "don't"),
            Map.entry("hadnt", "hadn't"), Map.entry("hadnt've", "hadn't've"), Map.entry("hadn'tve", "hadn't've"),
            Map.entry("hasnt", "hasn't"), Map.entry("havent", "haven't"), Map.entry("hed", "he'd"),
            Map.entry("hed've", "he'd've"), Map.entry("he'dve", "he'd've"), Map.entry("hes", "he's"),
            Map.entry("howd", "how'd"), Map.entry("howll", "how'll"), Map.entry("hows", "how's"),
            Map.entry("Id've", "I'd've"), Map.entry("I'dve", "I'd've"), Map.entry("Im", "I'm"),
            Map.entry("Ive", "I've"), Map.entry("isnt", "isn't"), Map.entry("itd", "it'd"),
            Map.entry("itd've", "it'd've"), Map.entry("it'dve", "it'd've"), Map.entry("itll", "it'll"),
            Map.entry("let's", "let's"), Map.entry("maam", "ma'am"), Map.entry("mightnt", "mightn't"),
            Map.entry("mightnt've", "mightn't've"), Map.entry("mightn'tve", "mightn't've"),
            Map.entry("mightve", "might've"), Map.entry("mustnt", "mustn't"), Map.entry("mustve", "must've"),
            Map.entry("neednt", "needn't"), Map.entry("notve", "not've"), Map.entry("oclock", "o'clock"),
            Map.entry("oughtnt", "oughtn't"), Map.entry("ow's'at", "'ow's'at"), Map.entry("'ows'at", "'ow's'at"),
            Map.entry("'ow'sat", "'ow's'at"), Map.entry("shant", "shan't"), Map.entry("shed've", "she'd've"),
            Map.entry("she'dve", "she'd've"), Map.entry("she's", "she's"), Map.entry("shouldve", "should've"),
            Map.entry("shouldnt", "shouldn't"), Map.entry("shouldnt've", "shouldn't've"),
            Map.entry("shouldn'tve", "shouldn't've"), Map.entry("somebody'd", "somebodyd"),
            Map.entry("somebodyd've", "somebody'd've"), Map.entry("somebody'dve", "somebody'd've"),
            Map.entry("somebodyll", "somebody'll"), Map.entry("somebodys", "somebody's"),
            Map.entry("someoned", "someone'd"), Map.entry("someoned've", "someone'd've"),
            Map.entry("someone'dve", "someone'd've"), Map.entry("someonell", "someone'll"),
            Map.entry("someones", "someone's"), Map.entry("somethingd", "something'd"),
            Map.entry("somethingd've", "something'd've"), Map.entry("something'dve", "something'd've"),
            Map.entry("somethingll", "something'll"), Map.entry("thats", "that's"), Map.entry("thered", "there'd"),
            Map.entry("thered've", "there'd've"), Map.entry("there'dve", "there'd've"),
            Map.entry("therere", "there're"), Map.entry("theres", "there's"), Map.entry("theyd", "they'd"),
            Map.entry("theyd've", "they'd've"), Map.entry("they'dve", "they'd've"), Map.entry("theyll", "they'll"),
            Map.entry("theyre", "they're"), Map.entry("theyve", "they've"), Map.entry("twas", "'twas"),
            Map.entry("wasnt", "wasn't"), Map.entry("wed've", "we'd've"), Map.entry("we'dve", "we'd've"),
            Map.entry("weve", "we've"), Map.entry("werent", "weren't"), Map.entry("whatll", "what'll"),
            Map.entry("whatre", "what're"), Map.entry("whats", "what's"), Map.entry("whatve", "what've"),
            Map.entry("whens", "when's"), Map.entry("whered", "where'd"), Map.entry("wheres", "where's"),
            Map.entry("whereve", "where've"), Map.entry("whod", "who'd"), Map.entry("whod've", "who'd've"),
            Map.entry("who'dve", "who'd've"), Map.entry("wholl", "who'll"), Map.entry("whos", "who's"),
            Map.entry("whove", "who've"), Map.entry("whyll", "why'll"), Map.entry("whyre", "why're"),
            Map.entry("whys", "why's"), Map.entry("wont", "won't"), Map.entry("wouldve", "would've"),
            Map.entry("wouldnt", "wouldn't"), Map.entry("wouldnt've", "wouldn't've"),
            Map.entry("wouldn'tve", "wouldn't've"), Map.entry("yall", "y'all"), Map.entry("yall'll", "y'all'll"),
            Map.entry("y'allll", "y'all'll"), Map.entry("yall'd've", "y'all'd've"),
            Map.entry("y'alld've", "y'all'd've"), Map.entry("y'all'dve", "y'all'd've"), Map.entry("youd", "you'd"),
            Map.entry("youd've", "you'd've"), Map.entry("you'dve", "you'd've"), Map.entry("youll", "you'll"),
            Map.entry("youre", "you're"), Map.entry("youve", "you've"));

    private VqaNormalization() {
    }

    /** An answer (or reference) as the VQA evaluation compares it. */
    static String normalize(String answer) {
        String text = PythonStrings.strip(answer.replace('\n', ' ').replace('\t', ' '));
        return digitsAndArticles(punctuation(text));
    }

    /** {@code processPunctuation}. */
    static String punctuation(String in) {
        boolean commaBetweenDigits = COMMA_BETWEEN_DIGITS.matcher(in).find();
        String out = in;
        for (String p : PUNCTUATION) {
            boolean delete = in.contains(p + " ") || in.contains(" " + p) || commaBetweenDigits;
            out = out.replace(p, delete ? "" : " ");
        }
        Matcher period = PERIOD.matcher(out);
        StringBuilder stripped = new StringBuilder();
        int removed = 0;
        while (removed < PERIODS_REMOVED_AT_MOST && period.find()) {
            period.appendReplacement(stripped, "");
            removed++;
        }
        period.appendTail(stripped);
        return stripped.toString();
    }

    /** {@code processDigitArticle}. */
    static String digitsAndArticles(String in) {
        List<String> words = new ArrayList<>();
        for (String word : PythonStrings.split(PythonStrings.lower(in))) {
            String mapped = NUMBER_WORDS.getOrDefault(word, word);
            if (!ARTICLES.contains(mapped)) {
                words.add(CONTRACTIONS.getOrDefault(mapped, mapped));
            }
        }
        return String.join(" ", words);
    }
}
