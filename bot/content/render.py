"""Turn content into the words a worker reads, for their language and countries.

Texts refer to facts by key: `{labour_hotline}` is the work country's labour hotline
number, `{labour_hotline.hours}` one of its fields, `{home.hotline}` a fact of the
home country, `{TH.police}` a fact of a named country, `{country}` the work country's name,
`{bot_name}` this deployment's display name and `{quick_exit_word}` the quick-exit word of the
text's language (see bot/content/deployment.py). A fact is written once, in
content/facts/, so a number can never differ between languages. A fact's text fields (name,
hours, note, value) may be written per language; each reference picks the language of the
text being filled (the worker's, or the default language when the answer falls back to it).
"""
import string
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Set, Tuple

from bot.content.library import OTHER, TEXT_FIELDS, Country, Fact, Library, Text, Topic


class MissingFact(KeyError):
    """A text refers to a fact the country does not have."""


# Names every text may use that are not facts: how this deployment presents itself.
PRESENTATION_NAMES = ("bot_name", "quick_exit_word")


@dataclass
class Rendered:
    text: str
    language: str  # the language actually used (English when a translation is missing)
    translation_missing: bool = False
    buttons: List[Dict[str, str]] = field(default_factory=list)


class _FactView:
    """What `{key}` sees: the fact's main value, with its other fields as attributes, in one language."""

    def __init__(self, fact: Fact, lang: Optional[str]):
        self._fact = fact
        self._lang = lang

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._fact.text(name, self._lang)
        except KeyError:
            raise MissingFact(f"{self._fact.key}.{name}") from None

    def __format__(self, spec: str) -> str:
        return format(self._fact.main_in(self._lang), spec)


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
        if key == "bot_name":
            return self._library.display_name(self._lang)
        if key == "quick_exit_word":
            return self._library.quick_exit_word(self._lang)
        if key == "home":
            return _CountryFacts(self._home, self._lang)
        if key in self._library.countries:  # e.g. {TH.police}: a named country's fact
            return _CountryFacts(self._library.countries[key], self._lang)
        return _CountryFacts(self._country, self._lang).get(key)


class _CountryFacts:
    def __init__(self, country: Optional[Country], lang: Optional[str]):
        self._country = country
        self._lang = lang

    def get(self, key: str) -> _FactView:
        if key.startswith("_"):
            raise AttributeError(key)
        if self._country is None or key not in self._country.facts:
            where = self._country.code if self._country else "an unknown country"
            raise MissingFact(f"{key} (for {where})")
        return _FactView(self._country.facts[key], self._lang)

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


def shown_fact_fields(library: Library) -> Set[Tuple[str, str, str]]:
    """(country, fact key, field) of every fact text field (TEXT_FIELDS) that some answer or
    UI string can show a worker: these are the fact texts worth translating."""
    shown: Set[Tuple[str, str, str]] = set()
    for variant_key, text in _all_texts(library):
        try:
            names = placeholders(text)
        except ValueError:  # a broken brace: the validator reports it
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "home":
                countries, parts = library.home_countries, parts[1:]
            elif parts[0] in library.countries:
                countries, parts = [parts[0]], parts[1:]
            else:
                countries = [variant_key] if variant_key else []
            for code in countries:
                country = library.countries.get(code)
                fact = country.facts.get(parts[0]) if country and parts else None
                if fact is None:
                    continue
                field_name = parts[1] if len(parts) > 1 else fact.main_field
                if field_name in TEXT_FIELDS and field_name in fact.fields:
                    shown.add((code, fact.key, field_name))
    return shown


def _all_texts(library: Library) -> Iterator[Tuple[Optional[str], str]]:
    """(work country of the variant, or None, text) of every answer and UI string, all languages."""
    texts: List[Text] = [t.text for topic in library.topics.values() for t in topic.answers.values()]
    texts += [text for ui in library.ui.values() for text in ui.strings.values()]
    for text in texts:
        if isinstance(text, str):
            yield None, text
        elif isinstance(text, dict):
            for key, variant in text.items():
                if isinstance(variant, str):
                    yield (None if key == OTHER else key), variant


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
