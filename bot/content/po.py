"""Translators' round trip: one language's strings out to a gettext PO file and back.

Each entry's msgctxt says where the string lives, msgid is the default-language (English)
text and msgstr the translation:

    topic:<intent>:answer            an answer that is the same for every country
    topic:<intent>:answer:<TH|other> one country's variant of an answer
    topic:<intent>:title             the topic's menu title
    topic:<intent>:examples          example questions, one per line (new ones need `make train`)
    ui:<key>  /  ui:<key>:<TH|other> a UI string (or one country's variant)
    country:<CC>:name                a country's name (buttons, {country}, {home_country})
    fact:<CC>:<key>:<field>          a fact's text (name, hours, note or value) that an answer
                                     or UI string shows, e.g. fact:TH:migrant_hotline:hours

Facts and country names have no status: a translated one is simply there (a fuzzy one is
imported too), and its numbers must be those of the English (the validator checks). On
import a fact field written once for every language becomes a mapping per language,
{en: ..., th: ...}, in content/facts/<CC>.yml. A fact text whose English changed since
the export is not imported (a note says so): its numbers may have changed.

A draft translation is exported with the PO "fuzzy" flag; a reviewed one without it. On
import an answer (or the UI file) becomes "reviewed" only when none of its strings is fuzzy,
all are translated and the English has not changed since the export; otherwise "draft".
Titles and example questions have no status of their own. Import rewrites only the files
that change, keeps their top-of-file comments, then validates the result and puts the
original files back if it brought in any error (errors that were there before are listed,
not held against the translator).
"""
import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

import polib
import yaml

from bot.content.errors import ContentError
from bot.content.library import OTHER, STATUSES, TEXT_FIELDS, Library, Text, load_library
from bot.content.render import shown_fact_fields
from bot.content.validate import _Source, errors_only, fact_numbers, validate
from bot.content.yamlfile import NodeList, load_yaml

FUZZY = "fuzzy"
DRAFT, REVIEWED = STATUSES


class PoError(Exception):
    """The PO file cannot be used; the message says why, for the translator or editor."""


@dataclass
class ImportResult:
    changed_files: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)  # e.g. "English changed since export"
    problems: List[ContentError] = field(default_factory=list)  # the validator's findings after the import
    new_errors: List[ContentError] = field(default_factory=list)  # errors the import brought in
    refused: bool = False
    examples_changed: bool = False


# export ---------------------------------------------------------------------------------

def _variants(text: Text) -> List[Tuple[Optional[str], str]]:
    if isinstance(text, str):
        return [(None, text)]
    return [(key, value) for key, value in text.items() if isinstance(value, str)]


