"""Answers as a worker reads them, from the real content/: per language and country."""
import copy
import pytest
from tests.content.content_helpers import GOOD, REAL_CONTENT

from bot.content.library import load_library
from bot.content.render import render_topic

LIBRARY = load_library(REAL_CONTENT)


def number(country, fact):
    return LIBRARY.countries[country].facts[fact].main


def passport(lang, work, home=None):
    return render_topic(LIBRARY, LIBRARY.topics["passport_retention"], lang, work, home)


def test_passport_answer_gives_the_thai_hotline_in_thailand():
    text = passport("en", "TH").text
    assert number("TH", "labour_hotline") in text
    assert number("MY", "labour_hotline") not in text
    assert "{" not in text


def test_passport_answer_gives_the_malaysian_hotline_in_malaysia():
    text = passport("en", "MY").text
    assert number("MY", "labour_hotline") in text
    assert number("TH", "labour_hotline") not in text


def test_other_countries_get_the_general_answer():
    text = passport("en", "SG").text
    assert number("TH", "labour_hotline") not in text and number("MY", "labour_hotline") not in text


def test_language_without_a_translation_falls_back_to_english_and_says_so():
    library = copy.deepcopy(LIBRARY)
    library.topics["passport_retention"].answers.pop("th", None)
    rendered = render_topic(library, library.topics["passport_retention"], "th", "TH", None)
    assert rendered.language == "en"
    assert rendered.translation_missing
    assert rendered.text == passport("en", "TH").text


def test_a_translation_is_used_when_there_is_one():
    library = load_library(GOOD)
    rendered = render_topic(library, library.topics["passport_retention"], "th", "TH", "MM")
    assert (rendered.language, rendered.translation_missing) == ("th", False)
    assert rendered.text.startswith("นายจ้างยึดพาสปอร์ตไม่ได้ โทร 1546 เวลา ")


@pytest.mark.parametrize("lang", LIBRARY.enabled_languages)
def test_every_answer_renders_in_every_language_and_country(lang):
    for topic in LIBRARY.topics.values():
        if not topic.answered:
            continue
        for work in LIBRARY.work_countries + [None]:
            for home in LIBRARY.home_countries:
                text = render_topic(LIBRARY, topic, lang, work, home).text
                assert text and "{" not in text, (topic.intent, lang, work, home)
