"""One Rasa tokenizer for Mitra's eight languages, chosen per script run.

Four of the languages (Thai, Burmese, Khmer, Lao) are written without spaces
between words, so splitting on whitespace gives one "token" per phrase and the
featurizers learn nothing. The other four (English, Indonesian, Nepali,
Bengali) are spaced. Workers also mix scripts in one message ("นายจ้างเอา
passport ไป"), so the choice cannot be made once per message: the text is cut
into runs of one script (`bot.nlu.script.script_runs`) and each run goes to
the segmenter for its script. All segmenters run offline from data shipped in
their wheels.

Per language:

- Thai: PyThaiNLP ``word_tokenize(engine="newmm-safe")``: dictionary
  maximal matching on Thai character clusters, with the dictionary inside the
  wheel; "-safe" bounds the time on very long unbroken input. Better than
  ICU on loanwords and compounds (keeps พาสปอร์ต and ค่าจ้าง whole).
- Burmese: ICU's dictionary word break iterator (PyICU, ICU data inside the
  wheel), but a word boundary is only kept where a syllable boundary also
  is. ICU breaks unknown words (e.g. ပတ်စ်ပို့ "passport") into single
  letters that are not even syllables ("ပ", "တ်"); the syllable rule is the
  standard Sylbreak regex (break before a consonant that is not
  stacked under a virama and does not carry asat, and before independent
  vowels, digits and punctuation). Known words stay whole, unknown ones come
  out as syllables. Text must be Unicode: put `bot.nlu.zawgyi.ZawgyiNormalizer`
  before this component.
- Khmer: khmer-nltk (a CRF over Khmer character clusters, model in the
  wheel). It splits finer and more consistently than ICU (ចង់ | ទៅ, របស់ |
  ខ្ញុំ). khmer-nltk edits zero-width spaces internally; if its tokens ever
  fail to align with the original text, the run falls back to ICU.
- Lao: LaoNLP ``word_tokenize`` (maximal matching with its bundled Lao
  dictionary, on PyThaiNLP's trie). Keeps ນາຍຈ້າງ "employer" and ໜັງສືຜ່ານແດນ
  "passport" whole where ICU splits them. ICU is the fallback as for Khmer.
- English, Indonesian, Nepali, Bengali, and everything else that is spaced
  (digits, emoji, other scripts): the tokenizer of ``spacy.blank(lang)``
  (rule-based, no model). The language is taken from the message's
  script (Deva -> ne, Beng -> bn, else ``default_spaced_language``, "en"),
  or, if ``language_attribute`` is configured, from that message attribute
  when it holds en, id, ne or bn. The English and Indonesian tokenizers differ
  only in a few exceptions (id keeps "anak-anak" and "dll." whole); what
  matters more is that training and parsing tokenize alike, hence the hint
  is off by default.

Tokens carry start/end offsets into the original text. Case is kept (the
featurizers lowercase). Tokens made only of punctuation are dropped, like
Rasa's WhitespaceTokenizer does (set ``keep_punctuation: true`` to keep them);
emoji are kept as tokens. A text with no token at all (only punctuation or
spaces) becomes one token, again as in WhitespaceTokenizer, so the
featurizers never see an empty sequence.

Speed: about 0.1-0.25 ms of CPU per short message, Khmer about 1 ms (CRF).
Loading all segmenters takes a few seconds, done when the component is
created (``preload: true``) so the first worker does not wait.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Sequence, Text, Tuple

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import script as scripts

logger = logging.getLogger(__name__)

# PyThaiNLP never needs to write (we use only bundled data); keep it from
# creating ~/pythainlp-data on servers with a read-only home.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

Span = Tuple[int, int]
_SURROGATE = re.compile("[\ud800-\udfff]")

SPACY_LANGUAGES = ("en", "id", "ne", "bn")
_SCRIPT_TO_SPACY = {scripts.DEVANAGARI: "ne", scripts.BENGALI: "bn"}
_ICU_LOCALES = {
    scripts.THAI: "th",
    scripts.MYANMAR: "my",
    scripts.KHMER: "km",
    scripts.LAO: "lo",
}


# --- spaced languages -------------------------------------------------------


@lru_cache(maxsize=None)
def _spacy_tokenizer(lang: str) -> Callable[[str], Any]:
    import spacy

    return spacy.blank(lang).tokenizer


def _spacy_spans(text: str, start: int, end: int, lang: str) -> List[Span]:
    doc = _spacy_tokenizer(lang)(text[start:end])
    return [
        (start + t.idx, start + t.idx + len(t.text))
        for t in doc
        if not t.is_space
    ]


# --- unspaced languages -----------------------------------------------------


def _icu_spans(text: str, locale: str) -> List[Span]:
    """Word boundaries from ICU's dictionary-based break iterator."""
    import icu

    # A fresh iterator per call: cheap (~10 µs) and thread-safe.
    iterator = icu.BreakIterator.createWordInstance(icu.Locale(locale))
    iterator.setText(text)
    spans = []
    start = iterator.first()
    for end in iterator:
        spans.append((start, end))
        start = end
    return spans


