"""The pure parts of the NLU quality report (scripts/eval.py): no model is loaded here."""
from pathlib import Path

import pytest

from tests.scripts import load_script

ev = load_script("eval")
Example = ev.Example

TRAIN = [
    ("my boss did not pay my salary", "unpaid_wages"),
    ("no salary for two months", "unpaid_wages"),
    ("salary is late again", "unpaid_wages"),
    ("the boss keeps my passport", "passport_retention"),
    ("agent took my passport", "passport_retention"),
    ("can i get my passport back", "passport_retention"),
    ("hello", "greet"),
    ("hello there", "greet"),
    ("hi", "greet"),
]
TEXTS = [t for t, _ in TRAIN]
LABELS = [l for _, l in TRAIN]


# ---------------------------------------------------------------- reading held-out files

def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_heldout_reader_takes_language_from_file_name_and_cleans_examples(tmp_path):
    write(tmp_path / "en.yml", """version: "3.1"
nlu:
- intent: unpaid_wages
  examples: |
    - boss   owes me [20000 baht](amount)
    - no pay since january
- synonym: baht
  examples: |
    - thb
- intent: faq/ask_hotline
  examples: |
    - hotline number please
""")
    write(tmp_path / "th.yml", "nlu:\n- intent: greet\n  examples: |\n    - สวัสดี\n")

    examples = ev.read_heldout(tmp_path)

    assert examples == [
        Example("boss owes me 20000 baht", "unpaid_wages", "en", str(tmp_path / "en.yml")),
        Example("no pay since january", "unpaid_wages", "en", str(tmp_path / "en.yml")),
        Example("hotline number please", "ask_hotline", "en", str(tmp_path / "en.yml")),
        Example("สวัสดี", "greet", "th", str(tmp_path / "th.yml")),
    ]


def test_reader_rejects_broken_yaml_and_example_lines_without_a_dash(tmp_path):
    with pytest.raises(ev.InputError, match="YAML"):
        ev.read_nlu_file(write(tmp_path / "a.yml", "nlu: [unclosed\n"))
    with pytest.raises(ev.InputError, match="without '- '"):
        ev.read_nlu_file(write(tmp_path / "b.yml", "nlu:\n- intent: greet\n  examples: |\n    hello\n"))


def test_an_empty_heldout_folder_is_a_broken_input(tmp_path):
    with pytest.raises(ev.InputError, match="no held-out files"):
        ev.read_heldout(tmp_path)


# ---------------------------------------------------------------- overlap check

def test_overlap_ignores_case_and_spacing_and_names_the_training_intent():
    heldout = [Example("My  Boss did NOT pay my salary ", "unpaid_wages", "en"),
               Example("boss did not pay", "unpaid_wages", "en")]
    training = [Example(t, l) for t, l in TRAIN]

    overlap = ev.find_overlap(heldout, training)

    assert overlap == [(heldout[0], "unpaid_wages")]


def test_no_overlap_when_held_out_questions_are_new():
    assert ev.find_overlap([Example("where is my embassy", "embassy_contact")],
                           [Example(t, l) for t, l in TRAIN]) == []


# ---------------------------------------------------------------- scoring

def test_confused_pairs_counts_mistakes_only_most_frequent_first():
    truth = ["a", "a", "a", "b", "b", "c", "c", "c"]
    predicted = ["b", "b", "a", "a", "b", "a", "b", "b"]

    assert ev.confused_pairs(truth, predicted) == [("a", "b", 2), ("c", "b", 2), ("b", "a", 1), ("c", "a", 1)]
    assert ev.confused_pairs(truth, predicted, n=1) == [("a", "b", 2)]
    assert ev.confused_pairs(["a"], ["a"]) == []


def test_fallback_counts_as_right_for_out_of_scope_only():
    truth = ["out_of_scope", "out_of_scope", "greet"]
    predicted = ["nlu_fallback", "greet", "nlu_fallback"]

    assert ev.credit_fallback(truth, predicted) == ["out_of_scope", "greet", "nlu_fallback"]


