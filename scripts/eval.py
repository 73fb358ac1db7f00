"""NLU quality report on held-out questions (`make eval`).

    .venv/bin/python scripts/eval.py [--model models/mitra.tar.gz]
        [--heldout tests/nlu/heldout] [--train build/data/nlu/content.yml] [--out results/eval]

Parses every held-out message (tests/nlu/heldout/<lang>.yml, Rasa NLU YAML, never used
in training) through the trained model's whole NLU pipeline and reports accuracy,
per-topic precision/recall/F1, the most confused pairs, a confusion-matrix PNG,
accuracy and language identification per language, and how out-of-scope questions
and the fallback fared. Two simple baselines trained on the same training data (a
keyword matcher and a TF-IDF nearest neighbour) are scored on the same questions, so
the figures say how much the model adds.

Writes <out>/report.md (figures), <out>/mistakes.md (held-out texts the model got wrong),
<out>/report.json and <out>/confusion.png.
Exit status: 0 report written (targets are reported, not enforced); 1 a held-out
question also appears in the training data; 2 broken inputs (no model, unreadable YAML).
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
TARGET_ACCURACY = 0.95
TARGET_F1 = 0.85
BATCH_SIZE = 64
WORD = re.compile(r"\w+")
# Rasa entity markup inside an example: [text](entity) or [text]{"entity": ...}.
ENTITY_MARKUP = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


class InputError(Exception):
    """A missing or malformed input file: reported in one line, exit status 2."""


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    language: str = ""  # the held-out file's name (en, my-zawgyi); "" for training data
    source: str = ""


# ---------------------------------------------------------------- reading the data

def read_nlu_file(path: Path, language: str = "") -> List[Example]:
    """The intent examples of one Rasa NLU YAML file (synonyms, regexes, lookups are skipped)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read it as YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("nlu", []), list):
        raise InputError(f"{path}: expected a mapping with an `nlu:` list")
    examples = []
    for item in data.get("nlu") or []:
        if isinstance(item, dict) and "intent" in item:
            for text in _example_texts(item, path):
                examples.append(Example(text, topic_name(item["intent"]), language, str(path)))
    return examples


def _example_texts(item: dict, path: Path) -> List[str]:
    examples = item.get("examples") or ""
    if isinstance(examples, list):  # the long form: `- text: ...` with metadata
        lines = [e["text"] if isinstance(e, dict) else str(e) for e in examples]
        return [clean_text(line) for line in lines if str(line).strip()]
    texts = []
    for line in str(examples).splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("-"):
            raise InputError(f"{path}: intent {item['intent']}: example line without '- ': {line!r}")
        texts.append(clean_text(line[1:]))
    return texts


def clean_text(text: str) -> str:
    """The words a user would type: entity markup removed, spaces collapsed."""
    return " ".join(ENTITY_MARKUP.sub(r"\1", str(text)).split())


def topic_name(intent: str) -> str:
    # DESIGN.md: for a retrieval intent the topic is the part after "/".
    return str(intent).split("/")[-1]


def read_heldout(folder: Path) -> List[Example]:
    """Every <lang>.yml in the folder; the file's name is its language (en.yml = English).

    A variant of a language's writing is a file of its own (my-zawgyi.yml, ne-romanised.yml):
    accuracy is reported per file, language identification against the code before the "-".
    """
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    if not files:
        raise InputError(f"{folder}: no held-out files (<lang>.yml)")
    examples = [e for path in files for e in read_nlu_file(path, language=path.stem)]
    if not examples:
        raise InputError(f"{folder}: the held-out files hold no examples")
    return examples


def read_training(path: Path) -> List[Example]:
    """The training examples: one NLU file, or every YAML file with an `nlu:` part under a folder."""
    if not path.exists():
        raise InputError(f"{path}: no training data (run `python -m bot.content compile`)")
    files = sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    examples = [e for f in files for e in read_nlu_file(f)]
    if not examples:
        raise InputError(f"{path}: no training examples")
    return examples


