"""Topic answers: rendered from content/ for the worker's language and country."""
import copy
from types import SimpleNamespace

from bot.actions.answers import ActionAnswerTopic
from tests.conftest import button_payloads, make_tracker, run_action, slot_events

ONBOARDED = {"intro_shown": True, "language": "en", "work_country": "TH"}


def test_passport_answer_for_thailand_gives_thai_hotlines(library):
    messages, events = run_action(ActionAnswerTopic(), make_tracker("passport_retention", slots=ONBOARDED))
    text = messages[-1]["text"]
    assert library.countries["TH"].facts["labour_hotline"].fields["phone"] in text
    assert "/help_menu" in button_payloads(messages[-1])
    assert slot_events(events) == {"pending_topic": None}


def test_the_same_question_in_malaysia_gets_malaysian_numbers(library):
    slots = {**ONBOARDED, "work_country": "MY"}
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("unpaid_wages", slots=slots))
    text = messages[-1]["text"]
    assert library.countries["MY"].facts["labour_hotline"].fields["phone"] in text
    assert library.countries["TH"].facts["labour_hotline"].fields["phone"] not in text


def test_first_message_gets_the_introduction_then_the_language_question():
    messages, events = run_action(ActionAnswerTopic(), make_tracker("unpaid_wages", "boss no pay"))
    assert "Mitra" in messages[0]["text"] and "bot" in messages[0]["text"]
    assert '/change_language{"language":"my"}' in button_payloads(messages[1])
    assert slot_events(events) == {"intro_shown": True, "pending_topic": "unpaid_wages"}


def test_a_greeting_as_first_message_leaves_nothing_pending():
    _, events = run_action(ActionAnswerTopic(), make_tracker("greet", "hi"))
    assert slot_events(events)["pending_topic"] is None


def test_emergency_numbers_come_first_even_before_the_introduction(library):
    messages, events = run_action(ActionAnswerTopic(), make_tracker("emergency_help", "help me now"))
    assert library.countries["TH"].facts["police"].fields["phone"] in messages[0]["text"]
    assert library.countries["MY"].facts["police"].fields["phone"] in messages[0]["text"]
    assert "Mitra" in messages[1]["text"]  # the introduction follows
    assert slot_events(events)["intro_shown"] is True


def test_a_topic_that_needs_the_country_asks_for_it_first():
    slots = {"intro_shown": True, "language": "en"}
    messages, events = run_action(ActionAnswerTopic(), make_tracker("passport_retention", slots=slots))
    assert '/inform_country{"work_country":"TH"}' in button_payloads(messages[-1])
    assert slot_events(events) == {"pending_topic": "passport_retention"}


def test_missing_translation_answers_in_english_and_says_so(library, monkeypatch):
    without_thai = copy.deepcopy(library)
    without_thai.topics["passport_retention"].answers.pop("th", None)
    monkeypatch.setattr("bot.actions.base.store", SimpleNamespace(library=without_thai))
    slots = {**ONBOARDED, "language": "th"}
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("passport_retention", slots=slots))
    assert len(messages) == 2  # the note that this answer is not translated yet, then the answer
    assert library.countries["TH"].facts["labour_hotline"].fields["phone"] in messages[1]["text"]
    assert "In Thailand" in messages[1]["text"]  # the English text


def test_an_intent_without_an_answer_gets_the_fallback_with_emergency_line():
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("no_such_topic", slots=ONBOARDED))
    assert any("police" in m["text"] for m in messages)


def test_an_out_of_scope_question_still_shows_the_emergency_line_and_the_menu(library):
    # A cry for help the model misreads as out of scope must still show the way to the police.
    messages, _ = run_action(ActionAnswerTopic(), make_tracker("out_of_scope", "they lock us", slots=ONBOARDED))
    texts = " ".join(m["text"] for m in messages)
    assert library.countries["TH"].facts["police"].fields["phone"] in texts
    assert '/help_menu{"menu_group":"rights_at_work"}' in button_payloads(messages[-1])
