"""Language identification inside the NLU pipeline (DESIGN.md: `language` in parse results).

By script where the script belongs to one of Mitra's languages (Thai, Burmese, Khmer,
Lao, Bengali, Nepali in Devanagari). Latin script is shared: English and Indonesian,
but also Nepali, Bengali, Khmer, Burmese... typed in Latin letters ("talab paako
chaina", "amar beton dey na"). No library ships a model for those romanisations, so
the component learns one while training: a naive Bayes model over character 1-4
grams of the Latin-script training examples, each labelled with the language it was
written for (`bot.content.compile` puts it in the example's metadata). It is small
(counts in a JSON file in the model) and beats langid.py restricted to en/id on the
held-out English and Indonesian questions as well. Without training data (a detector
built by hand, or a model trained without language metadata) Latin text goes to
langid.py restricted to English and Indonesian, as before.

Text with no letters (emoji, digits) gets the default language with score 0, so
callers can ignore it. The score is the model's probability times the share of the
message's letters in the deciding script: a mixed or unclear message scores low, and
the conversation's language only follows messages that score high (bot/actions/worker.py).
"""
import json
import math
import re
from collections import Counter, defaultdict
from typing import Any, Dict, Iterable, List, Optional, Sequence, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import METADATA, METADATA_EXAMPLE, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import script

LANGUAGE = "language"
LANGUAGE_SCORE = "language_score"
DEFAULT_LANGUAGE = "en"
LATIN_LANGUAGES = ["en", "id"]  # langid.py's choice when no model was trained
MODEL_FILE = "latin_ngrams.json"

SCRIPT_LANGUAGE = {script.THAI: "th", script.MYANMAR: "my", script.KHMER: "km", script.LAO: "lo",
                   script.BENGALI: "bn", script.DEVANAGARI: "ne"}

_langid = None


def _latin_identifier():
    global _langid
    if _langid is None:  # loading the model takes ~1 s: do it once, on first use
        from langid.langid import LanguageIdentifier, model

        _langid = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        _langid.set_languages(LATIN_LANGUAGES)
    return _langid


def char_ngrams(text: str, min_n: int = 1, max_n: int = 4) -> Counter:
    """Character n-grams inside each word padded with spaces (" talab " -> " t", "ta", ...)."""
    grams: Counter = Counter()
    for word in text.casefold().split():
        padded = f" {word} "
        for n in range(min_n, max_n + 1):
            grams.update(padded[i:i + n] for i in range(max(len(padded) - n + 1, 1)))
    return grams


class LatinLanguageModel:
    """Multinomial naive Bayes over character n-grams: which language Latin letters are written in.

    Unseen n-grams are ignored (they say nothing about any language); seen ones are
    smoothed by `alpha` so one n-gram never rules a language out.
    """

    def __init__(self, counts: Dict[str, Dict[str, int]], examples: Dict[str, int],
                 alpha: float = 0.5, max_n: int = 4):
        self.counts, self.examples, self.alpha, self.max_n = counts, examples, alpha, max_n
        self.languages = sorted(examples)
        vocabulary = len(set().union(*counts.values())) if counts else 0
        total = sum(examples.values())
        self._log_prior = {lang: math.log(examples[lang] / total) for lang in self.languages}
        self._log_unseen = {}  # log P(n-gram | lang) for an n-gram the language never had
        for lang in self.languages:
            self._log_unseen[lang] = -math.log(sum(counts[lang].values()) + alpha * vocabulary)

    @classmethod
    def train(cls, texts: Iterable[str], languages: Iterable[str], alpha: float = 0.5,
              max_n: int = 4) -> "LatinLanguageModel":
        counts: Dict[str, Counter] = defaultdict(Counter)
        examples: Counter = Counter()
        for text, lang in zip(*without_english_lookalikes(list(texts), list(languages))):
            counts[lang].update(char_ngrams(text, max_n=max_n))
            examples[lang] += 1
        return cls({lang: dict(c) for lang, c in counts.items()}, dict(examples), alpha, max_n)

    def probabilities(self, text: str) -> Dict[str, float]:
        known = {g: n for g, n in char_ngrams(text, max_n=self.max_n).items()
                 if any(g in self.counts[lang] for lang in self.languages)}
        scores = {}
        for lang in self.languages:
            seen, unseen = self.counts[lang], self._log_unseen[lang]
            scores[lang] = self._log_prior[lang] + sum(
                n * (math.log(seen.get(g, 0) + self.alpha) + unseen) for g, n in known.items())
        best = max(scores.values())
        exp = {lang: math.exp(s - best) for lang, s in scores.items()}
        total = sum(exp.values())
        return {lang: e / total for lang, e in exp.items()}

    def classify(self, text: str) -> Tuple[str, float]:
        probabilities = self.probabilities(text)
        lang = max(probabilities, key=probabilities.get)
        return lang, probabilities[lang]

    def to_json(self) -> dict:
        return {"alpha": self.alpha, "max_n": self.max_n, "examples": self.examples, "counts": self.counts}

    @classmethod
    def from_json(cls, data: dict) -> "LatinLanguageModel":
        return cls(data["counts"], data["examples"], data["alpha"], data["max_n"])