# ---------------------------------------------------------------- overlap check

def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def overlap_key(text: str) -> str:
    """What two questions share when one repeats the other: the words, case and spaces aside."""
    return normalise(clean_text(text))


def find_overlap(heldout: Sequence[Example], training: Sequence[Example]) -> List[Tuple[Example, str]]:
    """Held-out examples whose text is also a training example: (example, training intent)."""
    trained = {overlap_key(e.text): e.intent for e in training}
    return [(e, trained[overlap_key(e.text)]) for e in heldout if overlap_key(e.text) in trained]


# ---------------------------------------------------------------- baselines

def words(text: str) -> List[str]:
    return WORD.findall(text.casefold())


class KeywordBaseline:
    """Per intent, the words most specific to it; predicts the intent with the most hits.

    A word's specificity for an intent is the share of the training examples containing
    the word that belong to that intent, smoothed by one (count / (total + 1)) so that a
    word seen ten times in one intent outranks a word seen once. Only words with a
    smoothed share of at least one half count, so a word is a keyword of one intent at most
    and words used everywhere ("i", "my", "the") are never keywords.
    """

    def __init__(self, top_k: int = 15):
        self.top_k = top_k
        self.keywords: Dict[str, List[str]] = {}

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "KeywordBaseline":
        per_intent: Dict[str, Counter] = defaultdict(Counter)
        total: Counter = Counter()
        for text, label in zip(texts, labels):
            seen = set(words(text))
            per_intent[label].update(seen)
            total.update(seen)
        for label, counts in per_intent.items():
            scored = [(count / (total[word] + 1), count, word) for word, count in counts.items()]
            ranked = sorted((s for s in scored if s[0] >= 0.5), key=lambda s: (-s[0], -s[1], s[2]))
            self.keywords[label] = [word for _, _, word in ranked[: self.top_k]]
        return self

    def predict_one(self, text: str) -> str:
        seen = set(words(text))
        hits = {label: len(seen.intersection(kws)) for label, kws in self.keywords.items()}
        best = max(hits.values(), default=0)
        winners = [label for label, n in hits.items() if n == best]
        return winners[0] if best > 0 and len(winners) == 1 else FALLBACK

    def predict(self, texts: Iterable[str]) -> List[str]:
        return [self.predict_one(t) for t in texts]


class TfidfBaseline:
    """The intent of the most similar training example (cosine over TF-IDF vectors).

    Character n-grams (2-4, within word boundaries) catch misspellings and word forms;
    whole words add the vocabulary. A message sharing nothing with any example falls back.
    """

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "TfidfBaseline":
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorisers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True),
            TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b", lowercase=True),
        ]
        self.labels = list(labels)
        self.matrix = self._vectors(texts, fit=True)
        return self

    def _vectors(self, texts: Sequence[str], fit: bool = False):
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        parts = [v.fit_transform(texts) if fit else v.transform(texts) for v in self.vectorisers]
        return normalize(hstack(parts).tocsr())  # unit rows: the dot product is the cosine

    def predict(self, texts: Sequence[str]) -> List[str]:
        similarity = (self._vectors(list(texts)) @ self.matrix.T).toarray()
        best = similarity.argmax(axis=1)
        return [self.labels[j] if similarity[i, j] > 0 else FALLBACK for i, j in enumerate(best)]


# ---------------------------------------------------------------- scoring

def credit_fallback(truth: Sequence[str], predicted: Sequence[str]) -> List[str]:
    """For an out-of-scope question the fallback is the right answer: score it as out_of_scope."""
    return [OUT_OF_SCOPE if t == OUT_OF_SCOPE and p == FALLBACK else p for t, p in zip(truth, predicted)]


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(t == p for t, p in zip(truth, predicted)) / len(truth) if truth else 0.0


