"""Read content/ into a Library: languages, settings, country facts, UI strings, topics.

The loader checks the shape of every file (required and unknown keys, types) and
collects every problem with its file and line; `bot.content.validate` adds the
checks that need the whole library (references, duplicates, budgets).
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import yaml

from bot.content.deployment import Deployment, read_deployment
from bot.content.errors import ContentError, ContentErrors, relative
from bot.content.yamlfile import Node, load_yaml

# A text is one string, or one string per work country with "other" as the default.
Text = Union[str, Dict[str, str]]
OTHER = "other"
STATUSES = ("draft", "reviewed")


@dataclass
class Language:
    code: str
    name: str  # the language's own name for itself, shown on buttons
    english_name: str
    script: str
    enabled: bool
    # Words that, sent alone, end and delete the conversation at once (a watched phone).
    quick_exit: List[str] = field(default_factory=list)


def quick_exit_form(text: Optional[str]) -> str:
    """A message as the quick exit compares it: case, spacing and end punctuation ignored."""
    return " ".join((text or "").casefold().split()).strip(".!? ")


# Fact fields that are text a worker reads: each may be one string for every language or
# a mapping per language ({en: ..., th: ...}). Numbers and addresses (phone, email, url)
# are the same in every language, so they are always one string.
TEXT_FIELDS = ("name", "hours", "note", "value")
MAIN_FIELDS = ("phone", "value", "url", "email", "name")  # what `{key}` renders to, in this order


@dataclass
class Fact:
    key: str
    country: str
    fields: Dict[str, str]  # phone / value / name / hours / url / ...: the default-language text
    source: str
    verified: str
    reliability: str
    file: str
    line: int
    # field -> language -> text, for the text fields written per language (TEXT_FIELDS)
    translations: Dict[str, Dict[str, str]] = field(default_factory=dict)

    def text(self, name: str, lang: Optional[str] = None) -> str:
        """One field in `lang`, else in the default language (`fields`). KeyError if absent."""
        per_language = self.translations.get(name)
        if per_language and lang and per_language.get(lang):
            return per_language[lang]
        return self.fields[name]

    @property
    def main_field(self) -> Optional[str]:
        """The field `{key}` shows: phone, else value, url, email, name."""
        return next((name for name in MAIN_FIELDS if self.fields.get(name)), None)

    def main_in(self, lang: Optional[str] = None) -> str:
        """What `{key}` renders to in `lang`: the number to call, or the value."""
        name = self.main_field
        return self.text(name, lang) if name else ""

    @property
    def main(self) -> str:
        """What `{key}` renders to in the default language."""
        return self.main_in(None)


@dataclass
class Country:
    code: str
    names: Dict[str, str]
    facts: Dict[str, Fact]
    file: str


@dataclass
class Translation:
    lang: str
    status: str
    reviewer: Optional[str]
    reviewed_on: Optional[str]
    text: Text
    line: int


@dataclass
class Topic:
    intent: str
    group: str
    titles: Dict[str, str]
    needs: List[str]
    examples: Dict[str, List[str]]
    answers: Dict[str, Translation]
    follow_up: List[str]
    file: str
    line_of: Any = None  # key -> line, for error messages
    # Words or phrases per language that bring this answer whatever the classifier said
    # (the emergency safety net): matched in lower case, as whole words in spaced scripts.
    keywords: Dict[str, List[str]] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return bool(self.answers)


@dataclass
class UiStrings:
    lang: str
    status: str
    strings: Dict[str, Text]
    file: str
    line_of: Any = None


@dataclass
class Library:
    root: Path
    settings: Dict[str, Any]
    languages: Dict[str, Language]
    countries: Dict[str, Country]
    ui: Dict[str, UiStrings]
    topics: Dict[str, Topic]
    warnings: List[ContentError] = field(default_factory=list)
    # The display name and first message of this deployment (settings.yml, environment).
    deployment: Deployment = field(default_factory=lambda: read_deployment({}, {}))

    @property
    def default_language(self) -> str:
        return self.settings.get("default_language", "en")

    @property
    def enabled_languages(self) -> List[str]:
        return [code for code, lang in self.languages.items() if lang.enabled]

    @property
    def work_countries(self) -> List[str]:
        return list(self.settings.get("work_countries", []))

    @property
    def home_countries(self) -> List[str]:
        return list(self.settings.get("home_countries", []))

    def display_name(self, lang: Optional[str] = None) -> str:
        """What the assistant is called in `lang` (the web chat uses the default language's)."""
        return self.deployment.name(lang, self.default_language)

    def quick_exit_word(self, lang: Optional[str] = None) -> str:
        """The quick-exit word to teach a worker writing in `lang` (else the default language's)."""
        for code in (lang, self.default_language):
            language = self.languages.get(code or "")
            if language is not None and language.quick_exit:
                return language.quick_exit[0]
        return next((w for language in self.languages.values() for w in language.quick_exit), "")

    def topics_in_group(self, group: str) -> List[Topic]:
        return [t for t in self.topics.values() if t.group == group and t.answered]


class _Reader:
    """Collects errors while reading files, so an editor sees all of them at once."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: List[ContentError] = []

    def error(self, path: Path, line: Optional[int], message: str, fix: str = "") -> None:
        self.errors.append(ContentError(relative(path, self.root), line, message, fix))

    def load(self, path: Path) -> Optional[Any]:
        try:
            return load_yaml(path)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.error(path, line, f"this is not valid YAML ({problem})",
                       "check indentation (spaces, not tabs) and that text with ':' is in quotes")
        except UnicodeDecodeError:
            self.error(path, None, "this file is not UTF-8 text", "save it as UTF-8")
        except OSError as exc:
            self.error(path, None, f"cannot read the file ({exc.strerror})")
        return None

    def mapping(self, path: Path, data: Any, required: Dict[str, type], optional: Dict[str, type],
                what: str) -> bool:
        """Check a mapping's keys and value types; True when it can be used."""
        if not isinstance(data, dict):
            self.error(path, getattr(data, "line", None), f"{what} must be a mapping of 'key: value' lines")
            return False
        ok = True
        line_of = data.line_of if isinstance(data, Node) else (lambda _k: None)
        for key in data:
            if key not in required and key not in optional:
                allowed = ", ".join(sorted({**required, **optional}))
                self.error(path, line_of(key), f"unknown key '{key}' in {what}",
                           f"remove it or fix its spelling; allowed keys: {allowed}")
                ok = False
        for key, kind in required.items():
            if data.get(key) in (None, "", [], {}):
                self.error(path, getattr(data, "line", None), f"{what} is missing '{key}'",
                           f"add a line '{key}: ...'")
                ok = False
        for key, kind in {**required, **optional}.items():
            value = data.get(key)
            if value is not None and not isinstance(value, kind):
                self.error(path, line_of(key), f"'{key}' in {what} has the wrong type",
                           f"it must be {_type_name(kind)}")
                ok = False
        return ok


def _type_name(kind: Any) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", dict: "a mapping", list: "a list", bool: "true or false"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def load_library(root: Union[str, Path]) -> Library:
    """Load content/. Raises ContentErrors listing every problem if it cannot go live."""
    root = Path(root)
    reader = _Reader(root)
    settings = _load_settings(reader, root / "settings.yml")
    languages = _load_languages(reader, root / "languages.yml")
    default_lang = str(settings.get("default_language") or "en")
    countries = {c.code: c for c in (_load_country(reader, p, default_lang)
                                     for p in sorted(root.glob("facts/*.yml"))) if c}
    ui = {u.lang: u for u in (_load_ui(reader, p) for p in sorted(root.glob("ui/*.yml"))) if u}
    topics = {t.intent: t for t in (_load_topic(reader, p) for p in sorted(root.glob("topics/*.yml"))) if t}
    if reader.errors:
        raise ContentErrors(reader.errors)
    return Library(root, settings, languages, countries, ui, topics, deployment=read_deployment(settings))


def _load_settings(reader: _Reader, path: Path) -> Dict[str, Any]:
    data = reader.load(path)
    if data is None:
        return {}
    reader.mapping(path, data, {"default_language": str, "work_countries": list, "home_countries": list},
                   {"fact_max_age_days": str, "answer_budgets": dict, "max_message_chars": str,
                    "handoff_reply_hours": str, "deployment": dict},
                   "settings.yml")
    if isinstance(data, dict) and isinstance(data.get("deployment"), dict):
        reader.mapping(path, data["deployment"], {}, {"name": (str, dict), "first_message": str},
                       "the deployment settings")
    return dict(data) if isinstance(data, dict) else {}


def _load_languages(reader: _Reader, path: Path) -> Dict[str, Language]:
    data = reader.load(path)
    if data is None or not reader.mapping(path, data, {"languages": list}, {}, "languages.yml"):
        return {}
    result = {}
    for item in data["languages"]:
        if reader.mapping(path, item, {"code": str, "name": str, "english_name": str, "script": str},
                          {"enabled": str, "quick_exit": list}, "a language"):
            enabled = str(item.get("enabled", "true")).lower() == "true"
            result[item["code"]] = Language(item["code"], item["name"], item["english_name"],
                                            item["script"], enabled, [str(w) for w in item.get("quick_exit") or []])
    return result


def _load_country(reader: _Reader, path: Path, default_lang: str = "en") -> Optional[Country]:
    data = reader.load(path)
    if data is None or not reader.mapping(path, data, {"country": str, "name": dict}, {"facts": dict},
                                          f"the country file"):
        return None
    code = data["country"]
    if path.stem != code:
        reader.error(path, data.line_of("country"), f"the file says country '{code}' but is named {path.name}",
                     f"rename the file to {code}.yml or fix 'country'")
    facts = {}
    for key, item in (data.get("facts") or {}).items():
        if not reader.mapping(path, item, {"source": str, "verified": str},
                              {"phone": str, "value": (str, dict), "name": (str, dict), "hours": (str, dict),
                               "url": str, "email": str, "languages": list, "reliability": str,
                               "note": (str, dict), "effective": str},
                              f"fact '{key}'"):
            continue
        fields = {k: v for k, v in item.items() if isinstance(v, str)}
        translations = {}
        for name in TEXT_FIELDS:
            per_language = item.get(name)
            if not isinstance(per_language, dict):
                continue
            bad = [lang for lang, text in per_language.items() if not isinstance(text, str) or not text.strip()]
            for lang in bad:
                reader.error(path, per_language.line_of(lang), f"fact '{key}': '{name}' in '{lang}' must be text",
                             f"write '{lang}: \"...\"', or remove the line")
            translations[name] = {lang: text for lang, text in per_language.items() if lang not in bad}
            # Without a default-language text (the validator says so) the first one stands in,
            # so references to the field still resolve.
            fields[name] = translations[name].get(default_lang) or next(iter(translations[name].values()), "")
        facts[key] = Fact(key, code, fields, item["source"], item["verified"],
                          item.get("reliability", "unverified"), relative(path, reader.root), item.line,
                          translations)
    for lang, text in data["name"].items():
        if not isinstance(text, str) or not text.strip():
            reader.error(path, data["name"].line_of(lang), f"the country name in '{lang}' must be text",
                         f"write '{lang}: ...' with the country's name, or remove the line")
    names = {lang: text for lang, text in data["name"].items() if isinstance(text, str) and text.strip()}
    return Country(code, names, facts, relative(path, reader.root))


def _load_ui(reader: _Reader, path: Path) -> Optional[UiStrings]:
    data = reader.load(path)
    if data is None or not reader.mapping(path, data, {"language": str, "status": str, "strings": dict},
                                          {"reviewer": str, "reviewed_on": str}, "the UI strings file"):
        return None
    if data["status"] not in STATUSES:
        reader.error(path, data.line_of("status"), f"status '{data['status']}' is not known",
                     "use 'draft' or 'reviewed'")
    strings = data["strings"]
    return UiStrings(data["language"], data["status"], dict(strings), relative(path, reader.root),
                     strings.line_of)


def _load_topic(reader: _Reader, path: Path) -> Optional[Topic]:
    data = reader.load(path)
    if data is None or not reader.mapping(
            path, data, {"intent": str, "examples": dict},
            {"group": str, "title": dict, "needs": list, "answers": dict, "follow_up": list,
             "keywords": dict},
            "the topic file"):
        return None
    intent = data["intent"]
    if path.stem != intent:
        reader.error(path, data.line_of("intent"), f"the file says intent '{intent}' but is named {path.name}",
                     f"rename the file to {intent}.yml or fix 'intent'")
    answers = {}
    for lang, item in (data.get("answers") or {}).items():
        if not reader.mapping(path, item, {"status": str, "text": (str, dict)},
                              {"reviewer": str, "reviewed_on": str}, f"the '{lang}' answer"):
            continue
        if item["status"] not in STATUSES:
            reader.error(path, item.line_of("status"), f"status '{item['status']}' is not known",
                         "use 'draft' or 'reviewed'")
        answers[lang] = Translation(lang, item["status"], item.get("reviewer"), item.get("reviewed_on"),
                                    _plain(item["text"]), item.line_of("text"))
    examples = {lang: [str(e) for e in (items or [])] for lang, items in data["examples"].items()}
    keywords = {lang: [str(k) for k in (items or [])] for lang, items in (data.get("keywords") or {}).items()}
    return Topic(intent, data.get("group", "conversation"), dict(data.get("title") or {}),
                 list(data.get("needs") or []), examples, answers, list(data.get("follow_up") or []),
                 relative(path, reader.root), data.line_of, keywords)


def _plain(text: Text) -> Text:
    return dict(text) if isinstance(text, dict) else text
