"""What the assistant knows about the worker it is talking to: language and countries."""
from dataclasses import dataclass
from typing import Optional

from rasa_sdk import Tracker

from bot.content.library import Library

OTHER_COUNTRY = "ZZ"  # ISO 3166 user-assigned code: "a country Mitra has no content for"
# Below this score a detected language is a guess (e.g. "ok", "hi"): not used.
MIN_LANGUAGE_SCORE = 0.8


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
            detected = tracker.latest_message.get("language")
            score = tracker.latest_message.get("language_score") or 0
            language = detected if detected in library.enabled_languages and score >= MIN_LANGUAGE_SCORE \
                else library.default_language
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