def per_intent_scores(truth: Sequence[str], predicted: Sequence[str]) -> Dict[str, Dict[str, float]]:
    """Precision, recall, F1 and support for every intent that has held-out examples."""
    from sklearn.metrics import precision_recall_fscore_support

    labels = sorted(set(truth))
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    return {label: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                    "f1": round(float(f[i]), 3), "support": int(s[i])} for i, label in enumerate(labels)}


def confused_pairs(truth: Sequence[str], predicted: Sequence[str], n: int = 10) -> List[Tuple[str, str, int]]:
    """The n most frequent (true intent, predicted intent) mistakes, most frequent first."""
    mistakes = Counter((t, p) for t, p in zip(truth, predicted) if t != p)
    ranked = sorted(mistakes.items(), key=lambda item: (-item[1], item[0]))
    return [(t, p, count) for (t, p), count in ranked[:n]]


def score(truth: Sequence[str], predicted: Sequence[str]) -> dict:
    """The figures every system gets (predictions already credited for out-of-scope)."""
    intents = per_intent_scores(truth, predicted)
    f1s = [s["f1"] for s in intents.values()]
    return {
        "accuracy": round(accuracy(truth, predicted), 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "intents_below_target": sorted(i for i, s in intents.items() if s["f1"] < TARGET_F1),
        "per_intent": intents,
        "confused_pairs": confused_pairs(truth, predicted),
    }


def by_language(examples: Sequence[Example], predicted: Sequence[str]) -> Dict[str, float]:
    groups: Dict[str, List[bool]] = defaultdict(list)
    for example, p in zip(examples, predicted):
        groups[example.language].append(example.intent == p)
    return {lang: round(sum(hits) / len(hits), 4) for lang, hits in sorted(groups.items())}


def language_code(file_language: str) -> str:
    """my-zawgyi -> my: the ISO 639-1 code the parse result's `language` should hold."""
    return file_language.split("-")[0]


def language_identification(examples: Sequence[Example], detected: Sequence[str]) -> Dict[str, dict]:
    """Per held-out file: share of messages whose detected language is the file's, and what else was seen."""
    result = {}
    for lang in sorted({e.language for e in examples}):
        code = language_code(lang)
        seen = [d for e, d in zip(examples, detected) if e.language == lang]
        result[lang] = {"accuracy": round(seen.count(code) / len(seen), 4), "n": len(seen),
                        "detected_instead": dict(Counter(d for d in seen if d != code).most_common())}
    return result


def out_of_scope_figures(examples: Sequence[Example], raw_predicted: Sequence[str]) -> dict:
    """How out-of-scope questions fared, and how often the fallback answered at all."""
    oos = [p for e, p in zip(examples, raw_predicted) if e.intent == OUT_OF_SCOPE]
    answered = Counter(p for p in oos if p not in (FALLBACK, OUT_OF_SCOPE))
    in_scope_fallback = sum(1 for e, p in zip(examples, raw_predicted)
                            if p == FALLBACK and e.intent != OUT_OF_SCOPE)
    return {
        "out_of_scope_examples": len(oos),
        "out_of_scope_given_topic": sum(answered.values()),
        "topics_given": dict(answered.most_common()),
        "fallback_count": sum(1 for p in raw_predicted if p == FALLBACK),
        "in_scope_sent_to_fallback": in_scope_fallback,
    }


THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def threshold_curve(examples: Sequence[Example], tops: Sequence[Tuple[str, float]]) -> List[dict]:
    """What each fallback threshold would give: accuracy, out-of-scope caught, right answers lost.

    Computed from the classifier's first choice and its confidence, as if the fallback
    classifier had only its `threshold` (its ambiguity rule is left out), so one trained
    model shows the whole trade-off.
    """
    truth = [e.intent for e in examples]
    curve = []
    for threshold in THRESHOLDS:
        predicted = [name if confidence >= threshold else FALLBACK for name, confidence in tops]
        curve.append({
            "threshold": threshold,
            "accuracy": round(accuracy(truth, credit_fallback(truth, predicted)), 4),
            "out_of_scope_given_topic": sum(1 for t, p in zip(truth, predicted)
                                            if t == OUT_OF_SCOPE and p not in (FALLBACK, OUT_OF_SCOPE)),
            "right_answers_lost": sum(1 for t, (name, c) in zip(truth, tops)
                                      if t == name != OUT_OF_SCOPE and c < threshold),
        })
    return curve


def target_line(result: dict) -> str:
    met = result["accuracy"] >= TARGET_ACCURACY and not result["intents_below_target"]
    line = (f"target ≥ {TARGET_ACCURACY:.0%} accuracy, no topic below {TARGET_F1} F1: "
            f"{'MET' if met else 'NOT MET'}").replace("%", " %")
    if result["intents_below_target"]:
        line += " (below: " + ", ".join(
            f"{i} {result['per_intent'][i]['f1']:.2f}" for i in result["intents_below_target"]) + ")"
    return line


# ---------------------------------------------------------------- the trained model

def load_agent(model: Path):
    if not model.is_file():
        raise InputError(f"{model}: no trained model (run `make train`)")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    import logging
    import warnings

    # Rasa, TensorFlow and their dependencies are chatty while loading; the report is the output.
    # (Some of them add their own warning filters on import, so a filter alone is not enough.)
    warnings.filterwarnings("ignore")
    warnings.showwarning = lambda *args, **kwargs: None
    logging.disable(logging.WARNING)
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)

    try:
        return Agent.load(str(model))
    except Exception as exc:  # a corrupt or incompatible model: say so in one line
        raise InputError(f"{model}: cannot load the model: {exc}") from exc


