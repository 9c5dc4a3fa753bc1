package io.github.qwenbench.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How a model's answer to an evaluation item is scored against the item's reference answers (any of which
 * is accepted), in [0, 1], following the published scoring code of the datasets, as lmms-eval and
 * VLMEvalKit do. The scripts' exact results, quirks included, are the aim: make_expected_scores.py beside
 * the tests transcribes them, and the tests hold these rules to it. Every rule first strips surrounding
 * whitespace from the answer, as the harnesses decode it (Qwen-VL eval_mm/evaluate_vqa.py:
 * {@code tokenizer.decode(...).strip()}).
 */
public enum ScoringRule {

    /**
     * Exact match after the VQA v2 normalization of answer and references ({@link VqaNormalization}). VQA's
     * own score, {@code min(1, matches / 3)} averaged over the ten leave-one-out subsets of 10 human answers,
     * needs those 10 answers; with a few accepted references it is 1 if the answer equals any of them, else 0.
     */
    VQA("vqa", "exact match after the VQA v2 answer normalization of answer and references (vqaEval.py of"
            + " GT-Vision-Lab/VQA: punctuation, number words, articles, contractions): 1 if the answer equals any"
            + " reference, else 0; not VQA's min(1, matches/3) over 10 human answers"),

    /**
     * 1 if a reference occurs in the answer as whole words, both normalized as for {@link #VQA}, else 0: the
     * substring test of OCRBench, taken to word boundaries so that {@code "no"} is not found in
     * {@code "I do not know"} nor {@code "2"} in {@code "12"}.
     */
    CONTAINS("contains", "1 if a reference occurs as whole words in the answer, both after the VQA v2 answer"
            + " normalization (vqaEval.py of GT-Vision-Lab/VQA), else 0"),

    /**
     * Average Normalized Levenshtein Similarity of one item (Biten et al. 2019, "Scene Text Visual Question
     * Answering", eq. 1; DocVQA's evaluation script of the RRC): on lower-cased text with whitespace runs
     * collapsed, {@code NL = levenshtein / max(length)} to the closest reference, and the score
     * {@code 1 - NL}, or 0 when that is below the threshold 0.5. At exactly {@code NL = 0.5} the script
     * (followed here, as by lmms-eval, VLMEvalKit and pix2struct) keeps 0.5 where the paper's eq. 1 gives 0.
     * The lengths are those of the normalized strings, as the paper defines them; the script measures the
     * raw strings instead, which only differs when they carry extra whitespace.
     */
    ANLS("anls", "ANLS of DocVQA (RRC evaluation script; Biten et al. 2019): 1 - normalized Levenshtein distance"
            + " to the closest reference on lower-cased, whitespace-collapsed text, 0 when that is below 0.5"),

    /**
     * 1 if the option letter the answer picks ({@link ChoiceExtraction}, MMMU's
     * {@code parse_multi_choice_response} as lmms-eval runs it) is a reference letter, else 0. Where no
     * letter is found the official code guesses at random; here the item scores 0.
     */
    CHOICE("choice", "option letter found as MMMU's parse_multi_choice_response finds it (as lmms-eval runs it):"
            + " 1 if it is the reference letter, else 0; an answer with no letter found scores 0, not a random"
            + " guess"),

    /**
     * ChartQA's relaxed accuracy, {@code relaxed_correctness} of google-research/pix2struct
     * (pix2struct/metrics.py; lmms-eval's chartqa task has the same): where the answer and a non-zero
     * reference both read as numbers with Python's {@code float()} (a trailing {@code %} divides by 100;
     * thousands separators are not numbers), correct when {@code |answer - reference| / |reference| <= 0.05};
     * otherwise, and so for a zero reference, correct when equal ignoring case. 1 if correct against any
     * reference (pix2struct's {@code aggregate_metrics}), else 0.
     */
    RELAXED("relaxed", "ChartQA relaxed accuracy (relaxed_correctness of google-research/pix2struct): numbers"
            + " within 5% of the reference (a trailing % divides by 100), other answers case-insensitive exact"
            + " match");

    /** The threshold tau of ANLS: a similarity below it scores 0. */
    static final double ANLS_THRESHOLD = 0.5;

    /** The largest relative error of a numeric answer that relaxed accuracy accepts. */
    static final double MAX_RELATIVE_CHANGE = 0.05;

