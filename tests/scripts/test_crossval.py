"""Cross-validation for example writers (scripts/crossval.py): the pipeline's settings, every
example of content/ with its language, and a report that names the examples it got wrong."""
import yaml

from tests.scripts import ROOT, load_script

cv = load_script("crossval")


def test_it_uses_the_classifier_settings_of_config_yml():
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    settings = next(c for c in pipeline if c["name"].endswith("LinearIntentClassifier"))
    config = cv.classifier_config()
    assert config["C"] == settings["C"] and config["class_weight"] == settings.get("class_weight")
    assert config["model"] == settings.get("model", "svm") and config["max_iter"] > 0


def test_it_counts_the_n_grams_of_the_featurizers_of_config_yml():
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    featurizers = [c for c in pipeline if c["name"] == "CountVectorsFeaturizer"]
    assert [(s["analyzer"], s["min_ngram"], s["max_ngram"]) for s in cv.featurizer_settings()] == [
        (c.get("analyzer", "word"), c.get("min_ngram", 1), c.get("max_ngram", 1)) for c in featurizers]
    counts = cv.count_matrix([["no", "pay"], ["pay"]])
    assert counts.shape[0] == 2 and counts[0].sum() > counts[1].sum()


def test_it_reads_every_example_of_content_with_its_language(library):
    expected = sorted((" ".join(text.split()), topic.intent, lang) for topic in library.topics.values()
                      for lang, texts in topic.examples.items() for text in texts)
    assert sorted(cv.read_examples(ROOT / "content")) == expected


def test_the_report_lists_the_examples_predicted_as_another_topic():
    examples = [("boss no pay", "unpaid_wages", "en"), ("gaji belum", "unpaid_wages", "id"),
                ("boss keeps passport", "passport_retention", "en")]
    summary, disagreements = cv.report(examples, ["unpaid_wages", "passport_retention", "passport_retention"])
    assert "| en | 2 | 100.0% |" in summary and "| id | 1 | 0.0% |" in summary
    assert "- unpaid_wages → passport_retention: gaji belum" in disagreements
    assert "boss no pay" not in disagreements
