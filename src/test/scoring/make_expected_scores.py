#!/usr/bin/env python3
"""Expected scores for io.github.qwenbench.scoring.ScoringRule, from transcriptions of the official scoring code.

Reads items.jsonl beside this file and writes expected_scores.json beside it; ReferenceScoresTest checks that
the Java rules give the same scores. Standard library only (no numpy, no editdistance):

    python3 src/test/scoring/make_expected_scores.py

Each function follows its source statement by statement, so that this file can be read side by side with it;
the few places where the rule departs from the source on purpose are marked DEPARTURE. Sources:

- vqa, contains: GT-Vision-Lab/VQA, PythonEvaluationTools/vqaEvaluation/vqaEval.py at a013f00 (2021-03-11,
  "Fixed processing answers bug"), VQAEval.processPunctuation and VQAEval.processDigitArticle.
- anls: the DocVQA/InfographicVQA evaluation script of the RRC (rrc.cvc.uab.es, challenge 17), as copied in
  QwenLM/Qwen-VL eval_mm/infographicsvqa_eval.py and lmms-eval lmms_eval/api/metrics.py anls.
- choice: parse_multi_choice_response of MMMU-Benchmark/MMMU mmmu/utils/eval_utils.py, in the form lmms-eval
  runs it (lmms_eval/tasks/_task_utils/mmmu_mcq_utils.py parse_mmmu_multi_choice_response), and
  eval_multi_choice of the same MMMU file.
- relaxed: google-research/pix2struct pix2struct/metrics.py relaxed_correctness, with its aggregate_metrics
  (max over the references).
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- vqa (vqaEval.py, VQAEval.__init__)

CONTRACTIONS = {
    'aint': "ain't", 'arent': "aren't", 'cant': "can't", 'couldve': "could've",
    'couldnt': "couldn't", "couldn'tve": "couldn't've", "couldnt've": "couldn't've", 'didnt': "didn't",
    'doesnt': "doesn't", 'dont': "don't", 'hadnt': "hadn't", "hadnt've": "hadn't've",
    "hadn'tve": "hadn't've", 'hasnt': "hasn't", 'havent': "haven't", 'hed': "he'd",
    "hed've": "he'd've", "he'dve": "he'd've", 'hes': "he's", 'howd': "how'd",
    'howll': "how'll", 'hows': "how's", "Id've": "I'd've", "I'dve": "I'd've",
    'Im': "I'm", 'Ive': "I've", 'isnt': "isn't", 'itd': "it'd",
    "itd've": "it'd've", "it'dve": "it'd've", 'itll': "it'll", "let's": "let's",
    'maam': "ma'am", 'mightnt': "mightn't", "mightnt've": "mightn't've", "mightn'tve": "mightn't've",
    'mightve': "might've", 'mustnt': "mustn't", 'mustve': "must've", 'neednt': "needn't",
    'notve': "not've", 'oclock': "o'clock", 'oughtnt': "oughtn't", "ow's'at": "'ow's'at",
    "'ows'at": "'ow's'at", "'ow'sat": "'ow's'at", 'shant': "shan't", "shed've": "she'd've",
    "she'dve": "she'd've", "she's": "she's", 'shouldve': "should've", 'shouldnt': "shouldn't",
    "shouldnt've": "shouldn't've", "shouldn'tve": "shouldn't've", "somebody'd": 'somebodyd', "somebodyd've": "somebody'd've",
    "somebody'dve": "somebody'd've", 'somebodyll': "somebody'll", 'somebodys': "somebody's", 'someoned': "someone'd",
    "someoned've": "someone'd've", "someone'dve": "someone'd've", 'someonell': "someone'll", 'someones': "someone's",
    'somethingd': "something'd", "somethingd've": "something'd've", "something'dve": "something'd've", 'somethingll': "something'll",
    'thats': "that's", 'thered': "there'd", "thered've": "there'd've", "there'dve": "there'd've",
    'therere': "there're", 'theres': "there's", 'theyd': "they'd", "theyd've": "they'd've",
    "they'dve": "they'd've", 'theyll': "they'll", 'theyre': "they're", 'theyve': "they've",
    'twas': "'twas", 'wasnt': "wasn't", "wed've": "we'd've", "we'dve": "we'd've",
    'weve': "we've", 'werent': "weren't", 'whatll': "what'll", 'whatre': "what're",
    'whats': "what's", 'whatve': "what've", 'whens': "when's", 'whered': "where'd",
    'wheres': "where's", 'whereve': "where've", 'whod': "who'd", "whod've": "who'd've",
    "who'dve": "who'd've", 'wholl': "who'll", 'whos': "who's", 'whove': "who've",
    'whyll': "why'll", 'whyre': "why're", 'whys': "why's", 'wont': "won't",
    'wouldve': "would've", 'wouldnt': "wouldn't", "wouldnt've": "wouldn't've", "wouldn'tve": "wouldn't've",
    'yall': "y'all", "yall'll": "y'all'll", "y'allll": "y'all'll", "yall'd've": "y'all'd've",
    "y'alld've": "y'all'd've", "y'all'dve": "y'all'd've", 'youd': "you'd", "youd've": "you'd've",
    "you'dve": "you'd've", 'youll': "you'll", 'youre': "you're", 'youve': "you've",
}
MANUAL_MAP = {'none': '0', 'zero': '0', 'one': '1', 'two': '2', 'three': '3', 'four': '4', 'five': '5',
              'six': '6', 'seven': '7', 'eight': '8', 'nine': '9', 'ten': '10'}
ARTICLES = ['a', 'an', 'the']
PERIOD_STRIP = re.compile(r"(?!<=\d)(\.)(?!\d)")
COMMA_STRIP = re.compile(r"(\d)(\,)(\d)")
PUNCT = [';', r"/", '[', ']', '"', '{', '}',
         '(', ')', '=', '+', '\\', '_', '-',
         '>', '<', '@', '`', ',', '?', '!']


def process_punctuation(in_text):
    out_text = in_text
    for p in PUNCT:
        if (p + ' ' in in_text or ' ' + p in in_text) or (re.search(COMMA_STRIP, in_text) is not None):
            out_text = out_text.replace(p, '')
        else:
            out_text = out_text.replace(p, ' ')
    # The official passes re.UNICODE positionally, where sub() takes its count: at most 32 periods go.
    out_text = PERIOD_STRIP.sub("", out_text, count=int(re.UNICODE))
    return out_text


def process_digit_article(in_text):
    out_text = []
    temp_text = in_text.lower().split()
    for word in temp_text:
        word = MANUAL_MAP.setdefault(word, word)
        if word not in ARTICLES:
            out_text.append(word)
    for word_id, word in enumerate(out_text):
        if word in CONTRACTIONS:
            out_text[word_id] = CONTRACTIONS[word]
    return ' '.join(out_text)


def vqa_normalize(text):
    """VQAEval.evaluate's treatment of an answer (the ground truth gets the same since a013f00)."""
    text = text.replace('\n', ' ')
    text = text.replace('\t', ' ')
    text = text.strip()
    return process_digit_article(process_punctuation(text))


