"""Checks that need the whole content library: references, duplicates, dates, budgets.

`validate(content_dir)` returns every problem as a ContentError (severity "error" or
"warning") naming the file, the line and a fix. Problems with a file's shape (YAML
syntax, unknown keys, missing fields, unknown status) come from `load_library`; when
those exist the deeper checks are skipped, since they need a library that loads.

Defaults when settings.yml leaves them out (documented in content/README.md):
- fact_max_age_days: 180
- answer_budgets: {sms: 640, default: 1000} characters of rendered answer. An answer
  longer than the smallest budget is a warning (some channel splits or cuts it); longer
  than `default` is an error.
"""
import datetime
import difflib
import re
import string
import unicodedata
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

import yaml

from bot.content.deployment import MAX_NAME_CHARS
from bot.content.errors import ContentError, ContentErrors
from bot.content.library import OTHER, Library, Text, load_library, quick_exit_form
from bot.content.render import PRESENTATION_NAMES, MissingFact, fill, placeholders
from bot.content.yamlfile import Node, NodeList, load_yaml
from bot.privacy.self_check import INDICATORS

# UI strings that the assistant's code asks for by key; the default language must have all
# (the deployment's first message is checked with the deployment: check_deployment).
REQUIRED_UI_STRINGS = (
    "intro", "ask_language", "language_set", "ask_work_country", "ask_home_country",
    "country_other", "country_set", "country_set_other", "menu", "menu_group",
    "group_before_leaving", "group_rights_at_work", "group_complaints", "group_get_help",
    "group_learn", "menu_button", "fallback", "emergency_line", "translation_missing",
    "empty_message", "long_message", "unreadable_message", "offer_language",
    "delete_confirm", "delete_yes", "delete_no", "delete_done", "delete_cancelled", "quick_exit_done",
    "zawgyi_note",
    "handoff_offer", "handoff_yes", "handoff_no", "handoff_opened", "handoff_queued", "handoff_declined",
    "handoff_sent", "handoff_sent_later", "handoff_paused", "handoff_left", "handoff_closed",
    "handoff_from_team", "handoff_back_button", "handoff_signs",
    # the ILO self-check (bot/actions/self_check.py)
    "self_check_yes", "self_check_no", "self_check_dont_know", "self_check_skip", "self_check_stop",
    *(f"self_check_{kind}_{key}" for kind in ("q", "sign") for key in INDICATORS),
    "self_check_hint", "self_check_found", "self_check_meaning", "self_check_none", "self_check_unsure",
    "self_check_referral", "self_check_embassy", "self_check_consent", "self_check_keep",
    "self_check_dont_keep", "self_check_kept", "self_check_deleted", "self_check_stopped",
    "self_check_person", "self_check_person_button",
)
# Values that code puts into UI strings itself (ui_text(..., language="Thai")).
UI_VALUES = ("language", "shared", "hours", "count")
# Names every text may use: filled from the worker's countries, not from a fact.
COUNTRY_NAMES = ("country", "home_country")
KNOWN_NEEDS = ("work_country", "home_country")
RELIABILITIES = ("official", "secondary", "unverified")  # the report lists 'unverified' facts
DEFAULT_FACT_MAX_AGE_DAYS = 180
DEFAULT_ANSWER_BUDGETS = {"sms": 640, "default": 1000}
CONVERSATION_GROUP = "conversation"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
# One number as people write it: 400, 100,000 or 100.000 (Indonesian), 1,00,000 (South Asian
# grouping). A separator followed by other than a group of 2-3 digits splits numbers, so
# 08:30, 08.30 and 1.5 are two numbers each, in every language alike.
_NUMBER = re.compile(r"[0-9]+(?:[,.\u00a0\u202f](?:[0-9]{2}[,.\u00a0\u202f])*[0-9]{3}(?![0-9]))*")


def validate(library_or_root: Union[Library, str, Path], domain_path: Union[str, Path] = "domain.yml",
             today: Optional[datetime.date] = None) -> List[ContentError]:
    """Every problem in the content, in file and line order (an error before a warning on one line).

    `domain_path` may be relative to the working directory or to the folder above content/.
    """
    if isinstance(library_or_root, Library):
        library = library_or_root
    else:
        try:
            library = load_library(library_or_root)
        except ContentErrors as exc:
            return list(exc.errors)
    checker = _Checker(library, today or datetime.date.today())
    checker.run(_find_domain(domain_path, library.root))
    return sorted(library.warnings + checker.problems,
                  key=lambda e: (e.file, e.line or 0, e.severity != "error"))


