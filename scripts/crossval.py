"""Cross-validation on the training examples alone (`make crossval`): for people who write examples.

    .venv/bin/python scripts/crossval.py [--content content] [--language ne]
        [--folds 5] [--out results/crossval]

Every training example is predicted by a model trained on the other folds: the same
tokenizer, word and character n-gram counts, TF-IDF weighting and linear model (all their
settings from config.yml) as the real pipeline, without the Rasa graph around them. It needs no
held-out questions, so example writers can use it freely: an example predicted as another
topic is either mislabelled (check content/labelling.md), phrased like the other topic, or
alone in its kind (write a few more like it).

Writes <out>/report.md (accuracy and F1 per language and topic, most confused pairs) and
<out>/disagreements.md (the examples predicted as another topic, per language).
"""
import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np
import scipy.sparse as sp
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import eval as nlu_eval  # noqa: E402  (scripts/eval.py: the same scores as `make eval`)
from bot.content.errors import ContentErrors  # noqa: E402
from bot.content.library import load_library  # noqa: E402
from bot.nlu.linear_intent_classifier import (  # noqa: E402
    LinearIntentClassifier, fit_weights, intent_probabilities, inverse_document_frequency, tfidf)
from bot.nlu.tokenizer import MultilingualTokenizer  # noqa: E402


def read_examples(content: Path) -> List[Tuple[str, str, str]]:
    """(text, intent, language) of every example question in content/."""
    library = load_library(content)
    return [(" ".join(text.split()), topic.intent, language)
            for topic in sorted(library.topics.values(), key=lambda t: t.intent)
            for language, texts in sorted(topic.examples.items()) for text in texts if text.strip()]


def pipeline() -> List[Dict[str, Any]]:
    """The components of config.yml's NLU pipeline, with their settings."""
    return yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]


def classifier_config() -> Dict[str, Any]:
    """The LinearIntentClassifier settings of config.yml, over the component's defaults."""
    settings = next((c for c in pipeline() if c["name"].endswith("LinearIntentClassifier")), {})
    return {**LinearIntentClassifier.get_default_config(), **settings}


def token_lists(examples: Sequence[Tuple[str, str, str]]) -> List[List[str]]:
    tokenizer = MultilingualTokenizer({})
    return [[text[s:e].lower() for s, e in tokenizer.spans(text, language)] for text, _, language in examples]


def featurizer_settings() -> List[Dict[str, Any]]:
    """The CountVectorsFeaturizers of config.yml, with Rasa's defaults (word unigrams)."""
    return [{"analyzer": "word", "min_ngram": 1, "max_ngram": 1, **c}
            for c in pipeline() if c["name"] == "CountVectorsFeaturizer"]


def count_matrix(tokens: List[List[str]]) -> sp.csr_matrix:
    """The n-gram counts of the pipeline's featurizers over the tokens (as Rasa's, whose word
    analyzer splits the joined tokens again with the same pattern)."""
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [" ".join(t) for t in tokens]
    blocks = [CountVectorizer(analyzer=s["analyzer"], ngram_range=(s["min_ngram"], s["max_ngram"]),
                              token_pattern=r"(?u)\b\w+\b" if s["analyzer"] == "word" else None,
                              lowercase=False).fit_transform(texts)
              for s in featurizer_settings()]
    return sp.hstack(blocks).tocsr()


def cross_validate(counts: sp.csr_matrix, labels: np.ndarray, folds: int, config: Dict[str, Any]) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    predicted = np.empty(len(labels), dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for number, (train, test) in enumerate(splitter.split(np.zeros(len(labels)), labels), 1):
        idf = inverse_document_frequency(counts[train])
        # The first choice only: the softmax temperature would not change it.
        weights = fit_weights(tfidf(counts[train], idf), labels[train], config, calibrate=False)
        predicted[test] = weights["classes"][intent_probabilities(tfidf(counts[test], idf), weights).argmax(axis=1)]
        print(f"fold {number}/{folds} done", file=sys.stderr)
    return predicted


def report(examples, predicted) -> Tuple[str, str]:
    by_language: Dict[str, List[int]] = defaultdict(list)
    for i, (_, _, language) in enumerate(examples):
        by_language[language].append(i)
    truth = [intent for _, intent, _ in examples]
    languages = ", ".join(sorted(by_language))
    lines = [f"# Cross-validation on the training examples ({len(examples)} examples)", "",
             f"Accuracy ({languages}): {nlu_eval.accuracy(truth, predicted):.1%}", "",
             "| language | examples | accuracy | weakest topics (F1) |", "|---|---:|---:|---|"]
    mistakes = ["# Training examples predicted as another topic (cross-validation)", ""]
    for language, rows in sorted(by_language.items()):
        t = [truth[i] for i in rows]
        p = [predicted[i] for i in rows]
        f1 = {intent: s["f1"] for intent, s in nlu_eval.per_intent_scores(t, p).items()}
        weakest = ", ".join(f"{k} {v:.2f}" for k, v in sorted(f1.items(), key=lambda kv: kv[1])[:6])
        lines.append(f"| {language} | {len(rows)} | {nlu_eval.accuracy(t, p):.1%} | {weakest} |")
        mistakes += [f"## {language}", ""] + [
            f"- {truth[i]} → {predicted[i]}: {examples[i][0]}"
            for i in sorted(rows, key=lambda i: (truth[i], predicted[i])) if truth[i] != predicted[i]] + [""]
    lines += ["", f"Most confused pairs (labelled → predicted; {languages}):", ""]
    lines += [f"- {t} → {p}: {n}" for t, p, n in nlu_eval.confused_pairs(truth, list(predicted), 25)]
    return "\n".join(lines) + "\n", "\n".join(mistakes) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--language", help="only this language's examples, for training too (e.g. ne): "
                        "a minute or two instead of much longer; scripts have few n-grams in common anyway")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "results/crossval")
    args = parser.parse_args(argv)
    try:
        examples = read_examples(args.content)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.language:
        examples = [e for e in examples if e[2] == args.language]
    labels = np.array([intent for _, intent, _ in examples], dtype=object)
    predicted = cross_validate(count_matrix(token_lists(examples)), labels, args.folds, classifier_config())
    summary, disagreements = report(examples, predicted)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(summary, encoding="utf-8")
    (args.out / "disagreements.md").write_text(disagreements, encoding="utf-8")
    print(summary)
    print(f"examples predicted as another topic: {args.out / 'disagreements.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