def test_score_gives_accuracy_per_intent_f1_and_topics_below_target():
    truth = ["a", "a", "b", "b"]
    predicted = ["a", "a", "a", "b"]

    result = ev.score(truth, predicted)

    assert result["accuracy"] == 0.75
    assert result["per_intent"]["a"] == {"precision": 0.667, "recall": 1.0, "f1": 0.8, "support": 2}
    assert result["per_intent"]["b"]["recall"] == 0.5
    assert result["intents_below_target"] == ["a", "b"]


def test_out_of_scope_figures_count_topic_answers_and_fallbacks():
    examples = [Example("weather", "out_of_scope"), Example("cake", "out_of_scope"),
                Example("song", "out_of_scope"), Example("my pay", "unpaid_wages")]
    raw = ["nlu_fallback", "out_of_scope", "greet", "nlu_fallback"]

    figures = ev.out_of_scope_figures(examples, raw)

    assert figures["out_of_scope_given_topic"] == 1
    assert figures["topics_given"] == {"greet": 1}
    assert figures["fallback_count"] == 2
    assert figures["in_scope_sent_to_fallback"] == 1


def test_threshold_curve_trades_right_answers_for_out_of_scope_caught():
    examples = [Example("weather", "out_of_scope"), Example("my pay", "unpaid_wages"),
                Example("passport", "passport_retention")]
    tops = [("greet", 0.25), ("unpaid_wages", 0.35), ("unpaid_wages", 0.9)]

    curve = {c["threshold"]: c for c in ev.threshold_curve(examples, tops)}

    assert curve[0.2] == {"threshold": 0.2, "accuracy": round(1 / 3, 4), "out_of_scope_given_topic": 1,
                          "right_answers_lost": 0}
    assert curve[0.3]["accuracy"] == round(2 / 3, 4) and curve[0.3]["out_of_scope_given_topic"] == 0
    assert curve[0.4]["right_answers_lost"] == 1 and curve[0.4]["accuracy"] == round(1 / 3, 4)


def test_language_identification_per_file_language():
    examples = [Example("x", "greet", "en"), Example("y", "greet", "en"), Example("z", "greet", "th")]

    result = ev.language_identification(examples, ["en", "id", "th"])

    assert result == {"en": {"accuracy": 0.5, "n": 2, "detected_instead": {"id": 1}},
                      "th": {"accuracy": 1.0, "n": 1, "detected_instead": {}}}


def test_language_identification_of_a_script_variant_file_expects_the_language_code():
    examples = [Example("x", "greet", "my-zawgyi"), Example("y", "greet", "my-zawgyi")]

    result = ev.language_identification(examples, ["my", "en"])

    assert result == {"my-zawgyi": {"accuracy": 0.5, "n": 2, "detected_instead": {"en": 1}}}


def test_target_line_names_the_topics_below():
    met = {"accuracy": 0.96, "intents_below_target": [], "per_intent": {}}
    not_met = {"accuracy": 0.99, "intents_below_target": ["dismissal"], "per_intent": {"dismissal": {"f1": 0.5}}}

    assert ev.target_line(met).endswith(": MET")
    assert "NOT MET (below: dismissal 0.50)" in ev.target_line(not_met)


def test_topic_of_uses_the_retrieval_response_key():
    parse = {"intent": {"name": "faq"},
             "response_selector": {"faq": {"response": {"intent_response_key": "faq/ask_hotline"}}}}

    assert ev.topic_of(parse) == "ask_hotline"
    assert ev.topic_of({"intent": {"name": "greet"}}) == "greet"
    assert ev.topic_of({"intent": {"name": None}}) == "nlu_fallback"


# ---------------------------------------------------------------- baselines

