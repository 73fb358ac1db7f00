"""The worker's choice of language wins; a consistent other language gets one offer to switch."""
from rasa_sdk import Tracker

from bot.actions.answers import ActionAnswerTopic
from bot.actions.worker import language_to_offer
from tests.conftest import button_payloads, run_action, slot_events

ENABLED = ["en", "th", "my"]


def user(text, language, score=1.0):
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "language": language, "language_score": score}}


def tracker_with(*events, slots=None, intent="thank"):
    latest = dict(events[-1]["parse_data"], intent={"name": intent, "confidence": 0.9}, entities=[])
    all_slots = {"language": "en", "work_country": "TH", "home_country": None, "intro_shown": True,
                 "pending_topic": None, "language_offered": None, **(slots or {})}
    return Tracker("w", all_slots, latest, list(events), False, None, {}, "action_listen")


def test_two_substantial_messages_in_another_language_lead_to_an_offer():
    tracker = tracker_with(user("นายจ้างไม่จ่ายเงินเดือน", "th"), user("ไม่ได้เงินมาสองเดือนแล้ว", "th"))
    assert language_to_offer(tracker, "en", ENABLED) == "th"


def test_a_short_greeting_does_not_count():
    tracker = tracker_with(user("นายจ้างไม่จ่ายเงินเดือน", "th"), user("hi", "en"), user("สวัสดี", "th"))
    assert language_to_offer(tracker, "en", ENABLED) is None


def test_one_message_is_not_enough_and_mixed_languages_are_not_consistent():
    assert language_to_offer(tracker_with(user("นายจ้างไม่จ่ายเงินเดือน", "th")), "en", ENABLED) is None
    mixed = tracker_with(user("นายจ้างไม่จ่ายเงินเดือน", "th"), user("my boss does not pay me", "en"))
    assert language_to_offer(mixed, "en", ENABLED) is None


def test_the_offer_is_made_once_in_the_other_language_with_a_button():
    events = (user("นายจ้างไม่จ่ายเงินเดือน", "th"), user("ไม่ได้เงินมาสองเดือนแล้ว", "th"))
    messages, returned = run_action(ActionAnswerTopic(), tracker_with(*events))
    assert '/change_language{"language":"th"}' in button_payloads(messages[-1])
    assert slot_events(returned)["language_offered"] == "th"
    messages, returned = run_action(ActionAnswerTopic(), tracker_with(*events, slots={"language_offered": "th"}))
    assert all('/change_language{"language":"th"}' not in button_payloads(m) for m in messages)


def test_a_zawgyi_writer_is_told_once_that_replies_come_in_unicode(library):
    from tests.conftest import make_tracker, run_action

    tracker = make_tracker("greet", "မဂ်လာပါ", slots={"intro_shown": True, "language": "my"}, zawgyi=True)
    messages, events = run_action(ActionAnswerTopic(), tracker)
    note = library.ui["my"].strings["zawgyi_note"]
    assert messages[-1]["text"] == note.strip() and slot_events(events)["zawgyi_noted"] is True
    tracker = make_tracker("greet", "မဂ်လာပါ", slots={"intro_shown": True, "language": "my", "zawgyi_noted": True},
                           zawgyi=True)
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    assert all(m["text"] != note.strip() for m in messages)