def _variant_of(text: Optional[Text], key: Optional[str]) -> str:
    """The translation's text for one English variant ('' when it has none)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text if key in (None, OTHER) else ""
    return text.get(key or OTHER, "") or ""


def _ctxt(*parts: Optional[str]) -> str:
    return ":".join(p for p in parts if p is not None)


def export_po(library: Library, lang: str) -> polib.POFile:
    """Every translatable string of `lang`, with the English beside it."""
    default = library.default_language
    if lang == default:
        raise PoError(f"'{lang}' is the default language: the English texts are the source, edit them in the YAML")
    if lang not in library.languages:
        raise PoError(f"language '{lang}' is not in languages.yml: add it there first")
    src = _Source(library.root)
    po = polib.POFile(wrapwidth=0)
    po.header = (f"Mitra content, {library.languages[lang].english_name} ({lang}). The context of each entry "
                 "says where it lives;\nfuzzy means draft. See content/README.md, 'Translators: PO files'.")
    po.metadata = {
        "Project-Id-Version": "Mitra content",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M%z"),
    }
    keep_refs = "Keep every {name} as it is: it is filled in with a fact (a phone number, a wage, a name)."
    for topic in sorted(library.topics.values(), key=lambda t: t.intent):
        english = topic.answers.get(default)
        translation = topic.answers.get(lang)
        fuzzy = translation is not None and translation.status == DRAFT
        if english is not None:
            for key, text in _variants(english.text):
                where = ("answers", default, "text") + ((key,) if key else ())
                note = ("Answer for workers in " + ("every country" if key is None else
                        "countries without their own text" if key == OTHER else key) + "."
                        + (" " + keep_refs if "{" in text else ""))
                po.append(_entry(_ctxt("topic", topic.intent, "answer", key), text,
                                 _variant_of(translation.text if translation else None, key), fuzzy,
                                 (topic.file, src.line(topic.file, *where)), note))
        if default in topic.titles:
            po.append(_entry(_ctxt("topic", topic.intent, "title"), topic.titles[default],
                             topic.titles.get(lang, ""), fuzzy, (topic.file, src.line(topic.file, "title", default)),
                             "Menu button: keep it short."))
        if topic.examples.get(default):
            po.append(_entry(_ctxt("topic", topic.intent, "examples"), "\n".join(topic.examples[default]),
                             "\n".join(topic.examples.get(lang, [])), False,
                             (topic.file, src.line(topic.file, "examples", default)),
                             "Example questions, one per line: how workers would ask this in your language, "
                             "with their usual spelling. They need not be translations of the English ones."))
    ui, theirs = library.ui.get(default), library.ui.get(lang)
    if ui is not None:
        fuzzy = theirs is not None and theirs.status == DRAFT
        for name, text in ui.strings.items():
            for key, value in _variants(text):
                po.append(_entry(_ctxt("ui", name, key), value,
                                 _variant_of(theirs.strings.get(name) if theirs else None, key), fuzzy,
                                 (ui.file, src.line(ui.file, "strings", name, *((key,) if key else ()))),
                                 keep_refs if "{" in value else ""))
    _export_facts(po, library, lang, src)
    return po


def _export_facts(po: polib.POFile, library: Library, lang: str, src: _Source) -> None:
    """Country names, then the fact texts that answers show (not editors' notes nobody reads)."""
    default = library.default_language
    countries = sorted(library.countries.values(), key=lambda c: c.code)
    for country in countries:
        if default in country.names:
            po.append(_entry(_ctxt("country", country.code, "name"), country.names[default],
                             country.names.get(lang, ""), False,
                             (country.file, src.line(country.file, "name", default)),
                             "The country's name, as workers say it (buttons, and in answers)."))
    shown = shown_fact_fields(library)
    for country in countries:
        for fact in country.facts.values():
            for name in TEXT_FIELDS:
                if (country.code, fact.key, name) not in shown:
                    continue
                english = fact.fields[name]
                numbers = fact_numbers(english)
                note = (f"{country.names.get(default, country.code)}, fact '{fact.key}' "
                        + (f"({fact.fields['name']}): its {name}" if name != "name" else "(its name)")
                        + ", shown to workers in answers."
                        + (f" Keep its numbers exactly: {', '.join(numbers)} (your own digits are fine)."
                           if numbers else ""))
                po.append(_entry(_ctxt("fact", country.code, fact.key, name), english,
                                 fact.translations.get(name, {}).get(lang, ""), False,
                                 (fact.file, src.line(fact.file, "facts", fact.key, name)), note))


def _entry(ctxt: str, msgid: str, msgstr: str, fuzzy: bool, where: Tuple[str, Optional[int]],
           note: str) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=ctxt, msgid=msgid, msgstr=msgstr, comment=note,
                          occurrences=[(where[0], str(where[1] or ""))])
    if fuzzy and msgstr:
        entry.flags.append(FUZZY)
    return entry


def write_po(library: Library, lang: str, path: Union[str, Path]) -> int:
    po = export_po(library, lang)
    po.save(str(path))
    return len(po)


# import ---------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Readable YAML: multi-line texts as '|' blocks, list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def choose_scalar_style(self):
        # Editors quote with "..." (phone: "1546"): keep to it, so a rewrite changes little.
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, width: int = 100) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=width)