def test_keyword_baseline_picks_words_specific_to_an_intent():
    baseline = ev.KeywordBaseline().fit(TEXTS, LABELS)

    assert baseline.keywords["unpaid_wages"][0] == "salary"
    assert baseline.keywords["passport_retention"][0] == "passport"
    # "boss" is used as much by two intents: specific to neither.
    assert "boss" not in baseline.keywords["unpaid_wages"] + baseline.keywords["passport_retention"]


def test_keyword_baseline_predicts_most_hits_and_falls_back_on_ties_or_no_hits():
    baseline = ev.KeywordBaseline().fit(TEXTS, LABELS)

    assert baseline.predict(["where is my salary", "hello friend", "passport and salary",
                             "what is the weather"]) == ["unpaid_wages", "greet", "nlu_fallback", "nlu_fallback"]


def test_tfidf_baseline_finds_the_nearest_training_example_despite_misspelling():
    baseline = ev.TfidfBaseline().fit(TEXTS, LABELS)

    assert baseline.predict(["they took my pasport", "no salery two month", "helo"]) == [
        "passport_retention", "unpaid_wages", "greet"]


def test_tfidf_baseline_falls_back_when_nothing_is_shared():
    baseline = ev.TfidfBaseline().fit(TEXTS, LABELS)

    assert baseline.predict(["???"]) == ["nlu_fallback"]


# ---------------------------------------------------------------- command line

def test_missing_model_is_a_broken_input_with_status_2(tmp_path, capsys):
    (tmp_path / "heldout").mkdir()
    write(tmp_path / "heldout" / "en.yml", "nlu:\n- intent: greet\n  examples: |\n    - good morning\n")
    train = write(tmp_path / "train.yml", "nlu:\n- intent: greet\n  examples: |\n    - hello\n")

    status = ev.main(["--model", str(tmp_path / "none.tar.gz"), "--heldout", str(tmp_path / "heldout"),
                      "--train", str(train), "--out", str(tmp_path / "out")])

    assert status == 2
    assert "no trained model" in capsys.readouterr().err


def test_classifier_top_looks_past_the_fallback():
    parse = {"intent": {"name": "nlu_fallback", "confidence": 0.5},
             "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5},
                                {"name": "unpaid_wages", "confidence": 0.41},
                                {"name": "greet", "confidence": 0.2}]}

    assert ev.classifier_top(parse) == ("unpaid_wages", 0.41)
    assert ev.classifier_top({"intent": {"name": "greet", "confidence": 0.9}}) == ("greet", 0.9)


def test_evaluate_scores_parse_results_and_baselines_on_the_same_questions():
    heldout = [Example("boss has my passport", "passport_retention", "en"),
               Example("salary not paid", "unpaid_wages", "en"),
               Example("will it rain", "out_of_scope", "en")]
    parses = [{"intent": {"name": "passport_retention", "confidence": 0.9}, "language": "en"},
              {"intent": {"name": "nlu_fallback", "confidence": 0.5}, "language": "id",
               "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5},
                                  {"name": "unpaid_wages", "confidence": 0.4}]},
              {"intent": {"name": "nlu_fallback", "confidence": 0.5}, "language": "en"}]
    training = [Example(t, l) for t, l in TRAIN] + [Example("tell me a joke", "out_of_scope")]

    result = ev.evaluate(heldout, training, parses)

    model = result["model"]
    assert model["accuracy"] == round(2 / 3, 4)
    assert model["accuracy_without_fallback"] == 1.0
    assert model["fallback_count"] == 2 and model["in_scope_sent_to_fallback"] == 1
    assert model["language_identification"]["en"]["detected_instead"] == {"id": 1}
    assert model["mistakes"] == [{"text": "salary not paid", "language": "en", "true": "unpaid_wages",
                                  "predicted": "nlu_fallback", "classifier_top": "unpaid_wages",
                                  "classifier_confidence": 0.4}]
    assert set(result["baselines"]) == {"keyword", "tfidf"}
    assert result["baselines"]["tfidf"]["per_intent"]["passport_retention"]["recall"] == 1.0
