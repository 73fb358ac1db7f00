"""Cross-validation on the training examples alone (`make crossval`): for people who write examples.

    .venv/bin/python scripts/crossval.py [--train build/data/nlu/content.yml] [--language ne]
        [--folds 5] [--out results/crossval]

Every training example is predicted by a model trained on the other folds: the same
tokenizer, word and character 2-4-gram counts, TF-IDF weighting and logistic regression
(C from config.yml) as the real pipeline, without the Rasa graph around them. It needs no
held-out questions, so example writers can use it freely: an example predicted as another
topic is either mislabelled (check content/labelling.md), phrased like the other topic, or
alone in its kind (write a few more like it).

Writes <out>/report.md (accuracy and F1 per language and topic, most confused pairs) and
<out>/disagreements.md (the examples predicted as another topic, per language).
"""
import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np
import scipy.sparse as sp
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlu.linear_intent_classifier import inverse_document_frequency, tfidf  # noqa: E402
from bot.nlu.tokenizer import MultilingualTokenizer  # noqa: E402


def read_examples(path: Path) -> List[Tuple[str, str, str]]:
    """(text, intent, language) of every example in the compiled training file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples = []
    for item in data.get("nlu") or []:
        language = (item.get("metadata") or {}).get("language", "")  # one block per topic and language
        for line in str(item.get("examples") or "").splitlines():
            if line.startswith("- "):
                examples.append((line[2:].strip(), item["intent"], language))
    return examples


def classifier_c() -> float:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"].endswith("LinearIntentClassifier"):
            return float(component.get("C", 10.0))
    return 10.0


def token_lists(examples: Sequence[Tuple[str, str, str]]) -> List[List[str]]:
    tokenizer = MultilingualTokenizer({})
    return [[text[s:e].lower() for s, e in tokenizer.spans(text, language)] for text, _, language in examples]


def count_matrix(tokens: List[List[str]]) -> sp.csr_matrix:
    """Word counts and char_wb 2-4-gram counts over the tokens, as the pipeline's featurizers."""
    from sklearn.feature_extraction.text import CountVectorizer

    words = CountVectorizer(analyzer=lambda t: t).fit_transform(tokens)
    chars = CountVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=False).fit_transform(
        [" ".join(t) for t in tokens])
    return sp.hstack([words, chars]).tocsr()


def cross_validate(counts: sp.csr_matrix, labels: np.ndarray, folds: int, c: float) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    predicted = np.empty(len(labels), dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for number, (train, test) in enumerate(splitter.split(np.zeros(len(labels)), labels), 1):
        idf = inverse_document_frequency(counts[train])
        model = LogisticRegression(C=c, max_iter=300).fit(tfidf(counts[train], idf), labels[train])
        predicted[test] = model.predict(tfidf(counts[test], idf))
        print(f"fold {number}/{folds} done", file=sys.stderr)
    return predicted


def f1_per_intent(truth: Sequence[str], guess: Sequence[str]) -> Dict[str, float]:
    scores = {}
    for intent in sorted(set(truth)):
        tp = sum(t == g == intent for t, g in zip(truth, guess))
        fp = sum(g == intent != t for t, g in zip(truth, guess))
        fn = sum(t == intent != g for t, g in zip(truth, guess))
        scores[intent] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


def report(examples, predicted) -> Tuple[str, str]:
    by_language: Dict[str, List[int]] = defaultdict(list)
    for i, (_, _, language) in enumerate(examples):
        by_language[language].append(i)
    truth = [intent for _, intent, _ in examples]
    accuracy = np.mean([t == p for t, p in zip(truth, predicted)])
    lines = [f"# Cross-validation on the training examples ({len(examples)} examples)", "",
             f"Accuracy, all languages: {accuracy:.1%}", "", "| language | examples | accuracy | weakest topics (F1) |",
             "|---|---:|---:|---|"]
    mistakes = ["# Training examples predicted as another topic (cross-validation)", ""]
    for language, rows in sorted(by_language.items()):
        t = [truth[i] for i in rows]
        p = [predicted[i] for i in rows]
        f1 = f1_per_intent(t, p)
        weakest = ", ".join(f"{k} {v:.2f}" for k, v in sorted(f1.items(), key=lambda kv: kv[1])[:6])
        lines.append(f"| {language} | {len(rows)} | {np.mean([a == b for a, b in zip(t, p)]):.1%} | {weakest} |")
        mistakes += [f"## {language}", ""] + [
            f"- {truth[i]} → {predicted[i]}: {examples[i][0]}"
            for i in sorted(rows, key=lambda i: (truth[i], predicted[i])) if truth[i] != predicted[i]] + [""]
    pairs = Counter((t, p) for t, p in zip(truth, predicted) if t != p)
    lines += ["", "Most confused pairs (labelled → predicted, all languages):", ""]
    lines += [f"- {t} → {p}: {n}" for (t, p), n in pairs.most_common(25)]
    return "\n".join(lines) + "\n", "\n".join(mistakes) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "build/data/nlu/content.yml")
    parser.add_argument("--language", help="only this language's examples, for training too (e.g. ne): "
                        "seconds instead of minutes; scripts have few n-grams in common anyway")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "results/crossval")
    args = parser.parse_args(argv)
    if not args.train.exists():
        print(f"{args.train}: no training data (run `make content`)", file=sys.stderr)
        return 2
    examples = read_examples(args.train)
    if args.language:
        examples = [e for e in examples if e[2] == args.language]
    labels = np.array([intent for _, intent, _ in examples], dtype=object)
    predicted = cross_validate(count_matrix(token_lists(examples)), labels, args.folds, classifier_c())
    summary, disagreements = report(examples, predicted)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(summary, encoding="utf-8")
    (args.out / "disagreements.md").write_text(disagreements, encoding="utf-8")
    print(summary)
    print(f"examples predicted as another topic: {args.out / 'disagreements.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