def parse_all(agent, texts: Sequence[str]) -> List[dict]:
    """Parse results for all texts, in batches through the model's NLU graph.

    Rasa's public `parse_message` runs the graph for one message at a time; the graph
    itself takes a list, so one run serves a whole batch. The batched result of the first
    message is checked against the public API; if they differ (a Rasa change), every
    message goes through the public API instead.
    """
    import asyncio

    from rasa.core.channels.channel import UserMessage

    def public(text: str) -> dict:
        return asyncio.run(agent.parse_message(text))

    try:
        parsed = []
        for start in range(0, len(texts), BATCH_SIZE):
            parsed.extend(_parse_batch(agent.processor, [UserMessage(t) for t in texts[start:start + BATCH_SIZE]]))
        if texts and _summary(parsed[0]) != _summary(public(texts[0])):
            raise RuntimeError("batched parse differs from parse_message")
        return parsed
    except Exception as exc:  # noqa: BLE001 - any failure of the shortcut: take the slow, public road
        print(f"note: batched parsing unavailable ({exc}); parsing one message at a time", file=sys.stderr)
        return [public(t) for t in texts]


def _parse_batch(processor, messages) -> List[dict]:
    from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT

    target = processor.model_metadata.nlu_target
    results = processor.graph_runner.run(
        inputs={PLACEHOLDER_MESSAGE: messages, PLACEHOLDER_TRACKER: DialogueStateTracker.from_events("eval", [])},
        targets=[target])
    parsed = []
    for message in results[target]:
        data = {TEXT: "", INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, ENTITIES: []}
        data.update(message.as_dict(only_output_properties=True))
        parsed.append(data)
    return parsed


def _summary(parse: dict) -> Tuple[str, str, float]:
    return topic_of(parse), parse.get("language"), round(float(parse["intent"].get("confidence") or 0), 3)


def classifier_top(parse: dict) -> Tuple[str, float]:
    """The intent classifier's own first choice, before the fallback threshold replaced it."""
    for ranked in parse.get("intent_ranking") or []:
        if ranked.get("name") != FALLBACK:
            return topic_name(ranked["name"]), round(float(ranked.get("confidence") or 0), 3)
    return topic_of(parse), round(float((parse.get("intent") or {}).get("confidence") or 0), 3)