def _align(text: str, pieces: Sequence[str]) -> Optional[List[Span]]:
    """Offsets of ``pieces`` in ``text``, or None if they do not rebuild it."""
    spans: List[Span] = []
    pos = 0
    for piece in pieces:
        piece = piece.strip().strip(scripts.ZERO_WIDTH_SPACE)
        if not piece:
            continue
        while pos < len(text) and scripts.script_of(text[pos]) == scripts.SPACE:
            pos += 1
        if not text.startswith(piece, pos):
            return None
        spans.append((pos, pos + len(piece)))
        pos += len(piece)
    if text[pos:].strip().strip(scripts.ZERO_WIDTH_SPACE):
        return None
    return spans


def _thai_pieces(text: str) -> List[str]:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm-safe", keep_whitespace=False)


def _khmer_pieces(text: str) -> List[str]:
    from khmernltk import word_tokenize

    return word_tokenize(text)


def _lao_pieces(text: str) -> List[str]:
    from laonlp.tokenize import word_tokenize

    return word_tokenize(text)


_LIBRARY_SEGMENTERS: Dict[str, Callable[[str], List[str]]] = {
    scripts.THAI: _thai_pieces,
    scripts.KHMER: _khmer_pieces,
    scripts.LAO: _lao_pieces,
}

# Burmese syllable starts (Unicode encoding). A consonant starts a syllable
# unless it is stacked (preceded by virama U+1039) or killed (followed by asat
# U+103A or virama); independent vowels, digits, punctuation and symbols
# always start one.
_MY_CONSONANT = "\u1000-\u1021\u103f\u1050-\u1055\u105a-\u105d\u1061\u1065\u1066\u106e-\u1070\u1075-\u1081\u108e"
_MY_ALWAYS_STARTS = "\u1023-\u102a\u1040-\u104f\u1090-\u1099\u109e\u109f"
_MY_SYLLABLE_START = re.compile(
    rf"(?<!\u1039)[{_MY_CONSONANT}](?![\u103a\u1039])|[{_MY_ALWAYS_STARTS}]"
)