    private final String id;
    private final String description;

    ScoringRule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name a suite configuration gives the rule: vqa, contains, anls, choice or relaxed. */
    public String id() {
        return id;
    }

    /** The rule in words with its source, as results record it. */
    public String description() {
        return description;
    }

    /** The rule a configuration names, ignoring case and surrounding whitespace. */
    public static ScoringRule parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(rule -> rule.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scoring rule '" + name + "' is not known: use one of "
                        + Arrays.stream(values()).map(ScoringRule::id).collect(Collectors.joining(", "))));
    }

    /**
     * The answer's score in [0, 1].
     *
     * @param answer the model's answer as generated; surrounding whitespace is ignored
     * @param references the accepted answers, at least one; for {@link #CHOICE}, option letters
     * @param options for {@link #CHOICE}, the item's options, letter to text; ignored by the other rules
     *        and may be null for them
     * @throws IllegalArgumentException when the item cannot be scored: no references, or for {@link #CHOICE}
     *         no options or a reference that is not an option letter
     */
    public double score(String answer, List<String> references, Map<String, String> options) {
        if (answer == null) {
            throw new IllegalArgumentException(id + ": the answer is null; score the empty string for no answer");
        }
        if (references == null || references.isEmpty() || references.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(id + ": the item's references are " + references
                    + "; give at least one reference answer, none null");
        }
        String response = PythonStrings.strip(answer);
        return switch (this) {
            case VQA -> {
                String normalized = VqaNormalization.normalize(response);
                yield anyOf(references, reference -> VqaNormalization.normalize(reference).equals(normalized));
            }
            case CONTAINS -> {
                String words = " " + VqaNormalization.normalize(response) + " ";
                yield anyOf(references,
                        reference -> words.contains(" " + VqaNormalization.normalize(reference) + " "));
            }
            case ANLS -> anls(response, references);
            case CHOICE -> {
                checkChoiceItem(references, options);
                Optional<String> letter = ChoiceExtraction.letter(response, options);
                yield letter.isPresent() && references.contains(letter.get()) ? 1 : 0;
            }
            case RELAXED -> anyOf(references, reference -> relaxedCorrectness(reference, response));
        };
    }

    private static double anyOf(List<String> references, Predicate<String> accepts) {
        return references.stream().anyMatch(accepts) ? 1 : 0;
    }

    private static double anls(String answer, List<String> references) {
        String detected = PythonStrings.collapseWhitespace(PythonStrings.lower(answer));
        double smallest = Double.POSITIVE_INFINITY;
        for (String reference : references) {
            String truth = PythonStrings.collapseWhitespace(PythonStrings.lower(reference));
            int length = Math.max(Levenshtein.length(truth), Levenshtein.length(detected));
            double normalized = length == 0 ? 0.0 : (double) Levenshtein.distance(truth, detected) / length;
            smallest = Math.min(smallest, normalized);
        }
        double similarity = 1 - smallest;
        return similarity < ANLS_THRESHOLD ? 0 : similarity;
    }

    private static void checkChoiceItem(List<String> references, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            throw new IllegalArgumentException("choice: the item has no options; give them as letter -> option text");
        }
        for (String reference : references) {
            if (!options.containsKey(reference)) {
                throw new IllegalArgumentException("choice: the reference '" + reference
                        + "' is not one of the item's option letters " + options.keySet()
                        + "; give the correct option's letter");
            }
        }
    }

    /** pix2struct's {@code relaxed_correctness(target, prediction)}. */
    private static boolean relaxedCorrectness(String target, String prediction) {
        Double predictionFloat = toFloat(prediction);
        Double targetFloat = toFloat(target);
        if (predictionFloat != null && targetFloat != null && targetFloat != 0.0) {
            return Math.abs(predictionFloat - targetFloat) / Math.abs(targetFloat) <= MAX_RELATIVE_CHANGE;
        }
        return PythonStrings.lower(prediction).equals(PythonStrings.lower(target));
    }

    /** pix2struct's {@code _to_float}: {@code float()}, a trailing {@code %} dividing by 100; null if no number. */
    private static Double toFloat(String text) {
        if (text.endsWith("%")) {
            Double percent = PythonStrings.toFloat(PythonStrings.rstrip(text, '%'));
            return percent == null ? null : percent / 100.0;
        }
        return PythonStrings.toFloat(text);
    }
}