def vqa(answer, references):
    # DEPARTURE: VQA's min(1, matches / 3) averaged over leave-one-out subsets of 10 human answers needs those
    # 10 answers; with a few accepted references the rule is exact match against any of them.
    res_ans = vqa_normalize(answer)
    return 1.0 if any(vqa_normalize(r) == res_ans for r in references) else 0.0


def contains(answer, references):
    # The project's rule (no official script): a normalized reference occurs in the normalized answer as whole
    # words. Normalized text is words joined by single spaces, so padding both with a space finds word runs.
    res_ans = ' ' + vqa_normalize(answer) + ' '
    return 1.0 if any(' ' + vqa_normalize(r) + ' ' in res_ans for r in references) else 0.0


# ---------------------------------------------------------------- anls (infographicsvqa_eval.py)

def levenshtein_distance(s1, s2):
    if len(s1) > len(s2):
        s1, s2 = s2, s1

    distances = range(len(s1) + 1)
    for i2, c2 in enumerate(s2):
        distances_ = [i2 + 1]
        for i1, c1 in enumerate(s1):
            if c1 == c2:
                distances_.append(distances[i1])
            else:
                distances_.append(1 + min((distances[i1], distances[i1 + 1], distances_[-1])))
        distances = distances_
    return distances[-1]


def anls(answer, references, anls_threshold=0.5):
    values = []
    for ref in references:
        gt_answer = ' '.join(ref.strip().lower().split())
        det_answer = ' '.join(answer.strip().lower().split())
        dist = levenshtein_distance(gt_answer, det_answer)
        # DEPARTURE: the script divides by max(len(answer.upper()), len(det.upper())) of the raw strings, so
        # whitespace it ignored in the distance still lengthens the denominator; the normalized strings' lengths
        # are the definition (Biten et al. 2019, eq. 1) and agree with the script on clean text.
        length = max(len(gt_answer), len(det_answer))
        values.append(0.0 if length == 0 else float(dist) / float(length))
    question_result = 1 - min(values)
    if question_result < anls_threshold:
        question_result = 0
    return float(question_result)


