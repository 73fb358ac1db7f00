"""Answers as a worker reads them, from the real content/: per language and country."""
import copy
import pytest
from tests.content.content_helpers import GOOD, REAL_CONTENT

from bot.content.library import load_library
from bot.content.render import fill, render_topic

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


def test_a_fact_text_written_per_language_is_shown_in_the_workers_language():
    library = load_library(GOOD)  # TH labour_hotline hours: {en: 24 hours, th: 24 ชั่วโมง}
    thai = render_topic(library, library.topics["passport_retention"], "th", "TH", "MM").text
    english = render_topic(library, library.topics["passport_retention"], "en", "TH", "MM").text
    assert "โทร 1546 เวลา 24 ชั่วโมง" in thai and "24 hours" not in thai
    assert "call the labour hotline 1546 (24 hours)" in english


def test_a_language_without_its_own_fact_text_gets_the_default_one():
    library = load_library(GOOD)
    fact = library.countries["TH"].facts["labour_hotline"]
    assert (fact.text("hours", "my"), fact.text("hours", "th"), fact.fields["hours"]) == \
        ("24 hours", "24 ชั่วโมง", "24 hours")
    assert library.countries["MY"].facts["labour_hotline"].text("hours", "th") == "office hours"  # one text for all


def test_a_fact_whose_main_value_is_per_language():
    library = copy.deepcopy(load_library(GOOD))
    fact = library.countries["TH"].facts["police"]
    del fact.fields["phone"]
    fact.fields["value"] = "the police"
    fact.translations["value"] = {"en": "the police", "th": "ตำรวจ"}
    assert fill("{TH.police}", library, "th", None, None) == "ตำรวจ"
    assert fill("{TH.police}", library, "my", None, None) == "the police"


def test_country_names_follow_the_language():
    library = copy.deepcopy(load_library(GOOD))
    library.countries["TH"].names["th"] = "ประเทศไทย"
    assert fill("ให้ข้อมูลสำหรับ {country}", library, "th", "TH", None) == "ให้ข้อมูลสำหรับ ประเทศไทย"
    assert fill("for {country}", library, "en", "TH", None) == "for Thailand"
    assert fill("{home_country}", library, "th", "TH", "MM") == "Myanmar"  # no Thai name yet: English
