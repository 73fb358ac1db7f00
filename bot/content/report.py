"""What editors should look at next: translation coverage and facts due for re-checking.

`build_report(library)` gathers the numbers; `as_text` prints them as compact tables for
the terminal and `as_html` as one self-contained page (inline CSS, no external assets).
"""
import datetime
import html
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from bot.content.library import Library
from bot.content.render import shown_fact_fields
from bot.content.validate import fact_age_days, fact_max_age_days, required_ui_strings

REVIEWED, DRAFT, MISSING = "reviewed", "draft", "missing"
_MARK = {REVIEWED: "R", DRAFT: "d", MISSING: "-"}


@dataclass
class LanguageCoverage:
    code: str
    name: str
    enabled: bool
    topics: Dict[str, str] = field(default_factory=dict)  # topic -> reviewed / draft / missing
    ui_status: str = MISSING
    ui_missing: List[str] = field(default_factory=list)  # required UI strings this language lacks
    # fact texts that answers show (name / hours / note / value), and country names
    facts_translated: int = 0
    facts_missing: List[str] = field(default_factory=list)  # "TH:minimum_wage:value"
    countries_translated: int = 0
    countries_missing: List[str] = field(default_factory=list)  # country codes

    def count(self, status: str) -> int:
        return sum(1 for s in self.topics.values() if s == status)

    @property
    def percent_reviewed(self) -> int:
        return round(100 * self.count(REVIEWED) / len(self.topics)) if self.topics else 0


@dataclass
class DueFact:
    country: str
    key: str
    name: str
    verified: str
    age_days: Optional[int]
    reliability: str
    reasons: List[str]
    source: str
    file: str
    line: int


@dataclass
class Report:
    today: datetime.date
    max_age_days: int
    topics: List[str]
    languages: List[LanguageCoverage]
    due_facts: List[DueFact]


def build_report(library: Library, today: Optional[datetime.date] = None) -> Report:
    today = today or datetime.date.today()
    default = library.default_language
    topics = sorted(t.intent for t in library.topics.values() if t.answered)
    shown = sorted(shown_fact_fields(library))
    languages = []
    for code, language in library.languages.items():
        coverage = LanguageCoverage(code, language.english_name, language.enabled)
        for intent in topics:
            answer = library.topics[intent].answers.get(code)
            coverage.topics[intent] = answer.status if answer else MISSING
        ui = library.ui.get(code)
        if ui is not None:
            coverage.ui_status = ui.status
            coverage.ui_missing = [k for k in required_ui_strings(library) if k not in ui.strings]
        else:
            coverage.ui_missing = list(required_ui_strings(library))
        _count_facts(library, coverage, shown)
        languages.append(coverage)
    languages.sort(key=lambda c: (c.code != default, not c.enabled))
    max_age = fact_max_age_days(library)
    due = []
    for country in sorted(library.countries.values(), key=lambda c: c.code):
        for fact in country.facts.values():
            age = fact_age_days(fact.verified, today)
            reasons = []
            if age is None:
                reasons.append("verified is not a date")
            elif age > max_age:
                reasons.append(f"verified {age} days ago")
            if fact.reliability == "unverified":
                reasons.append("reliability unverified")
            if reasons:
                due.append(DueFact(country.code, fact.key, fact.fields.get("name", ""), fact.verified, age,
                                   fact.reliability, reasons, fact.source, fact.file, fact.line))
    return Report(today, max_age, topics, languages, due)


def _count_facts(library: Library, coverage: LanguageCoverage, shown) -> None:
    """A fact text counts as translated when it has this language's own text, or is one text
    for every language only in the default language (whose text it is)."""
    default = library.default_language
    for code, key, name in shown:
        fact = library.countries[code].facts[key]
        if coverage.code == default or coverage.code in fact.translations.get(name, {}):
            coverage.facts_translated += 1
        else:
            coverage.facts_missing.append(f"{code}:{key}:{name}")
    for code, country in sorted(library.countries.items()):
        if coverage.code in country.names:
            coverage.countries_translated += 1
        else:
            coverage.countries_missing.append(code)