def topic_of(parse: dict) -> str:
    """The topic a parse result answers with (DESIGN.md: a retrieval intent's response key)."""
    intent = (parse.get("intent") or {}).get("name") or FALLBACK
    selected = (parse.get("response_selector") or {}).get(intent, {})
    key = (selected.get("response") or {}).get("intent_response_key")
    return topic_name(key) if key else topic_name(intent)


# ---------------------------------------------------------------- the report

def evaluate(heldout: List[Example], training: List[Example], parses: List[dict]) -> dict:
    """All figures: the model's, and the baselines' on the same questions."""
    truth = [e.intent for e in heldout]
    answered = credit_fallback(truth, [topic_of(p) for p in parses])
    return {"model": model_figures(heldout, parses),
            "baselines": baseline_figures(heldout, training),
            "confusion": {"truth": truth, "predicted": answered}}


def model_figures(heldout: List[Example], parses: List[dict]) -> dict:
    truth = [e.intent for e in heldout]
    raw = [topic_of(p) for p in parses]
    answered = credit_fallback(truth, raw)
    figures = score(truth, answered)
    figures["per_language"] = by_language(heldout, answered)
    figures["language_identification"] = language_identification(
        heldout, [p.get("language") or "?" for p in parses])
    figures.update(out_of_scope_figures(heldout, raw))
    # Tells a too-strict fallback threshold apart from a classifier that picks the wrong topic.
    tops = [classifier_top(p) for p in parses]
    figures["accuracy_without_fallback"] = round(accuracy(truth, credit_fallback(truth, [n for n, _ in tops])), 4)
    figures["threshold_curve"] = threshold_curve(heldout, tops)
    figures["mistakes"] = [
        {"text": e.text, "language": e.language, "true": e.intent, "predicted": a,
         "classifier_top": top, "classifier_confidence": confidence}
        for e, a, (top, confidence) in zip(heldout, answered, tops) if e.intent != a]
    return figures


def baseline_figures(heldout: List[Example], training: List[Example]) -> Dict[str, dict]:
    truth, texts = [e.intent for e in heldout], [e.text for e in heldout]
    train_texts, train_labels = [e.text for e in training], [e.intent for e in training]
    figures = {}
    for name, system in (("keyword", KeywordBaseline()), ("tfidf", TfidfBaseline())):
        predicted = credit_fallback(truth, system.fit(train_texts, train_labels).predict(texts))
        figures[name] = score(truth, predicted)
        figures[name]["per_language"] = by_language(heldout, predicted)
    return figures


