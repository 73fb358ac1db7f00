"""Turn content into the words a worker reads, for their language and countries.

Texts refer to facts by key: `{labour_hotline}` is the work country's labour hotline
number, `{labour_hotline.hours}` one of its fields, `{home.hotline}` a fact of the
home country, `{TH.police}` a fact of a named country, `{country}` the work country's name. A fact is written once, in
content/facts/, so a number can never differ between languages.
"""
import string
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from bot.content.library import OTHER, Country, Fact, Library, Text, Topic


class MissingFact(KeyError):
    """A text refers to a fact the country does not have."""


@dataclass
class Rendered:
    text: str
    language: str  # the language actually used (English when a translation is missing)
    translation_missing: bool = False
    buttons: List[Dict[str, str]] = field(default_factory=list)


class _FactView:
    """What `{key}` sees: the fact's main value, with its other fields as attributes."""

    def __init__(self, fact: Fact):
        self._fact = fact

    def __getattr__(self, name: str) -> str:
        try:
            return self._fact.fields[name]
        except KeyError:
            raise MissingFact(f"{self._fact.key}.{name}") from None

    def __format__(self, spec: str) -> str:
        return format(self._fact.main, spec)


class _Facts(dict):
    """The mapping that str.format_map reads: work-country facts, plus `home` and names."""

    def __init__(self, library: Library, lang: str, work: Optional[str], home: Optional[str]):
        super().__init__()
        self._country = library.countries.get(work or "")
        self._home = library.countries.get(home or "")
        self._library = library
        self._lang = lang
        self._default_lang = library.default_language

    def _name(self, country: Optional[Country]) -> str:
        if country is None:
            return ""
        return country.names.get(self._lang) or country.names.get(self._default_lang, country.code)

    def __missing__(self, key: str):
        if key == "country":
            return self._name(self._country)
        if key == "home_country":
            return self._name(self._home)
        if key == "home":
            return _CountryFacts(self._home)
        if key in self._library.countries:  # e.g. {TH.police}: a named country's fact
            return _CountryFacts(self._library.countries[key])
        return _CountryFacts(self._country).get(key)


class _CountryFacts:
    def __init__(self, country: Optional[Country]):
        self._country = country

    def get(self, key: str) -> _FactView:
        if self._country is None or key not in self._country.facts:
            where = self._country.code if self._country else "an unknown country"
            raise MissingFact(f"{key} (for {where})")
        return _FactView(self._country.facts[key])

    __getattr__ = get


def pick_variant(text: Text, work_country: Optional[str]) -> Optional[str]:
    """The text for this work country, else the 'other' text, else None."""
    if isinstance(text, str):
        return text
    return text.get(work_country or "") or text.get(OTHER)


def fill(text: str, library: Library, lang: str, work: Optional[str], home: Optional[str]) -> str:
    """Put the facts into a text. Raises MissingFact when a referenced fact is absent."""
    return string.Formatter().vformat(text, (), _Facts(library, lang, work, home)).strip()


def placeholders(text: str) -> List[str]:
    """The fact references in a text, e.g. ['labour_hotline', 'home.hotline']."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def ui_text(library: Library, key: str, lang: str, work: Optional[str] = None,
            home: Optional[str] = None, **values: str) -> str:
    """A UI string in the worker's language, falling back to the default language."""
    for code in (lang, library.default_language):
        strings = library.ui.get(code)
        if strings and key in strings.strings:
            variant = pick_variant(strings.strings[key], work)
            if variant is not None:
                return fill(_with_values(variant, values), library, code, work, home)
    raise KeyError(f"UI string '{key}' is missing")


def _with_values(text: str, values: Dict[str, str]) -> str:
    # Values given by code (e.g. a language name) are put in before the facts.
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def topic_title(library: Library, topic: Topic, lang: str) -> str:
    return topic.titles.get(lang) or topic.titles.get(library.default_language) or topic.intent


def render_topic(library: Library, topic: Topic, lang: str, work: Optional[str],
                 home: Optional[str]) -> Rendered:
    """The answer to a topic in the worker's language (or the default language, flagged)."""
    used = lang if lang in topic.answers else library.default_language
    translation = topic.answers[used]
    variant = pick_variant(translation.text, work)
    if variant is None:
        raise MissingFact(f"no answer for {work} and no 'other' answer")
    text = fill(variant, library, used, work, home)
    buttons = [{"title": topic_title(library, library.topics[name], lang), "payload": f"/{name}"}
               for name in topic.follow_up if name in library.topics]
    return Rendered(text, used, used != lang, buttons)
