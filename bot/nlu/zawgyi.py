"""Burmese typed in Zawgyi: detect it and convert it to Unicode.

Many Burmese speakers still type in Zawgyi, a font encoding that reuses the
Myanmar Unicode block with other meanings: the same word has different code
points in Zawgyi and in Unicode, so the NLU model (trained on Unicode) would
not recognise it. Detection uses Google's myanmartools model (a Markov chain
trained on web text); conversion uses the CLDR "Zawgyi-my" transform through
ICU (PyICU, from the ``pyicu-wheels`` wheel that bundles ICU's libraries and
data, so nothing is built or downloaded).

Threshold: 0.95, as myanmartools advises when conversion happens
automatically (fewer than 1% of Unicode strings are wrongly flagged). Very
short strings score near 0.5 and stay as they are; a Unicode string wrongly
converted would be damaged, a Zawgyi one left alone only misses a match.

How replies are shown to a Zawgyi writer — decision
----------------------------------------------------
Replies stay in Unicode. The first time a conversation is detected as
Zawgyi, the bot sends one short note (in Burmese, given in both encodings,
the Zawgyi line made with :func:`to_zawgyi`) saying that it writes in Unicode
and how to read it (switch the phone's font or keyboard to Unicode). Why:

- Typing in Zawgyi does not mean reading in Zawgyi. Many phones now display
  Unicode while an old Zawgyi keyboard is still in use; a Zawgyi reply would
  be garbled for them, and the bot cannot see the display font.
- Myanmar adopted Unicode as the national standard in 2019; phones, Facebook
  and Viber moved with it. Zawgyi is shrinking, Unicode is where readers are
  going.
- One source of truth: editors write and native speakers review the answers
  in Unicode. Converting every reply would put machine-made text, never
  reviewed, in front of workers on safety topics, and double what must be
  tested.
- Numbers stay readable either way (Myanmar and ASCII digits are the same in
  both encodings), so hotline numbers reach the worker even when the text
  around them renders badly.

The note's wording belongs in content/ (not here); :class:`ZawgyiNormalizer`
marks the parse result with ``"zawgyi": true`` so the dialogue can send the
note once (e.g. keep a boolean slot set after sending it).
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.95
ZAWGYI_FLAG = "zawgyi"  # parse-result field set when the text was converted

_MYANMAR_BLOCK = (0x1000, 0x109F)


@lru_cache(maxsize=1)
def _detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


@lru_cache(maxsize=2)
def _transliterator(transform_id: str):
    import icu

    return icu.Transliterator.createInstance(transform_id)


def _has_myanmar(text: str) -> bool:
    lo, hi = _MYANMAR_BLOCK
    return any(lo <= ord(c) <= hi for c in text)


def zawgyi_probability(text: str) -> float:
    """Probability (0..1) that ``text`` is Zawgyi; 0.0 with no Burmese in it."""
    if not text or not _has_myanmar(text):
        return 0.0
    probability = _detector().get_zawgyi_probability(text)
    return 0.0 if math.isinf(probability) or math.isnan(probability) else probability


def is_zawgyi(text: str, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """True if ``text`` is Burmese typed in the Zawgyi encoding."""
    return zawgyi_probability(text) > threshold


def to_unicode(text: str, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``text`` converted from Zawgyi to Unicode; unchanged if it is not Zawgyi."""
    if not is_zawgyi(text, threshold):
        return text
    try:
        return _transliterator("Zawgyi-my").transliterate(text)
    except Exception:  # e.g. lone surrogates: keep the text rather than fail
        logger.exception("Zawgyi conversion failed; keeping the text as sent")
        return text


def to_zawgyi(text: str) -> str:
    """Unicode Burmese rendered in Zawgyi — only for the one-time note above."""
    return _transliterator("my-Zawgyi").transliterate(text)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class ZawgyiNormalizer(GraphComponent):
    """Rewrites Zawgyi message text as Unicode before tokenisation.

    Put it before the tokenizer (and before language detection). A converted
    message gets ``"zawgyi": true`` in its parse result.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Returns the component's default config."""
        return {"threshold": DEFAULT_THRESHOLD}

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Creates the normalizer and loads the detector and the transform."""
        self.threshold = float(config.get("threshold", DEFAULT_THRESHOLD))
        _detector()
        _transliterator("Zawgyi-my")

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ZawgyiNormalizer:
        """Creates a new component (see parent class for full docstring)."""
        return cls(config)

    def _convert(self, message: Message, flag: bool) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str):
            return
        converted = to_unicode(text, self.threshold)
        if converted != text:
            message.set(TEXT, converted)
            if flag:
                message.set(ZAWGYI_FLAG, True, add_to_output=True)

    def process(self, messages: List[Message]) -> List[Message]:
        """Converts incoming Zawgyi messages."""
        for message in messages:
            self._convert(message, flag=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Converts Zawgyi training examples too, so both sides match."""
        for example in training_data.training_examples:
            self._convert(example, flag=False)
        return training_data
