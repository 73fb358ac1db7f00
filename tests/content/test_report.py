"""The editors' report: translation coverage per language and facts due for re-checking."""
import datetime

from tests.content.content_helpers import TODAY

from bot.content.library import load_library
from bot.content.report import as_html, as_text, build_report

PASSPORT = "topics/passport_retention.yml"


def report_of(content, today=TODAY):
    return build_report(load_library(content.root), today)


def coverage(report, lang):
    return next(c for c in report.languages if c.code == lang)


def test_coverage_per_topic_and_language(content):
    report = report_of(content)
    assert report.topics == ["emergency_help", "greet", "passport_retention"]
    assert coverage(report, "en").topics == dict.fromkeys(report.topics, "reviewed")
    assert coverage(report, "th").topics == {"emergency_help": "missing", "greet": "missing",
                                             "passport_retention": "draft"}
    assert coverage(report, "my").count("missing") == 3
    assert coverage(report, "en").ui_status == "reviewed" and coverage(report, "th").ui_status == "missing"


def test_fresh_trusted_facts_are_not_due(content):
    assert report_of(content).due_facts == []


def test_old_and_unverified_facts_are_due(content):
    content.edit("facts/MY.yml", "    reliability: official\n    verified: \"2026-11-01\"",
                 "    reliability: unverified\n    verified: \"2026-11-01\"")
    report = report_of(content, today=datetime.date(2027, 6, 1))
    due = {(f.country, f.key): f.reasons for f in report.due_facts}
    assert due[("MY", "police")] == ["verified 212 days ago", "reliability unverified"]
    assert due[("TH", "labour_hotline")] == ["verified 212 days ago"]
    assert len(due) == 5  # every fact of the fixture is older than 180 days by then


def test_terminal_table(content):
    content.edit("facts/TH.yml", "reliability: official", "reliability: unverified")
    text = as_text(report_of(content))
    assert "th Thai                     0      1        2  missing" in text
    assert "topic               en my th\n" in text  # the order of languages.yml
    assert "passport_retention  R  -  d\n" in text
    assert "TH  police  2026-11-01  reliability unverified  (content/facts/TH.yml:6)" in text


def test_html_page_is_self_contained(content):
    content.edit("facts/TH.yml", "reliability: official", "reliability: unverified")
    page = as_html(report_of(content))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<td class=draft>draft</td>" in page
    assert '<a href="https://example.org/th/police">' in page  # the source, to click and re-check
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in page


def test_html_escapes_what_editors_wrote(content):
    content.edit("facts/TH.yml", "name: Police", "name: Police <b>&</b>")
    content.edit("facts/TH.yml", "reliability: official", "reliability: unverified")
    page = as_html(report_of(content))
    assert "Police &lt;b&gt;&amp;&lt;/b&gt;" in page


def test_coverage_counts_fact_texts_and_country_names(content):
    content.edit("facts/MM.yml", "  en: Myanmar\n", "  en: Myanmar\n  th: เมียนมา\n")
    report = report_of(content)
    th, my, en = coverage(report, "th"), coverage(report, "my"), coverage(report, "en")
    # answers show one fact text: TH labour_hotline hours, which has a Thai text
    assert (th.facts_translated, th.facts_missing) == (1, [])
    assert (my.facts_translated, my.facts_missing) == (0, ["TH:labour_hotline:hours"])
    assert (th.countries_translated, th.countries_missing) == (1, ["MY", "TH"])
    assert (en.facts_translated, en.countries_translated) == (1, 3)
    text = as_text(report)
    assert "Fact texts shown in answers, and country names (translated / all)" in text
    assert "th Thai                     1/1        1/3\n" in text
    assert "my Burmese                  0/1        0/3\n" in text
    assert "TH:labour_hotline:hours" in as_html(report)
