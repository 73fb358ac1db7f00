"""Every language gives the worker the same numbers: hotlines, fines, wages, dates."""
import re
import unicodedata

import pytest

from bot.content.library import load_library
from bot.content.render import render_topic
from tests.content.content_helpers import REAL_CONTENT

LIBRARY = load_library(REAL_CONTENT)
NUMBER = re.compile(r"\d[\d,.\-\s]*\d|\d")


def numbers(text):
    """The numbers in a text, with native digits (Thai, Burmese, Khmer...) read as 0-9."""
    ascii_text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return sorted(re.sub(r"\D", "", n) for n in NUMBER.findall(ascii_text))


CASES = [(topic.intent, lang, country)
         for topic in LIBRARY.topics.values() if topic.answered
         for lang in topic.answers if lang != LIBRARY.default_language
         for country in ("TH", "MY", None)]


@pytest.mark.parametrize("intent, lang, country", CASES)
def test_a_translation_gives_the_same_numbers_as_the_english(intent, lang, country):
    topic = LIBRARY.topics[intent]
    english = render_topic(LIBRARY, topic, "en", country, "MM").text
    translated = render_topic(LIBRARY, topic, lang, country, "MM").text
    phone_numbers = {n for n in numbers(english) if len(n) >= 3}
    assert phone_numbers <= set(numbers(translated)), f"{intent} in {lang} for {country} lacks some of {phone_numbers}"