# ---------------------------------------------------------------- choice (MMMU eval_utils.py via lmms-eval)

def parse_multi_choice_response(response, all_choices, index2ans):
    for char in [",", ".", "!", "?", ";", ":", "'"]:
        response = response.strip(char)
    response = " " + response + " "

    index_ans = True
    ans_with_brack = False
    candidates = []

    for choice in all_choices:  # (A) (B) (C) (D)
        if f"({choice})" in response:
            candidates.append(choice)
            ans_with_brack = True

    if len(candidates) == 0:  # A B C D
        for choice in all_choices:
            if f"{choice} " in response:
                candidates.append(choice)

    if len(candidates) == 0:  # A. B. C. D.
        for choice in all_choices:
            if f"{choice}." in response:
                candidates.append(choice)

    if len(candidates) == 0 and len(response.split()) > 5:
        for index, ans in index2ans.items():
            if ans.lower() in response.lower():
                candidates.append(index)
                index_ans = False

    if len(candidates) == 0:
        # DEPARTURE: the official picks random.choice(all_choices); a benchmark must be deterministic.
        pred_index = None
    elif len(candidates) > 1:
        start_indexes = []
        if index_ans:
            if ans_with_brack:
                for can in candidates:
                    start_indexes.append(response.rfind(f"({can})"))
            else:
                for can in candidates:
                    start_indexes.append(response.rfind(f" {can} "))
        else:
            for can in candidates:
                start_indexes.append(response.lower().rfind(index2ans[can].lower()))
        pred_index = candidates[argmax(start_indexes)]
    else:
        pred_index = candidates[0]

    return pred_index


def argmax(values):
    """numpy.argmax: the first index of the largest value."""
    best = 0
    for i, value in enumerate(values):
        if value > values[best]:
            best = i
    return best


def choice(answer, references, options):
    all_choices = sorted(options)  # lmms-eval's get_multi_choice_info numbers the options A, B, C, ... in order
    index2ans = {letter: options[letter] for letter in all_choices}
    pred_i = parse_multi_choice_response(answer, all_choices, index2ans)
    # eval_multi_choice: correct when the parsed letter equals the gold letter (any of them, for a list)
    return (1.0 if pred_i is not None and pred_i in references else 0.0), pred_i


# ---------------------------------------------------------------- relaxed (pix2struct metrics.py)

def relaxed_correctness(target, prediction, max_relative_change=0.05):
    def _to_float(text):
        try:
            if text.endswith("%"):
                return float(text.rstrip("%")) / 100.0
            else:
                return float(text)
        except ValueError:
            return None

    prediction_float = _to_float(prediction)
    target_float = _to_float(target)
    if prediction_float is not None and target_float:
        relative_change = abs(prediction_float - target_float) / abs(target_float)
        return relative_change <= max_relative_change
    else:
        return prediction.lower() == target.lower()


def relaxed(answer, references):
    return 1.0 if max(relaxed_correctness(t, answer) for t in references) else 0.0


# ---------------------------------------------------------------- driver

def score(item):
    # Every rule scores the answer with surrounding whitespace stripped, as the harnesses decode it
    # (Qwen-VL eval_mm/evaluate_vqa.py: tokenizer.decode(...).strip()).
    answer = item["answer"].strip()
    references = item["references"]
    rule = item["rule"]
    if rule == "vqa":
        return {"score": vqa(answer, references), "normalized": vqa_normalize(answer)}
    if rule == "contains":
        return {"score": contains(answer, references), "normalized": vqa_normalize(answer)}
    if rule == "anls":
        return {"score": anls(answer, references)}
    if rule == "choice":
        value, letter = choice(answer, references, item["options"])
        return {"score": value, "extracted": letter}
    if rule == "relaxed":
        return {"score": relaxed(answer, references)}
    raise ValueError(f"item {item['id']}: unknown rule {rule!r}")


def main():
    results = []
    with open(os.path.join(HERE, "items.jsonl"), encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                item = json.loads(line)
                results.append({"id": item["id"], **score(item)})
    ids = [r["id"] for r in results]
    if len(set(ids)) != len(ids):
        raise ValueError("items.jsonl repeats an id")
    with open(os.path.join(HERE, "expected_scores.json"), "w", encoding="utf-8") as out:
        json.dump({"generator": "src/test/scoring/make_expected_scores.py", "scores": results}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