def plot_confusion(truth: Sequence[str], predicted: Sequence[str], path: Path, title: str) -> None:
    """Rows: true intent; columns: predicted. Colour is the row's share, so small intents show too."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    labels = sorted(set(truth)) + sorted(set(predicted) - set(truth))  # e.g. nlu_fallback last
    counts = confusion_matrix(truth, predicted, labels=labels)
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    size = max(6.0, 0.3 * len(labels) + 3)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("predicted intent")
    ax.set_ylabel("true intent (held-out)")
    ax.set_title(title)
    for i, j in zip(*np.nonzero(counts)):
        ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=7,
                color="white" if shares[i, j] > 0.5 else ("black" if i == j else "crimson"))
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def terminal_report(report: dict) -> str:
    m, base = report["model"], report["baselines"]
    lines = [f"NLU evaluation: {report['n_heldout']} held-out questions, {len(m['per_intent'])} intents, "
             f"languages {', '.join(m['per_language'])}; model {report['model_path']}",
             f"  model    accuracy {pct(m['accuracy'])}  macro F1 {m['macro_f1']:.3f}"]
    lines += [f"  {name:<8} accuracy {pct(b['accuracy'])}  macro F1 {b['macro_f1']:.3f}  (baseline)"
              for name, b in base.items()]
    lines.append("  accuracy per language: " + ", ".join(f"{l} {pct(a)}" for l, a in m["per_language"].items()))
    lines.append("  language identified:   " + ", ".join(
        f"{l} {pct(v['accuracy'])}" for l, v in m["language_identification"].items()))
    lines.append(f"  out_of_scope given a topic: {m['out_of_scope_given_topic']} of {m['out_of_scope_examples']}; "
                 f"answered by nlu_fallback: {m['fallback_count']} ({m['in_scope_sent_to_fallback']} in scope)")
    lines.append(f"  without the fallback (the classifier's first choice): accuracy {pct(m['accuracy_without_fallback'])}")
    lines.append("  fallback threshold -> accuracy / out_of_scope given a topic / right answers lost: " + ", ".join(
        f"{c['threshold']}: {pct(c['accuracy'])} / {c['out_of_scope_given_topic']} / {c['right_answers_lost']}"
        for c in m["threshold_curve"]))
    lines.append("  most confused (true -> predicted):")
    lines += [f"    {c:>3}  {t} -> {p}" for t, p, c in m["confused_pairs"]] or ["    none"]
    lines.append(target_line(m))
    lines += [f"FAIL overlap: held-out {o['source']} '{o['text']}' ({o['intent']}) is a training example "
              f"of {o['training_intent']}" for o in report["overlap"]]
    return "\n".join(lines)


def markdown_report(report: dict) -> str:
    m, base = report["model"], report["baselines"]
    out = [f"# NLU evaluation\n",
           f"Model `{report['model_path']}`, held-out `{report['heldout_path']}` "
           f"({report['n_heldout']} questions), training data `{report['train_path']}` "
           f"({report['n_training']} examples).\n",
           f"**{target_line(m)}**\n",
           "| system | accuracy | macro F1 | intents below F1 " + str(TARGET_F1) + " |", "|---|---|---|---|",
           f"| model | {pct(m['accuracy'])} | {m['macro_f1']:.3f} | {len(m['intents_below_target'])} |"]
    out += [f"| {n} baseline | {pct(b['accuracy'])} | {b['macro_f1']:.3f} | {len(b['intents_below_target'])} |"
            for n, b in base.items()]
    out += ["\n## Per language\n", "| language | questions | model accuracy | keyword | tfidf | language identified |",
            "|---|---|---|---|---|---|"]
    for lang, acc in m["per_language"].items():
        lid = m["language_identification"][lang]
        out.append(f"| {lang} | {lid['n']} | {pct(acc)} | {pct(base['keyword']['per_language'][lang])} | "
                   f"{pct(base['tfidf']['per_language'][lang])} | {pct(lid['accuracy'])} "
                   f"{_counts(lid['detected_instead'])} |")
    out += ["\n## Out of scope and fallback\n",
            f"- out_of_scope questions given a topic answer instead of the fallback: "
            f"{m['out_of_scope_given_topic']} of {m['out_of_scope_examples']} {_counts(m['topics_given'])}",
            f"- questions answered by nlu_fallback: {m['fallback_count']} "
            f"(of which in scope, so a missed answer: {m['in_scope_sent_to_fallback']})",
            f"- accuracy if the classifier's first choice were always taken (no fallback): "
            f"{pct(m['accuracy_without_fallback'])}"]
    out += ["\nFallback threshold trade-off (the classifier's first choice against its confidence; "
            "the ambiguity rule left out):\n",
            "| threshold | accuracy | out_of_scope given a topic | right answers sent to the fallback |",
            "|---|---|---|---|"]
    out += [f"| {c['threshold']} | {pct(c['accuracy'])} | {c['out_of_scope_given_topic']} | {c['right_answers_lost']} |"
            for c in m["threshold_curve"]]
    out += ["\n## Per intent (held-out)\n",
            "| intent | precision | recall | F1 | support | keyword F1 | tfidf F1 |", "|---|---|---|---|---|---|---|"]
    for intent, s in m["per_intent"].items():
        flag = " ⚠" if s["f1"] < TARGET_F1 else ""
        out.append(f"| {intent}{flag} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} | {s['support']} | "
                   f"{base['keyword']['per_intent'][intent]['f1']:.2f} | {base['tfidf']['per_intent'][intent]['f1']:.2f} |")
    out += ["\n## Most confused pairs (model)\n", "| count | true | predicted |", "|---|---|---|"]
    out += [f"| {c} | {t} | {p} |" for t, p, c in m["confused_pairs"]]
    out += ["\n![confusion matrix](confusion.png)\n",
            "Every mistake, with the held-out text, is in mistakes.md (not for whoever writes training examples)."]
    if report["overlap"]:
        out += ["\n## FAIL: held-out questions that are also training examples\n"]
        out += [f"- {o['source']}: '{o['text']}' ({o['intent']}; in training as {o['training_intent']})"
                for o in report["overlap"]]
    return "\n".join(out) + "\n"


def mistakes_report(report: dict) -> str:
    """The held-out questions the model got wrong, with their text. Kept out of report.md so that
    people writing training examples can read the figures without seeing the test questions."""
    out = ["# Every mistake (model) on held-out questions\n",
           "Do not read this while writing training examples: it would make the held-out figures dishonest.\n",
           "| language | true | answered | classifier's first choice | text |", "|---|---|---|---|---|"]
    out += [f"| {x['language']} | {x['true']} | {x['predicted']} | "
            f"{x['classifier_top']} {x['classifier_confidence']:.2f} | "
            f"{x['text'].replace('|', '/')} |" for x in report["model"]["mistakes"]]
    return "\n".join(out) + "\n"


def _counts(counter: dict) -> str:
    return "(" + ", ".join(f"{k} {v}" for k, v in counter.items()) + ")" if counter else ""


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "mitra.tar.gz")
    parser.add_argument("--heldout", type=Path, default=ROOT / "tests" / "nlu" / "heldout")
    parser.add_argument("--train", type=Path, default=ROOT / "build" / "data" / "nlu" / "content.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "eval")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))  # the model's custom components live in the `bot` package

    try:
        heldout = read_heldout(args.heldout)
        training = read_training(args.train)
        agent = load_agent(args.model)
    except InputError as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    overlap = [{"text": e.text, "intent": e.intent, "source": _relative(Path(e.source)), "training_intent": t}
               for e, t in find_overlap(heldout, training)]

    parses = parse_all(agent, [e.text for e in heldout])
    result = evaluate(heldout, training, parses)
    confusion = result.pop("confusion")
    report = {"model_path": _relative(args.model), "heldout_path": _relative(args.heldout),
              "train_path": _relative(args.train), "n_heldout": len(heldout), "n_training": len(training),
              "unknown_intents": sorted({e.intent for e in heldout} - {e.intent for e in training}),
              "overlap": overlap, "target": target_line(result["model"]), **result}

    args.out.mkdir(parents=True, exist_ok=True)
    plot_confusion(confusion["truth"], confusion["predicted"], args.out / "confusion.png",
                   f"Mitra NLU on held-out questions: accuracy {pct(result['model']['accuracy'])}")
    (args.out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "report.md").write_text(markdown_report(report), encoding="utf-8")
    (args.out / "mistakes.md").write_text(mistakes_report(report), encoding="utf-8")
    print(terminal_report(report))
    if report["unknown_intents"]:
        print("warning: held-out intents with no training examples: " + ", ".join(report["unknown_intents"]))
    print(f"wrote {_relative(args.out / 'report.md')}, mistakes.md, report.json, confusion.png")
    return 1 if overlap else 0


if __name__ == "__main__":
    sys.exit(main())