def burmese_syllable_starts(text: str) -> List[int]:
    """Offsets where a Burmese syllable starts (always includes 0)."""
    starts = [m.start() for m in _MY_SYLLABLE_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def _burmese_spans(text: str) -> List[Span]:
    """ICU word boundaries, kept only where they are also syllable boundaries."""
    syllable_bounds = set(burmese_syllable_starts(text))
    syllable_bounds.add(len(text))
    bounds = [0]
    for _, end in _icu_spans(text, "my"):
        if end in syllable_bounds and end > bounds[-1]:
            bounds.append(end)
    if bounds[-1] != len(text):
        bounds.append(len(text))
    return list(zip(bounds, bounds[1:]))


def _unspaced_spans(text: str, start: int, end: int, script: str) -> List[Span]:
    run = text[start:end]
    if script == scripts.MYANMAR:
        spans = _burmese_spans(run)
    else:
        spans = None
        try:
            spans = _align(run, _LIBRARY_SEGMENTERS[script](run))
        except Exception:  # a third-party segmenter must never fail a message
            logger.exception("%s segmenter failed; using ICU", script)
        if spans is None:
            logger.debug("%s tokens do not align with %r; using ICU", script, run)
            spans = _icu_spans(run, _ICU_LOCALES[script])
    return [(start + s, start + e) for s, e in spans]


# --- the component ----------------------------------------------------------


def _is_punctuation(token_text: str) -> bool:
    return all(
        unicodedata.category(c).startswith(("P", "C", "Z")) for c in token_text
    )


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class MultilingualTokenizer(Tokenizer):
    """Tokenizer for en, my, km, lo, th, id, ne, bn, choosing per script run."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Returns the component's default config."""
        return {
            # Options of every Rasa tokenizer.
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # spaCy tokenizer for Latin text when no language hint is set.
            "default_spaced_language": "en",
            # Message attribute holding an ISO 639-1 language hint (e.g.
            # "language"), used to pick the spaCy tokenizer for Latin text.
            # Off by default: set it only if that attribute is also set on
            # the training examples, or training and parsing will tokenize
            # Indonesian differently.
            "language_attribute": None,
            # Keep tokens that are only punctuation ("?", "।", "။").
            "keep_punctuation": False,
            # Load all segmenters at start-up instead of on first use.
            "preload": True,
        }

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        """All languages: the tokenizer picks by script, not by config."""
        return None

    @staticmethod
    def required_packages() -> List[Text]:
        """Packages Rasa checks at start-up and fingerprints for retraining.

        Rasa uses each name both as a module to import and as a distribution
        to look up, so only packages whose two names agree are listed (not
        PyICU's `icu` / pyicu-wheels, nor khmer-nltk's `khmernltk`).
        """
        return ["spacy", "pythainlp", "laonlp"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Creates the tokenizer, loading the segmenters if asked to."""
        config = {**self.get_default_config(), **config}
        super().__init__(config)
        self.default_spaced_language = config["default_spaced_language"]
        if self.default_spaced_language not in SPACY_LANGUAGES:
            raise ValueError(
                f"default_spaced_language must be one of {SPACY_LANGUAGES}, "
                f"not {self.default_spaced_language!r}"
            )
        self.language_attribute = config["language_attribute"]
        self.keep_punctuation = bool(config["keep_punctuation"])
        if config["preload"]:
            self.warm_up()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MultilingualTokenizer:
        """Creates a new component (see parent class for full docstring)."""
        return cls(config)

    def warm_up(self) -> None:
        """Load every segmenter once so the first user message is not slow."""
        for lang in SPACY_LANGUAGES:
            _spacy_tokenizer(lang)
        for sample in ("ภาษา", "ဘာသာ", "ភាសា", "ພາສາ"):
            self.spans(sample)

    def spans(self, text: str, language: Optional[str] = None) -> List[Span]:
        """All token (start, end) offsets in ``text``, punctuation included."""
        # Lone surrogates (from broken encoders) make ICU and spaCy raise.
        # Segment a copy with U+FFFD in their place: same length, same offsets.
        text = _SURROGATE.sub("\ufffd", text)
        runs = list(scripts.script_runs(text))
        spaced_lang = self._spaced_language(text, runs, language)

        spans: List[Span] = []
        spaced_start: Optional[int] = None  # start of pending spaced chunk
        spaced_end = 0
        for start, end, script in runs:
            if script in scripts.UNSPACED_SCRIPTS:
                if spaced_start is not None:
                    spans += _spacy_spans(text, spaced_start, spaced_end, spaced_lang)
                    spaced_start = None
                spans += _unspaced_spans(text, start, end, script)
            else:
                if spaced_start is None:
                    spaced_start = start
                spaced_end = end
        if spaced_start is not None:
            spans += _spacy_spans(text, spaced_start, spaced_end, spaced_lang)
        return spans

    def _spaced_language(
        self, text: str, runs: List[Tuple[int, int, str]], hint: Optional[str]
    ) -> str:
        if hint in SPACY_LANGUAGES:
            return hint
        spaced = "".join(
            text[s:e] for s, e, sc in runs if sc not in scripts.UNSPACED_SCRIPTS
        )
        return _SCRIPT_TO_SPACY.get(
            scripts.dominant_script(spaced), self.default_spaced_language
        )

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Tokenizes the text of the provided attribute of the incoming message."""
        text = message.get(attribute) or ""
        hint = (
            message.get(self.language_attribute) if self.language_attribute else None
        )
        tokens = [
            Token(text[start:end], start, end)
            for start, end in self.spans(text, hint if isinstance(hint, str) else None)
            if self.keep_punctuation or not _is_punctuation(text[start:end])
        ]
        if not tokens:
            # As Rasa's WhitespaceTokenizer: never hand the featurizers an
            # empty sequence; the whole (stripped) text becomes one token.
            stripped = text.strip()
            start = text.find(stripped) if stripped else 0
            tokens = [Token(stripped, start, start + len(stripped))]
        return self._apply_token_pattern(tokens)
