"""Language identification inside the NLU pipeline (DESIGN.md: `language` in parse results).

By script where the script belongs to one of Mitra's languages (Thai, Burmese, Khmer,
Lao, Bengali, Nepali in Devanagari); for Latin script, langid.py (which ships its
model in the package) restricted to English and Indonesian. Text with no letters
(emoji, digits) gets the default language with score 0, so callers can ignore it.
"""
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import script

LANGUAGE = "language"
LANGUAGE_SCORE = "language_score"
DEFAULT_LANGUAGE = "en"
LATIN_LANGUAGES = ["en", "id"]

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


def detect_language(text: Optional[str]) -> Tuple[str, float]:
    """(language code, score 0..1) for a message."""
    counts = script.script_counts(text or "")
    if not counts:
        return DEFAULT_LANGUAGE, 0.0
    main, letters = counts.most_common(1)[0]
    share = letters / sum(counts.values())
    if main in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[main], round(share, 3)
    if main == script.LATIN:
        code, probability = _latin_identifier().classify(text)
        return code, round(float(probability) * share, 3)
    return DEFAULT_LANGUAGE, 0.0


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LanguageDetector(GraphComponent):
    """Adds `language` (and `language_score`) to each parse result."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            code, score = detect_language(message.get(TEXT))
            message.set(LANGUAGE, code, add_to_output=True)
            message.set(LANGUAGE_SCORE, score, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training does not use the language; nothing to add.
        return training_data