class _FlowList(list):
    """A list the editor wrote on one line, [like, this]: it is written back the same way."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: "_FlowList"):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_FlowList, _represent_flow_list)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        one_line = isinstance(value, NodeList) and value and set(value.item_lines) == {value.line}
        return (_FlowList if one_line else list)(_plain(v) for v in value)
    return value


def _head_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "".join(lines)


def _read_po(path: Union[str, Path], lang: str) -> polib.POFile:
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise PoError(f"cannot read {path}: {exc}") from None
    said = po.metadata.get("Language", "").replace("-", "_").split("_")[0]
    if said and said != lang:
        raise PoError(f"{path} is for language '{said}', not '{lang}'")
    return po


def import_po(root: Union[str, Path], lang: str, po_path: Union[str, Path],
              domain_path: Union[str, Path] = "domain.yml") -> ImportResult:
    """Write the translations of a PO file into content/; undo everything if the result has errors.

    Raises ContentErrors if content/ does not load before the import, PoError for a bad PO file.
    """
    root = Path(root)
    library = load_library(root)
    default = library.default_language
    if lang == default:
        raise PoError(f"'{lang}' is the default language: edit its texts in the YAML files")
    if lang not in library.languages:
        raise PoError(f"language '{lang}' is not in languages.yml: add it there first")
    po = _read_po(po_path, lang)
    # Errors already in the content (say, a topic not yet in domain.yml) are not the
    # translator's: only errors that the import brings in make it refuse.
    before = {(p.file, p.message) for p in errors_only(validate(library, domain_path))}
    result = ImportResult()
    plan = _Plan(library, lang, result)
    for entry in po:
        if entry.obsolete or not entry.msgstr.strip():
            continue
        plan.add(entry)
    originals: Dict[Path, Optional[bytes]] = {}
    for path, text in plan.render().items():
        old = path.read_bytes() if path.exists() else None
        if old is not None and old.decode("utf-8") == text:
            continue
        originals[path] = old
        path.write_text(text, encoding="utf-8")
        result.changed_files.append(str(path))
    result.problems = validate(root, domain_path)
    result.new_errors = [p for p in errors_only(result.problems) if (p.file, p.message) not in before]
    if result.new_errors and originals:
        for path, old in originals.items():
            if old is None:
                path.unlink()
            else:
                path.write_bytes(old)
        result.refused = True
        result.changed_files = []
    return result


class _Plan:
    """The edits a PO file makes, gathered per YAML file before anything is written."""

    def __init__(self, library: Library, lang: str, result: ImportResult):
        self.lib = library
        self.lang = lang
        self.result = result
        # intent -> variant key -> (text, reviewed?)
        self.answers: Dict[str, Dict[Optional[str], Tuple[str, bool]]] = {}
        self.titles: Dict[str, str] = {}
        self.examples: Dict[str, List[str]] = {}
        self.ui: Dict[str, Dict[Optional[str], Tuple[str, bool]]] = {}
        # country -> (fact key, field) -> text; (None, "name") for the country's name
        self.facts: Dict[str, Dict[Tuple[Optional[str], str], str]] = {}

    def note(self, entry: polib.POEntry, message: str) -> None:
        where = f" (line {entry.linenum})" if getattr(entry, "linenum", None) else ""
        self.result.notes.append(f"{entry.msgctxt}{where}: {message}")

    def add(self, entry: polib.POEntry) -> None:
        parts = (entry.msgctxt or "").split(":")
        default = self.lib.default_language
        reviewed = not entry.fuzzy
        if parts[0] == "topic" and len(parts) >= 3 and parts[1] in self.lib.topics:
            topic = self.lib.topics[parts[1]]
            kind, key = parts[2], (parts[3] if len(parts) > 3 else None)
            if kind == "answer" and default in topic.answers:
                english = topic.answers[default].text
                if _variant_of(english, key) == "" or (isinstance(english, str) and key is not None):
                    return self.note(entry, "the English answer has no such country variant: skipped")
                if _variant_of(english, key) != entry.msgid:
                    reviewed = False
                    self.note(entry, "the English text changed since the export: imported as draft")
                text = entry.msgstr
                if entry.msgid.endswith("\n") and not text.endswith("\n"):
                    text += "\n"
                self.answers.setdefault(topic.intent, {})[key] = (text, reviewed)
                return None
            if kind == "title":
                self.titles[topic.intent] = entry.msgstr.strip()
                return None
            if kind == "examples":
                self.examples[topic.intent] = [line.strip() for line in entry.msgstr.splitlines() if line.strip()]
                self.result.examples_changed = True
                return None
        if parts[0] in ("country", "fact") and len(parts) >= 3 and parts[1] in self.lib.countries:
            return self.add_fact(entry, parts)
        if parts[0] == "ui" and len(parts) in (2, 3) and default in self.lib.ui:
            english = self.lib.ui[default].strings.get(parts[1])
            key = parts[2] if len(parts) == 3 else None
            if english is not None and _variant_of(english, key):
                if _variant_of(english, key) != entry.msgid:
                    reviewed = False
                    self.note(entry, "the English text changed since the export: imported as draft")
                self.ui.setdefault(parts[1], {})[key] = (entry.msgstr, reviewed)
                return None
        return self.note(entry, "no such string in the content (renamed or removed?): skipped")

    def add_fact(self, entry: polib.POEntry, parts: List[str]) -> None:
        country = self.lib.countries[parts[1]]
        if parts[0] == "country" and parts[2:] == ["name"]:
            english, where = country.names.get(self.lib.default_language), (None, "name")
        elif parts[0] == "fact" and len(parts) == 4 and parts[2] in country.facts and parts[3] in TEXT_FIELDS:
            english, where = country.facts[parts[2]].fields.get(parts[3]), (parts[2], parts[3])
        else:
            return self.note(entry, "no such string in the content (renamed or removed?): skipped")
        if english is None:
            return self.note(entry, "no such string in the content (renamed or removed?): skipped")
        if english != entry.msgid:
            # A fact's English may have changed its numbers: a stale translation would give
            # workers the old ones. Facts have no draft status to fall back on, so skip it.
            return self.note(entry, "the English text changed since the export: not imported; "
                                    "export again and translate the new text")
        self.facts.setdefault(country.code, {})[where] = entry.msgstr.strip()
        return None

    def render(self) -> Dict[Path, str]:
        """New text of each file the import touches."""
        files: Dict[Path, str] = {}
        default = self.lib.default_language
        files.update(self.render_facts())
        for intent in sorted(set(self.answers) | set(self.titles) | set(self.examples)):
            topic = self.lib.topics[intent]
            path = self.lib.root.parent / topic.file
            original = path.read_text(encoding="utf-8")
            data = _plain(load_yaml(path))
            before = copy.deepcopy(data)
            if intent in self.titles:
                data.setdefault("title", {})[self.lang] = self.titles[intent]
            if intent in self.examples:
                data["examples"][self.lang] = self.examples[intent]
            if intent in self.answers:
                current = data.get("answers", {}).get(self.lang)
                answer = dict(current) if current else {"status": DRAFT}
                answer["text"], answer["status"] = _merge(topic.answers[default].text, answer.get("text"),
                                                          current is not None and current.get("status") == REVIEWED,
                                                          self.answers[intent])
                answers = data.setdefault("answers", {})
                answers[self.lang] = {"status": answer.pop("status"), **answer}
            if data != before:  # a PO that repeats what is there rewrites nothing (comments stay)
                files[path] = _head_comments(original) + dump_yaml(data)
        if self.ui:
            english = self.lib.ui[default]
            theirs = self.lib.ui.get(self.lang)
            path = self.lib.root.parent / theirs.file if theirs else self.lib.root / "ui" / f"{self.lang}.yml"
            if theirs is not None:
                original = path.read_text(encoding="utf-8")
                data = _plain(load_yaml(path))
                head = _head_comments(original)
            else:
                data = {"language": self.lang, "status": DRAFT, "strings": {}}
                head = f"# {self.lib.languages[self.lang].english_name} UI strings: see ui/{default}.yml.\n"
            before = copy.deepcopy(data)
            strings = data["strings"]
            was_reviewed = data.get("status") == REVIEWED
            all_reviewed = True
            for name, text in english.strings.items():
                if name not in self.ui and name not in strings:
                    continue
                strings[name], status = _merge(text, strings.get(name), was_reviewed, self.ui.get(name, {}))
                all_reviewed = all_reviewed and status == REVIEWED
            # strings that only this language has (validator warns) keep the file's old status
            data["status"] = REVIEWED if all_reviewed and strings else DRAFT
            if data != before:
                files[path] = head + dump_yaml(data)
        return files


    def render_facts(self) -> Dict[Path, str]:
        files: Dict[Path, str] = {}
        default = self.lib.default_language
        order = list(self.lib.languages)
        for code, edits in sorted(self.facts.items()):
            path = self.lib.root.parent / self.lib.countries[code].file
            original = path.read_text(encoding="utf-8")
            data = _plain(load_yaml(path))
            changed = False
            for (key, name), text in edits.items():
                holder = data if key is None else data["facts"][key]
                current = holder.get(name)
                per_language = dict(current) if isinstance(current, dict) else {default: current}
                if per_language.get(self.lang) == text:
                    continue
                per_language[self.lang] = text
                # languages in the order of languages.yml, the default (English) first
                holder[name] = {lang: per_language[lang]
                                for lang in sorted(per_language, key=lambda l: (l != default, order.index(l)
                                                                                if l in order else len(order)))}
                changed = True
            if changed:
                # one fact field per line, however long: editors read and grep these files
                files[path] = _head_comments(original) + dump_yaml(data, width=10000)
        return files


def _merge(english: Text, current: Optional[Text], current_reviewed: bool,
           new: Dict[Optional[str], Tuple[str, bool]]) -> Tuple[Text, str]:
    """The translation after the import, shaped like the English, and its status."""
    reviewed = True
    if isinstance(english, str):
        if None in new:
            text, reviewed = new[None]
        else:
            text, reviewed = _variant_of(current, None), current_reviewed
        return text, REVIEWED if reviewed and text else DRAFT
    merged: Dict[str, str] = {}
    for key in english:
        if key in new:
            merged[key], ok = new[key]
        else:
            merged[key], ok = _variant_of(current, key), current_reviewed
        if not merged[key]:
            del merged[key]
            ok = False
        reviewed = reviewed and ok
    if isinstance(current, dict):  # keep variants this language has and English does not
        for key, value in current.items():
            merged.setdefault(key, value)
    return merged, REVIEWED if reviewed else DRAFT