def errors_only(problems: Iterable[ContentError]) -> List[ContentError]:
    return [p for p in problems if p.severity == "error"]


def _find_domain(domain_path: Union[str, Path], root: Path) -> Path:
    path = Path(domain_path)
    if not path.is_absolute() and not path.exists() and (root.parent / path).exists():
        return root.parent / path
    return path


class _Source:
    """Re-reads content files to find the line of a nested key (the loader keeps only top lines)."""

    def __init__(self, root: Path):
        self.root = root
        self._data: Dict[str, Any] = {}
        self._lines: Dict[str, List[str]] = {}

    def path(self, file: str) -> Path:
        path = Path(file)
        return path if path.is_absolute() else self.root.parent / path

    def line(self, file: str, *keys: Any) -> Optional[int]:
        if file not in self._data:
            try:
                self._data[file] = load_yaml(self.path(file))
            except (OSError, yaml.YAMLError, UnicodeDecodeError):
                self._data[file] = None
        node = self._data[file]
        line = getattr(node, "line", None)
        for key in keys:
            if isinstance(node, Node) and key in node:
                line = node.line_of(key)
                node = node[key]
            elif isinstance(node, NodeList) and isinstance(key, int) and key < len(node):
                line = node.line_of(key)
                node = node[key]
            else:
                break
        return line

    def find(self, file: str, start: Optional[int], needle: str) -> Optional[int]:
        """The first line at or after `start` that contains `needle` (for a word inside a text)."""
        if file not in self._lines:
            try:
                self._lines[file] = self.path(file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[file] = []
        lines = self._lines[file]
        first = (start or 1) - 1
        for number in range(first, min(len(lines), first + 200)):
            if needle in lines[number]:
                return number + 1
        return start


def _variants(text: Text) -> Iterator[Tuple[Optional[str], str]]:
    """(work country or 'other', text) for each variant; (None, text) for one text for all."""
    if isinstance(text, str):
        yield None, text
    else:
        for key, value in text.items():
            yield key, value if isinstance(value, str) else ""


class _Checker:
    def __init__(self, library: Library, today: datetime.date):
        self.lib = library
        self.today = today
        self.src = _Source(library.root)
        self.problems: List[ContentError] = []

    def error(self, file: str, line: Optional[int], message: str, fix: str = "") -> None:
        self.problems.append(ContentError(file, line, message, fix, "error"))

    def warning(self, file: str, line: Optional[int], message: str, fix: str = "") -> None:
        self.problems.append(ContentError(file, line, message, fix, "warning"))

    def run(self, domain: Path) -> None:
        self.check_settings()
        self.check_deployment()
        self.check_quick_exit()
        self.check_facts()
        self.check_ui()
        self.check_topics()
        self.check_duplicate_examples()
        self.check_intents(domain)

    # settings.yml ---------------------------------------------------------------------
    def _settings_file(self) -> str:
        return str(Path(self.lib.root.name) / "settings.yml")

    def _int_setting(self, key: str, default: int) -> int:
        value = self.lib.settings.get(key)
        if value is None:
            return default
        if str(value).strip().isdigit() and int(value) > 0:
            return int(value)
        self.error(self._settings_file(), self.src.line(self._settings_file(), key),
                   f"'{key}' must be a whole number above 0, not '{value}'", f"write e.g. '{key}: {default}'")
        return default

    def check_settings(self) -> None:
        file = self._settings_file()
        self.max_age = self._int_setting("fact_max_age_days", DEFAULT_FACT_MAX_AGE_DAYS)
        self.budgets = dict(DEFAULT_ANSWER_BUDGETS)
        given = self.lib.settings.get("answer_budgets")
        if given:
            self.budgets = {}
            for channel, value in given.items():
                if str(value).strip().isdigit() and int(value) > 0:
                    self.budgets[channel] = int(value)
                else:
                    self.error(file, self.src.line(file, "answer_budgets", channel),
                               f"answer budget '{channel}' must be a number of characters, not '{value}'",
                               f"write e.g. '{channel}: 1000'")
            self.budgets.setdefault("default", DEFAULT_ANSWER_BUDGETS["default"])
        default = self.lib.default_language
        if default not in self.lib.languages:
            self.error(file, self.src.line(file, "default_language"),
                       f"default_language '{default}' is not in languages.yml",
                       "use one of: " + ", ".join(self.lib.languages))
        for index, code in enumerate(self.lib.work_countries):
            if code not in self.lib.countries:
                self.warning(file, self.src.line(file, "work_countries", index),
                             f"work country '{code}' has no facts file, so its answers cannot give numbers",
                             f"add content/facts/{code}.yml")

    # settings.yml deployment: and languages.yml quick_exit: ------------------------------
    def _deployment_origin(self, setting: str, *keys: str) -> Tuple[str, Optional[int], str]:
        """(file, line, what) of a deployment setting: settings.yml, or the environment variable."""
        variable = self.lib.deployment.from_env.get(setting)
        if variable:
            return "environment", None, f"{variable} (which overrides deployment {setting} in settings.yml)"
        file = self._settings_file()
        return file, self.src.line(file, "deployment", setting, *keys), f"deployment {setting}"

    def check_deployment(self) -> None:
        """The display name and first message: every text and the web chat show them."""
        deployment, default = self.lib.deployment, self.lib.default_language
        for lang, name in deployment.names.items():
            file, line, what = self._deployment_origin("name", *([lang] if lang else []))
            if lang and not self._check_language_code(file, line, lang, what):
                continue
            label = f"{what} ({lang})" if lang else what
            if not name.strip():
                self.error(file, line, f"{label} is empty", "write the name the chat should show, e.g. name: Mitra")
            elif "\n" in name.strip() or len(name.strip()) > MAX_NAME_CHARS:
                self.error(file, line, f"{label} must be one short line (at most {MAX_NAME_CHARS} characters)",
                           "shorten it: it is shown in the browser tab and the chat header")
        if "" not in deployment.names and default not in deployment.names:
            file, line, what = self._deployment_origin("name")
            self.error(file, line, f"{what} has no '{default}' name, which is the fallback",
                       f"add '{default}: ...' under name:, or give one name for every language")
        key = deployment.first_message
        file, line, what = self._deployment_origin("first_message")
        ui = self.lib.ui.get(default)
        if ui is None:
            return  # check_ui reports the missing file
        if not key.strip() or key not in ui.strings:
            intros = [k for k in ui.strings if k.startswith("intro")]
            self.error(file, line, f"{what} '{key}' is not a UI string of ui/{default}.yml",
                       "name a string under 'strings:' in the ui files"
                       + (f", e.g. {' or '.join(intros)}" if intros else "")
                       + f", or add '{key}: ...' to every ui/LANG.yml")
            return
        for code in self.lib.enabled_languages:
            other = self.lib.ui.get(code)
            if code != default and other is not None and key not in other.strings:
                self.warning(other.file, self.src.line(other.file, "strings"),
                             f"the first message '{key}' ({what}) is not in this language, so workers "
                             f"writing {code} get the {default} text", f"add '{key}: ...' under 'strings:'")

    def check_quick_exit(self) -> None:
        """A quick-exit word deletes the whole chat: it must be something a worker would
        never send on its own for another reason, such as a whole example question."""
        file = str(Path(self.lib.root.name) / "languages.yml")
        asked = {}
        for topic in self.lib.topics.values():
            for examples in topic.examples.values():
                for example in examples:
                    asked.setdefault(quick_exit_form(example), topic.intent)
        for index, language in enumerate(self.lib.languages.values()):
            for word_index, word in enumerate(language.quick_exit):
                line = self.src.line(file, "languages", index, "quick_exit", word_index)
                if not quick_exit_form(word):
                    self.error(file, line, f"a quick-exit word of '{language.code}' is empty",
                               "write the word, or remove the empty item")
                elif quick_exit_form(word) in asked:
                    self.error(file, line, f"quick-exit word '{word}' is also a whole example question of "
                               f"'{asked[quick_exit_form(word)]}': a worker asking it would lose the chat",
                               "choose another quick-exit word, or remove that example")

    # facts/CC.yml -----------------------------------------------------------------------
    def check_facts(self) -> None:
        for country in self.lib.countries.values():
            self._check_country_names(country)
            for fact in country.facts.values():
                self._check_fact(fact)
                for name, texts in fact.translations.items():
                    self._check_fact_texts(fact, name, texts)

    def _check_language_code(self, file: str, line: Optional[int], lang: str, what: str) -> bool:
        if lang in self.lib.languages:
            return True
        close = difflib.get_close_matches(lang, self.lib.languages, 1)
        self.error(file, line, f"{what}: language '{lang}' is not in languages.yml",
                   (f"did you mean '{close[0]}'? " if close else "")
                   + "use a code from languages.yml (" + ", ".join(self.lib.languages) + ")")
        return False

    def _check_country_names(self, country) -> None:
        default = self.lib.default_language
        for lang in country.names:
            self._check_language_code(country.file, self.src.line(country.file, "name", lang), lang,
                                      f"the name of {country.code}")
        if default not in country.names:
            self.error(country.file, self.src.line(country.file, "name"),
                       f"the name of {country.code} has no '{default}' text, which is the fallback",
                       f"add '{default}: ...' under 'name:'")

    def _check_fact_texts(self, fact, name: str, texts: Dict[str, str]) -> None:
        """A field written per language: known languages, the default one among them, and the
        same numbers in each, so a translation can never change a wage, a fine or an hour."""
        default = self.lib.default_language
        what = f"fact '{fact.key}' {name}"
        for lang in texts:
            self._check_language_code(fact.file, self.src.line(fact.file, "facts", fact.key, name, lang), lang, what)
        if default not in texts:
            self.error(fact.file, self.src.line(fact.file, "facts", fact.key, name),
                       f"{what} is written per language but has no '{default}' text, which is the fallback",
                       f"add '{default}: ...' to it (or write it as one text for every language)")
            return
        expected = fact_numbers(texts[default])
        for lang, text in texts.items():
            if lang == default:
                continue
            found = fact_numbers(text)
            if not same_numbers(text, texts[default]):
                self.error(fact.file, self.src.line(fact.file, "facts", fact.key, name, lang),
                           f"{what}: the '{lang}' text has the numbers {_listed(found)}, "
                           f"the '{default}' text has {_listed(expected)}",
                           f"write the same numbers as the '{default}' text ({_listed(expected)}); your own "
                           "digits and word order are fine, but a number must never change, go or come")

    def _check_fact(self, fact) -> None:
        line = lambda key: self.src.line(fact.file, "facts", fact.key, key)  # noqa: E731
        verified = fact.verified.strip()
        date = _parse_date(verified)
        if date is None:
            self.error(fact.file, line("verified"),
                       f"fact '{fact.key}': verified '{verified}' is not a date",
                       "write the date you last checked the source as YYYY-MM-DD, e.g. verified: \"2026-11-01\"")
        elif date > self.today:
            self.warning(fact.file, line("verified"), f"fact '{fact.key}': verified date {verified} is in the future",
                         "write the date you last checked the source")
        elif (self.today - date).days > self.max_age:
            self.warning(fact.file, line("verified"),
                         f"fact '{fact.key}' was last verified {verified}, "
                         f"{(self.today - date).days} days ago (limit {self.max_age})",
                         "check the source again, then update 'verified' to today's date")
        if fact.reliability not in RELIABILITIES:
            self.error(fact.file, line("reliability"), f"fact '{fact.key}': reliability '{fact.reliability}' "
                       "is not known", "use " + ", ".join(RELIABILITIES))
        phone = fact.fields.get("phone")
        if phone is not None and not _valid_phone(phone):
            self.error(fact.file, line("phone"), f"fact '{fact.key}': '{phone}' is not a phone number",
                       "use only digits, spaces, hyphens, brackets and a leading +, e.g. \"+66 2 123 4567\"")

    # ui/LANG.yml ------------------------------------------------------------------------
    def check_ui(self) -> None:
        default = self.lib.default_language
        for lang, ui in self.lib.ui.items():
            if Path(ui.file).stem != lang:
                self.error(ui.file, self.src.line(ui.file, "language"),
                           f"the file says language '{lang}' but is named {Path(ui.file).name}",
                           f"rename the file to {lang}.yml or fix 'language'")
            if lang not in self.lib.languages:
                self.error(ui.file, self.src.line(ui.file, "language"), f"language '{lang}' is not in languages.yml",
                           "add it to languages.yml or fix the code")
            for key, text in ui.strings.items():
                if not isinstance(text, (str, dict)):
                    self.error(ui.file, ui.line_of(key), f"UI string '{key}' must be text or one text per country",
                               "write 'key: \"text\"' or TH:/MY:/other: lines under it")
                    continue
                if lang != default and default in self.lib.ui and key not in self.lib.ui[default].strings:
                    self.warning(ui.file, ui.line_of(key), f"UI string '{key}' is not in the {default} file, "
                                 "so it is never used", f"remove it or fix its name")
                # another language's string may lack a country: ui_text falls back to the default's
                self._check_text(ui.file, ("strings", key), text, f"UI string '{key}'", UI_VALUES,
                                 needs_country=False, complete=lang == default)
        ui = self.lib.ui.get(default)
        if ui is None:
            self.error(str(Path(self.lib.root.name) / "ui" / f"{default}.yml"), None,
                       f"there is no UI strings file for the default language '{default}'",
                       f"create ui/{default}.yml with: " + ", ".join(REQUIRED_UI_STRINGS))
            return
        missing = [key for key in REQUIRED_UI_STRINGS if key not in ui.strings]  # first message: check_deployment
        if missing:
            self.error(ui.file, self.src.line(ui.file, "strings"),
                       "UI strings the assistant needs are missing: " + ", ".join(missing),
                       "add a line for each under 'strings:' (see content/README.md)")

    # topics/INTENT.yml ------------------------------------------------------------------
    def check_topics(self) -> None:
        for topic in self.lib.topics.values():
            self._check_topic(topic)

    def _check_topic(self, topic) -> None:
        file, default = topic.file, self.lib.default_language
        for index, need in enumerate(topic.needs):
            if need not in KNOWN_NEEDS:
                self.error(file, self.src.line(file, "needs", index), f"'needs' has unknown item '{need}'",
                           "use " + " and/or ".join(KNOWN_NEEDS))
        if topic.group != CONVERSATION_GROUP:
            ui = self.lib.ui.get(default)
            if ui is not None and f"group_{topic.group}" not in ui.strings:
                groups = [k[len("group_"):] for k in ui.strings if k.startswith("group_")]
                self.error(file, topic.line_of("group"), f"group '{topic.group}' is not a menu group",
                           "use one of: " + ", ".join(groups + [CONVERSATION_GROUP]))
            if topic.answered and default not in topic.titles:
                self.warning(file, topic.line_of("title"), f"topic has no {default} title for the menu",
                             f"add 'title:' with '{default}: ...'")
        for section, keys in (("title", topic.titles), ("examples", topic.examples), ("answers", topic.answers)):
            for lang in keys:
                if lang not in self.lib.languages:
                    self.error(file, self.src.line(file, section, lang), f"language '{lang}' in {section} "
                               "is not in languages.yml",
                               "use a code from languages.yml (" + ", ".join(self.lib.languages) + ")")
        if topic.answers and default not in topic.answers:
            self.error(file, topic.line_of("answers"), f"topic has answers but none in the default language "
                       f"'{default}', which is the fallback", f"add an '{default}:' answer")
        for index, name in enumerate(topic.follow_up):
            line = self.src.line(file, "follow_up", index)
            if name not in self.lib.topics:
                close = difflib.get_close_matches(name, self.lib.topics, 1)
                self.error(file, line, f"follow_up names unknown topic '{name}'",
                           f"did you mean '{close[0]}'?" if close else "use the name of a file in topics/")
            elif not self.lib.topics[name].answered and not self.lib.topics[name].titles:
                # A topic without an answer of its own (e.g. delete_my_data, handled by an
                # action) still makes a good button, as long as it has a title to show.
                self.warning(file, line, f"follow_up topic '{name}' has no answer and no title",
                             "give it a title, or remove it from follow_up")
        for lang, translation in topic.answers.items():
            where = ("answers", lang, "text")
            if "home_country" not in topic.needs and _uses_home(translation.text):
                self.error(file, self.src.line(file, *where), f"the '{lang}' answer uses {{home...}} facts but the "
                           "topic does not ask for the home country", "add home_country to 'needs:'")
            self._check_text(file, where, translation.text, f"the '{lang}' answer", (),
                             needs_country="work_country" in topic.needs)
            self._check_budget(file, where, translation.text, lang)
            if lang != default and default in topic.answers:
                self._check_same_facts(file, where, topic.answers[default].text, translation.text, lang)

    def _check_same_facts(self, file: str, where: Tuple[str, ...], english: Text, text: Text, lang: str) -> None:
        """A translation gives the worker the same numbers as the English: the same fact
        references, no more, no fewer (and no doubled braces, which print as text)."""
        english_variants = dict(_variants(english))
        for key, variant in _variants(text):
            original = english_variants.get(key, english_variants.get(OTHER) if key else None)
            if original is None or self._render(original, self.lib.default_language, key) is None:
                continue  # the English itself is broken: that error is reported on its own
            line = self.src.line(file, *where, key) if key is not None else self.src.line(file, *where)
            missing = set(placeholders(original)) - set(placeholders(variant))
            extra = set(placeholders(variant)) - set(placeholders(original))
            if "{{" in variant or "}}" in variant:
                self.error(file, line, f"the '{lang}' answer has doubled braces {{{{...}}}}, which show as text",
                           "write a fact as {name}, with single braces")
            elif missing or extra:
                diff = "; ".join(filter(None, [
                    "missing " + ", ".join("{%s}" % m for m in sorted(missing)) if missing else "",
                    "not in English " + ", ".join("{%s}" % e for e in sorted(extra)) if extra else ""]))
                self.error(file, line, f"the '{lang}' answer does not give the same facts as the English ({diff})",
                           "use exactly the {fact} names of the English text, so every language gives the same numbers")

    # texts (topic answers and UI strings) ------------------------------------------------
    def _check_text(self, file: str, where: Tuple[str, ...], text: Text, what: str, values: Tuple[str, ...],
                    needs_country: bool, complete: bool = True) -> None:
        if isinstance(text, dict) and complete:
            uncovered = [c for c in self.lib.work_countries if c not in text]
            if OTHER not in text and (uncovered or not needs_country):
                lacking = f"work countries {', '.join(uncovered)}" if uncovered else "workers with no work country"
                self.error(file, self.src.line(file, *where), f"{what} has no text for {lacking} and no 'other' text",
                           "add an 'other:' text (for every other country)"
                           + (f" or a text for {', '.join(uncovered)}" if uncovered else ""))
        for key, variant in _variants(text):
            line = self.src.line(file, *where, key) if key is not None else self.src.line(file, *where)
            if key not in (None, OTHER) and key not in self.lib.work_countries:
                self.warning(file, line, f"{what} has a text for '{key}', which is not a work country, so it is "
                             "never shown", "fix the country code, or add it to work_countries in settings.yml")
            self._check_refs(file, line, variant, key, what, values)

    def _check_refs(self, file: str, line: Optional[int], text: str, key: Optional[str], what: str,
                    values: Tuple[str, ...]) -> None:
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        except ValueError as exc:
            self.error(file, line, f"{what} has a broken {{reference}} ({exc})",
                       "close every '{' with '}'; to show a brace itself, write it twice: {{ or }}")
            return
        for name in names:
            at = self.src.find(file, line, "{" + name) if name else line
            problem = self._ref_problem(name, key, values)
            if problem:
                self.error(file, at, f"{what}{'' if key is None else f' ({key})'}: " + problem[0], problem[1])

    def _ref_problem(self, name: str, key: Optional[str], values: Tuple[str, ...]) -> Optional[Tuple[str, str]]:
        """What is wrong with one {reference}, as (message, fix), or None."""
        if name == "" or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", name):
            return (f"'{{{name}}}' is not a reference to a fact",
                    "write {fact}, {fact.field}, {home.fact} or {TH.fact}; to show a brace itself write {{ or }}")
        parts = name.split(".")
        if parts[0] in values or parts[0] in COUNTRY_NAMES or parts[0] in PRESENTATION_NAMES:
            if len(parts) > 1:
                return f"'{{{name}}}' cannot have a field", f"write {{{parts[0]}}}"
            return None
        if parts[0] == "home":
            return self._home_problem(name, parts[1:])
        if _COUNTRY_CODE.match(parts[0]):
            country = self.lib.countries.get(parts[0])
            if country is None:
                return (f"'{{{name}}}' names country {parts[0]}, which has no facts file",
                        f"add content/facts/{parts[0]}.yml or fix the country code")
            return self._fact_problem(name, parts[1:], country)
        if key is None or key == OTHER:
            whom = "every country" if key is None else "countries without their own text"
            return (f"'{{{name}}}' is a fact of the work country, but this text is used for {whom}, "
                    "some with no facts",
                    "give one text per work country (TH: ..., MY: ...) plus other:, or name the country "
                    f"as in {{TH.{name}}}")
        country = self.lib.countries.get(key)
        if country is None:
            return (f"'{{{name}}}' needs facts of {key}, which has no facts file",
                    f"add content/facts/{key}.yml")
        return self._fact_problem(name, parts, country)

    def _fact_problem(self, name: str, parts: List[str], country) -> Optional[Tuple[str, str]]:
        if not parts:
            return f"'{{{name}}}' names a country but no fact", f"write e.g. {{{name}.police}}"
        fact = country.facts.get(parts[0])
        if fact is None:
            close = difflib.get_close_matches(parts[0], country.facts, 1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            return (f"'{{{name}}}': {country.code} has no fact '{parts[0]}'",
                    f"{hint}add it to {country.file} or use one of: " + ", ".join(country.facts))
        if len(parts) > 2:
            return f"'{{{name}}}' has too many dots", f"write {{{parts[0]}}} or {{{parts[0]}.field}}"
        if len(parts) == 2 and parts[1] not in fact.fields:
            return (f"'{{{name}}}': fact '{fact.key}' of {country.code} has no field '{parts[1]}'",
                    "its fields are: " + ", ".join(sorted(fact.fields)))
        return None

    def _home_problem(self, name: str, parts: List[str]) -> Optional[Tuple[str, str]]:
        homes = self.lib.home_countries
        if not parts:
            return "'{home}' names no fact", "write e.g. {home.embassy} or {home_country} for the name"
        having = [c for c in homes if c in self.lib.countries and
                  self._fact_problem(name, parts, self.lib.countries[c]) is None]
        if not having:
            return (f"'{{{name}}}': no home country ({', '.join(homes)}) has fact '{'.'.join(parts)}'",
                    "add the fact to content/facts/<home country>.yml or fix the name")
        return None

    def _check_budget(self, file: str, where: Tuple[str, ...], text: Text, lang: str) -> None:
        smallest_name = min(self.budgets, key=lambda n: self.budgets[n])
        smallest, default = self.budgets[smallest_name], self.budgets["default"]
        for key, _ in _variants(text):
            rendered = self._render(text, lang, key)
            if rendered is None:
                continue
            line = self.src.line(file, *where, key) if key is not None else self.src.line(file, *where)
            label = f" ({key})" if key else ""
            size = len(rendered)
            if size > default:
                self.error(file, line, f"the '{lang}' answer{label} is {size} characters long once the facts are "
                           f"in; the limit is {default}", "shorten it, or split it into a follow-up topic")
            elif size > smallest:
                self.warning(file, line, f"the '{lang}' answer{label} is {size} characters long once the facts are "
                             f"in; the {smallest_name} channel takes {smallest}",
                             "shorten it if workers use that channel")

    def _render(self, text: Text, lang: str, key: Optional[str]) -> Optional[str]:
        variant = text if isinstance(text, str) else text.get(key or OTHER, "")
        work = key if key not in (None, OTHER) else None
        for home in [None] + self.lib.home_countries:
            try:
                return fill(variant, self.lib, lang, work, home)
            except (MissingFact, ValueError, KeyError, AttributeError, IndexError):
                continue
        return None

    # across topics ----------------------------------------------------------------------
    def check_duplicate_examples(self) -> None:
        seen: Dict[str, Tuple[str, str, Optional[int]]] = {}
        for topic in self.lib.topics.values():
            for lang, examples in topic.examples.items():
                for index, example in enumerate(examples):
                    norm = " ".join(example.split()).casefold()
                    if not norm:
                        continue
                    line = self.src.line(topic.file, "examples", lang, index)
                    first = seen.get(norm)
                    if first is None:
                        seen[norm] = (topic.intent, topic.file, line)
                    elif first[0] != topic.intent:
                        self.error(topic.file, line, f"example '{example}' is also an example of "
                                   f"'{first[0]}' ({first[1]}:{first[2]})",
                                   "keep it under one topic only, or reword one of them")

    def check_intents(self, domain: Path) -> None:
        if not domain.exists():
            self.warning(str(domain), None, "domain file not found: topic intents were not checked against it",
                         "run the check from the project folder, or pass --domain FILE")
            return
        intents = _domain_intents(domain)
        if intents is None:
            self.warning(str(domain), None, "cannot read the intents of the domain: not checked",
                         "check that it is valid YAML with an 'intents:' list")
            return
        for topic in self.lib.topics.values():
            if topic.intent not in intents:
                self.error(topic.file, topic.line_of("intent"), f"intent '{topic.intent}' is not in {domain.name}",
                           f"add '- {topic.intent}' to the intents in {domain.name} (or rebuild it), "
                           "or fix the name")


def required_ui_strings(library: Library) -> Tuple[str, ...]:
    """The UI strings the default language must have: those the code asks for, and the
    deployment's first message."""
    first = library.deployment.first_message
    return REQUIRED_UI_STRINGS + ((first,) if first and first not in REQUIRED_UI_STRINGS else ())


def _uses_home(text: Text) -> bool:
    try:
        return any(name.split(".")[0] in ("home", "home_country")
                   for _, variant in _variants(text)
                   for _, name, _, _ in string.Formatter().parse(variant) if name)
    except ValueError:
        return False


def _domain_intents(domain: Path) -> Optional[set]:
    """The intent names of a Rasa domain file or folder of domain files."""
    files = sorted(domain.rglob("*.yml")) + sorted(domain.rglob("*.yaml")) if domain.is_dir() else [domain]
    intents: set = set()
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            return None
        for item in (data.get("intents") or []) if isinstance(data, dict) else []:
            if isinstance(item, dict):
                intents.update(str(k) for k in item)
            else:
                intents.add(str(item))
    return intents


def _parse_date(value: str) -> Optional[datetime.date]:
    if not _DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _valid_phone(value: str) -> bool:
    return bool(_PHONE.match(value.strip())) and sum(ch.isdigit() for ch in value) >= 3


def fact_numbers(text: str) -> List[str]:
    """The numbers in a text, in order, as written but with native digits (Thai, Burmese,
    Khmer, Lao, Bengali, Devanagari ...) read as ASCII: "337 ถึง ๔๐๐ บาท" -> ["337", "400"];
    "100,000" -> ["100,000"]; "08:30" -> ["08", "30"]."""
    ascii_text = "".join(str(unicodedata.digit(ch)) if unicodedata.digit(ch, None) is not None else ch
                         for ch in text)
    return _NUMBER.findall(ascii_text)


def same_numbers(text: str, original: str) -> bool:
    """Whether two texts give the same numbers, in any order: grouping (100,000 / 100.000 /
    1,00,000), leading zeros and the script of the digits do not matter."""
    def values(numbers: List[str]) -> List[int]:
        return sorted(int(re.sub(r"[^0-9]", "", n)) for n in numbers)
    return values(fact_numbers(text)) == values(fact_numbers(original))


def _listed(numbers: List[str]) -> str:
    return ", ".join(numbers) if numbers else "none"


def fact_age_days(verified: str, today: datetime.date) -> Optional[int]:
    date = _parse_date(verified.strip())
    return None if date is None else (today - date).days


def fact_max_age_days(library: Library) -> int:
    value = str(library.settings.get("fact_max_age_days", DEFAULT_FACT_MAX_AGE_DAYS)).strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_FACT_MAX_AGE_DAYS
