"""First step of the NLU pipeline: make any incoming text safe and comparable.

Workers' phones send all sorts: decomposed Unicode, stray control characters,
lone surrogates from broken encoders, pasted 100 KB blocks. The model only needs
a clean, bounded text; the full message is still stored as the worker sent it.
"""
import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

DEFAULT_MAX_CHARS = 1000
TRUNCATED = "text_truncated"  # in the parse result: the model read only the beginning
# Control characters (C0/C1) except tab and newline, and the BOM / word joiner that
# keyboards insert invisibly. The zero-width space is kept: Khmer and Burmese
# writers put it between words, so it becomes a plain space below.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u200b]+")


def normalise(text: Optional[str], max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """NFC, no control characters, no broken surrogates, single spaces, bounded length."""
    if not text:
        return ""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> '?'
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return text[:max_chars]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class TextNormaliser(GraphComponent):
    """Rewrites each message's text with `normalise` before tokenisation."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_chars": DEFAULT_MAX_CHARS}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.max_chars = int(config.get("max_chars", DEFAULT_MAX_CHARS))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TextNormaliser":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                clean = normalise(text, self.max_chars + 1)
                message.set(TEXT, clean[: self.max_chars])
                message.set(TRUNCATED, len(clean) > self.max_chars, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