def as_text(report: Report) -> str:
    out = [f"Translation coverage ({len(report.topics)} answered topics; R reviewed, d draft, - missing)", ""]
    out.append(f"{'language':<20} {'reviewed':>8} {'draft':>6} {'missing':>8}  ui strings")
    for lang in report.languages:
        ui = lang.ui_status + (f", {len(lang.ui_missing)} missing" if lang.ui_missing and lang.ui_status != MISSING
                               else "")
        label = f"{lang.code} {lang.name}" + ("" if lang.enabled else " (off)")
        out.append(f"{label:<20} {lang.count(REVIEWED):>8} {lang.count(DRAFT):>6} {lang.count(MISSING):>8}  {ui}")
    out.append("")
    width = max([len(t) for t in report.topics] + [5])
    out.append(f"{'topic':<{width}}  " + " ".join(f"{lang.code:<2}" for lang in report.languages))
    for topic in report.topics:
        out.append(f"{topic:<{width}}  " + " ".join(f"{_MARK[lang.topics[topic]]:<2}" for lang in report.languages))
    out.append("")
    out.append("Fact texts shown in answers, and country names (translated / all)")
    out.append(f"{'language':<20} {'fact texts':>10} {'countries':>10}")
    for lang in report.languages:
        label = f"{lang.code} {lang.name}" + ("" if lang.enabled else " (off)")
        facts = f"{lang.facts_translated}/{lang.facts_translated + len(lang.facts_missing)}"
        names = f"{lang.countries_translated}/{lang.countries_translated + len(lang.countries_missing)}"
        out.append(f"{label:<20} {facts:>10} {names:>10}")
    out.append("")
    if not report.due_facts:
        out.append(f"Facts due for re-verification: none (limit {report.max_age_days} days)")
    else:
        out.append(f"Facts due for re-verification ({len(report.due_facts)}; limit {report.max_age_days} days, "
                   "or reliability unverified)")
        out.append("")
        key_width = max(len(f.key) for f in report.due_facts)
        for fact in report.due_facts:
            out.append(f"{fact.country}  {fact.key:<{key_width}}  {fact.verified:<10}  {'; '.join(fact.reasons)}"
                       f"  ({fact.file}:{fact.line})")
    return "\n".join(line.rstrip() for line in out) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.9rem}
th{background:#f3f3f3}
td.reviewed{background:#c8ecc8}td.draft{background:#fff1b8}td.missing{background:#f7caca}
td.num{text-align:right}
.small{color:#666;font-size:.85rem}
"""


def as_html(report: Report) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>Mitra content report</title>", f"<style>{_CSS}</style></head><body>",
             "<h1>Mitra content report</h1>", f"<p class=small>{e(report.today.isoformat())}</p>",
             "<h2>Translation coverage</h2>",
             "<table><tr><th>language</th><th>reviewed</th><th>draft</th><th>missing</th><th>% reviewed</th>"
             "<th>UI strings</th></tr>"]
    for lang in report.languages:
        ui = lang.ui_status + (f" ({len(lang.ui_missing)} missing)" if lang.ui_missing and lang.ui_status != MISSING
                               else "")
        parts.append(f"<tr><td>{e(lang.code)} {e(lang.name)}{'' if lang.enabled else ' (off)'}</td>"
                     f"<td class=num>{lang.count(REVIEWED)}</td><td class=num>{lang.count(DRAFT)}</td>"
                     f"<td class=num>{lang.count(MISSING)}</td><td class=num>{lang.percent_reviewed}%</td>"
                     f"<td class={e(lang.ui_status)}>{e(ui)}</td></tr>")
    parts.append("</table><h3>Per topic</h3><table><tr><th>topic</th>"
                 + "".join(f"<th>{e(lang.code)}</th>" for lang in report.languages) + "</tr>")
    for topic in report.topics:
        parts.append(f"<tr><td>{e(topic)}</td>" + "".join(
            f"<td class={lang.topics[topic]}>{lang.topics[topic]}</td>" for lang in report.languages) + "</tr>")
    parts.append("</table>")
    parts.append("<h3>Fact texts shown in answers, and country names</h3><table><tr><th>language</th>"
                 "<th>fact texts translated</th><th>missing</th><th>country names translated</th><th>missing</th></tr>")
    for lang in report.languages:
        parts.append(f"<tr><td>{e(lang.code)} {e(lang.name)}</td><td class=num>{lang.facts_translated}</td>"
                     f"<td class=small>{e(', '.join(lang.facts_missing))}</td>"
                     f"<td class=num>{lang.countries_translated}</td>"
                     f"<td class=small>{e(', '.join(lang.countries_missing))}</td></tr>")
    parts.append("</table>")
    parts.append(f"<h2>Facts due for re-verification</h2><p class=small>Older than {report.max_age_days} days, "
                 "or with reliability unverified.</p>")
    if report.due_facts:
        parts.append("<table><tr><th>country</th><th>fact</th><th>verified</th><th>why</th><th>reliability</th>"
                     "<th>source</th><th>file</th></tr>")
        for f in report.due_facts:
            source = (f'<a href="{e(f.source)}">{e(f.source)}</a>' if f.source.startswith(("http://", "https://"))
                      else e(f.source))
            parts.append(f"<tr><td>{e(f.country)}</td><td>{e(f.key)}<br><span class=small>{e(f.name)}</span></td>"
                         f"<td>{e(f.verified)}</td><td>{e('; '.join(f.reasons))}</td><td>{e(f.reliability)}</td>"
                         f"<td>{source}</td><td>{e(f.file)}:{f.line}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>None.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
