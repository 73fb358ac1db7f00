"""What the assistant knows about the worker it is talking to: language and countries."""
from dataclasses import dataclass
from typing import Optional

from rasa_sdk import Tracker

from bot.content.library import Library

OTHER_COUNTRY = "ZZ"  # ISO 3166 user-assigned code: "a country Mitra has no content for"
# Below this score a detected language is a guess: not used.
MIN_LANGUAGE_SCORE = 0.8
# Messages this short ("hi", "ok", "thanks") say little about the language: a greeting
# in English from a Thai speaker must not switch the conversation to English.
MIN_LETTERS = 8
# Offer to switch after this many substantial messages in a row in another language.
MESSAGES_BEFORE_OFFER = 2


@dataclass
class Worker:
    language: str
    language_chosen: bool
    work_country: Optional[str]
    home_country: Optional[str]
    intro_shown: bool

    @classmethod
    def from_tracker(cls, tracker: Tracker, library: Library) -> "Worker":
        chosen = tracker.get_slot("language")
        language = chosen if chosen in library.enabled_languages else None
        if language is None:
            detected = written_language(tracker.latest_message)
            language = detected if detected in library.enabled_languages else library.default_language
        return cls(
            language=language,
            language_chosen=chosen in library.enabled_languages,
            work_country=country_code(tracker.get_slot("work_country")),
            home_country=country_code(tracker.get_slot("home_country")),
            intro_shown=bool(tracker.get_slot("intro_shown")),
        )

    def knows(self, need: str) -> bool:
        return bool(getattr(self, need, None))


def country_code(value) -> Optional[str]:
    """'th' / ' TH ' -> 'TH'; anything that is not two letters -> None."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    return code if len(code) == 2 and code.isalpha() else None


def written_language(parse_data: dict) -> Optional[str]:
    """The language a message is clearly written in, or None for short or unclear ones."""
    text = parse_data.get("text") or ""
    if text.startswith("/") or sum(char.isalpha() for char in text) < MIN_LETTERS:
        return None  # a button payload or a very short message
    if (parse_data.get("language_score") or 0) < MIN_LANGUAGE_SCORE:
        return None
    return parse_data.get("language")


def language_to_offer(tracker: Tracker, chosen: str, enabled) -> Optional[str]:
    """Another language the worker has been writing in consistently, if any."""
    recent = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            language = written_language(event.get("parse_data") or {})
            if language is not None:
                recent.append(language)
            if len(recent) == MESSAGES_BEFORE_OFFER:
                break
    if len(recent) == MESSAGES_BEFORE_OFFER and len(set(recent)) == 1:
        language = recent[0]
        if language != chosen and language in enabled:
            return language
    return None
