"""A deployment's display name and first message, in every language, and the quick-exit word."""
import copy
from types import SimpleNamespace

import pytest

from bot.actions.answers import ActionAnswerTopic
from bot.actions.base import is_quick_exit
from bot.actions.onboarding import ActionChangeLanguage
from bot.content.deployment import read_deployment
from bot.content.library import quick_exit_form
from bot.content.render import render_topic, ui_text
from bot.content.validate import UI_VALUES
from tests.conftest import make_tracker, run_action, slot_events

LANGUAGES = ["en", "my", "km", "lo", "th", "id", "ne", "bn"]
# What an NGO sets for a phone that may be watched (the example in content/README.md).
NEUTRAL = {"MITRA_DISPLAY_NAME": "Lotus", "MITRA_FIRST_MESSAGE": "intro_neutral"}
# Words in the default introduction that a neutral greeting must not show.
REVEALING = ["Mitra", "rights", "abroad", "trafficking"]


@pytest.fixture
def neutral(library, monkeypatch):
    """The real content, deployed neutrally through the environment overrides."""
    deployed = copy.copy(library)
    deployed.deployment = read_deployment(library.settings, NEUTRAL)
    monkeypatch.setattr("bot.actions.base.store", SimpleNamespace(library=deployed))
    return deployed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_neutral_deployment_opens_with_its_greeting_in_the_workers_language(neutral, lang):
    tracker = make_tracker("change_language", slots={"language": lang})
    messages, events = run_action(ActionChangeLanguage(), tracker)
    greeting = neutral.ui[lang].strings["intro_neutral"].replace("{bot_name}", "Lotus")
    assert messages[0]["text"] == greeting
    assert "Lotus" in messages[0]["text"]
    assert not [word for word in REVEALING if word in messages[0]["text"]]
    assert slot_events(events)["intro_shown"] is True


def test_a_first_question_also_gets_the_neutral_greeting_first(neutral):
    messages, events = run_action(ActionAnswerTopic(), make_tracker("unpaid_wages", "boss no pay"))
    assert messages[0]["text"] == "Hi, I am Lotus, a chat bot. How can I help you?"
    assert slot_events(events)["pending_topic"] == "unpaid_wages"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_default_deployment_introduces_itself_by_its_configured_name(library, lang):
    tracker = make_tracker("change_language", slots={"language": lang})
    messages, _ = run_action(ActionChangeLanguage(), tracker)
    assert messages[0]["text"] == ui_text(library, library.deployment.first_message, lang)
    assert library.display_name(lang) in messages[0]["text"]
    assert "{" not in messages[0]["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bot_says_its_configured_name_when_asked_who_it_is(neutral, lang):
    slots = {"intro_shown": True, "language": lang, "work_country": "TH"}
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("bot_challenge", slots=slots))
    assert "Lotus" in messages[-1]["text"] and "Mitra" not in messages[-1]["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_answer_teaches_the_quick_exit_word_that_really_works(library, lang):
    text = render_topic(library, library.topics["privacy_info"], lang, "TH", None).text
    word = library.quick_exit_word(lang)
    assert f'"{word}"' in text
    assert is_quick_exit(library, word) and is_quick_exit(library, f" {word.upper()}! ")


def test_a_quick_exit_word_inside_a_question_never_ends_the_chat(library):
    words = {quick_exit_form(w) for language in library.languages.values() for w in language.quick_exit}
    questions = [example for topic in library.topics.values() for examples in topic.examples.values()
                 for example in examples if set(quick_exit_form(example).split()) & words]
    assert questions, "the examples should include questions using the words (e.g. 'keluar')"
    assert not [q for q in questions if is_quick_exit(library, q)]
    assert not is_quick_exit(library, "how do I exit my contract")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_types_the_default_name_so_a_neutral_deployment_never_shows_it(library, neutral, lang):
    default_names = set(library.deployment.names.values())
    values = {name: "x" for name in UI_VALUES}  # what code fills in (a language's name ...)
    texts = {key: ui_text(neutral, key, lang, "TH", "MM", **values) for key in neutral.ui[lang].strings}
    texts.update({intent: render_topic(neutral, topic, lang, "TH", "MM").text
                  for intent, topic in neutral.topics.items() if topic.answered})
    showing = {key: name for key, text in texts.items() for name in default_names if name in text}
    assert showing == {}, "write {bot_name} instead of the name"