_WORD = re.compile(r"[^\W\d_]+")  # a run of letters


def _words(text: str) -> List[str]:
    return _WORD.findall(text.casefold())


def without_english_lookalikes(texts: Sequence[str], languages: Sequence[str]) -> Tuple[List[str], List[str]]:
    """The Latin-script examples the Latin model learns from, with their languages.

    An example filed under a language of another script but made only of words that the
    English examples use ("are you robot" under Khmer, "ok" under Lao) tells nothing about
    how that language is typed in Latin letters: learnt as Khmer, it made "robot or
    human?" Khmer. Such examples are left out; romanised ones ("jao pen bot bo") stay.
    """
    english = {word for text, language in zip(texts, languages) if language == "en" for word in _words(text)}
    kept = [(text, language) for text, language in zip(texts, languages)
            if language in LATIN_LANGUAGES or not set(_words(text)) <= english]
    return [text for text, _ in kept], [language for _, language in kept]


def deciding_script(text: Optional[str]) -> Tuple[Optional[str], float]:
    """The script that tells the language, and its share of the letters.

    A script of one of Mitra's languages outweighs Latin: "boss no pay salary ធ្វើម៉េចទៅ"
    is a Khmer writer using English words, not an English writer.
    """
    counts = script.script_counts(text or "")
    letters = sum(counts.values())
    if not letters:
        return None, 0.0
    own = [(n, s) for s, n in counts.items() if s in SCRIPT_LANGUAGE]
    if own:
        n, chosen = max(own)
    else:
        chosen, n = counts.most_common(1)[0]
    return chosen, n / letters


def detect_language(text: Optional[str], latin_model: Optional[LatinLanguageModel] = None) -> Tuple[str, float]:
    """(language code, score 0..1) for a message."""
    chosen, share = deciding_script(text)
    if chosen in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[chosen], round(share, 3)
    if chosen == script.LATIN:
        if latin_model is not None:
            code, probability = latin_model.classify(text)
        else:
            code, probability = _latin_identifier().classify(text)
        return code, round(float(probability) * share, 3)
    return DEFAULT_LANGUAGE, 0.0


def example_language(message: Message) -> Optional[str]:
    """The language a training example was written for: `metadata: {language: ..}` on the
    example, or on its block of examples (what bot.content.compile writes)."""
    metadata = message.get(METADATA) or {}
    for level in (METADATA_EXAMPLE, METADATA_INTENT):
        found = metadata.get(level) if isinstance(metadata, dict) else None
        language = found.get(LANGUAGE) if isinstance(found, dict) else None
        if isinstance(language, str) and language:
            return language
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class LanguageDetector(GraphComponent):
    """Adds `language` (and `language_score`) to each parse result."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # alpha 0.5 and 1-4-grams: best of 1-3/1-4/2-4/1-5 x 0.1/0.5/1 on the held-out Latin questions
        return {"alpha": 0.5, "max_ngram": 4}

    def __init__(self, config: Optional[Dict[Text, Any]] = None, model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None, latin_model: Optional[LatinLanguageModel] = None):
        self.config = {**self.get_default_config(), **(config or {})}
        self._model_storage, self._resource = model_storage, resource
        self.latin_model = latin_model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LanguageDetector":
        try:
            with model_storage.read_from(resource) as directory:
                path = directory / MODEL_FILE
                data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        except ValueError:  # nothing was persisted: trained without language metadata
            data = None
        return cls(config, model_storage, resource, LatinLanguageModel.from_json(data) if data else None)

    def train(self, training_data: TrainingData) -> Resource:
        """Learns the Latin-script languages from the examples that carry their language."""
        texts, languages = [], []
        for example in training_data.training_examples:
            language, text = example_language(example), example.get(TEXT)
            if language and isinstance(text, str) and deciding_script(text)[0] == script.LATIN:
                texts.append(text)
                languages.append(language)
        if texts:
            self.latin_model = LatinLanguageModel.train(
                texts, languages, alpha=float(self.config["alpha"]), max_n=int(self.config["max_ngram"]))
            with self._model_storage.write_to(self._resource) as directory:
                (directory / MODEL_FILE).write_text(json.dumps(self.latin_model.to_json(), ensure_ascii=False),
                                                    encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            code, score = detect_language(message.get(TEXT), self.latin_model)
            message.set(LANGUAGE, code, add_to_output=True)
            message.set(LANGUAGE_SCORE, score, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training does not use the detected language; nothing to add.
        return training_data
