"""The menu, and what happens when Mitra does not understand."""
from bot.actions.fallback import ActionFallback
from bot.actions.menu import ActionShowMenu
from tests.conftest import button_payloads, make_tracker, run_action

KNOWN = {"intro_shown": True, "language": "en", "work_country": "TH"}


def test_the_menu_lists_topic_groups():
    messages, _ = run_action(ActionShowMenu(), make_tracker("help_menu", slots=KNOWN))
    assert '/help_menu{"menu_group":"get_help"}' in button_payloads(messages[-1])


def test_a_group_lists_its_topics():
    tracker = make_tracker("help_menu", slots=KNOWN, entities=[{"entity": "menu_group", "value": "get_help"}])
    messages, _ = run_action(ActionShowMenu(), tracker)
    assert "/emergency_help" in button_payloads(messages[-1])


def test_fallback_asks_to_rephrase_and_always_gives_the_emergency_number(library):
    messages, _ = run_action(ActionFallback(), make_tracker("nlu_fallback", "blorp zzz", slots=KNOWN))
    texts = " ".join(m["text"] for m in messages)
    assert "another way" in texts
    assert library.countries["TH"].facts["police"].fields["phone"] in texts
    assert button_payloads(messages[-1])  # the menu


def test_fallback_offers_the_likeliest_topics_it_was_unsure_of():
    ranking = [{"name": "nlu_fallback", "confidence": 0.2}, {"name": "unpaid_wages", "confidence": 0.15},
               {"name": "greet", "confidence": 0.1}, {"name": "dismissal", "confidence": 0.08},
               {"name": "out_of_scope", "confidence": 0.07}, {"name": "passport_retention", "confidence": 0.04}]
    tracker = make_tracker("nlu_fallback", "boss say finish no money", slots=KNOWN, intent_ranking=ranking)
    messages, _ = run_action(ActionFallback(), tracker)
    # Topics only (not greetings or out of scope), and none the classifier all but ruled out.
    assert button_payloads(messages[0]) == ["/unpaid_wages", "/dismissal"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Unpaid wages", "Fired from my job"]


def test_fallback_without_a_ranking_offers_no_topic_of_its_own():
    messages, _ = run_action(ActionFallback(), make_tracker("nlu_fallback", "blorp zzz", slots=KNOWN))
    assert button_payloads(messages[0]) == []


def test_an_empty_message_is_answered_politely():
    messages, _ = run_action(ActionFallback(), make_tracker("nlu_fallback", "", slots=KNOWN))
    assert "empty" in messages[0]["text"]


def test_unreadable_bytes_are_answered_politely():
    messages, _ = run_action(ActionFallback(), make_tracker("nlu_fallback", "\ufffd\ufffd\ufffd", slots=KNOWN))
    assert "could not read" in messages[0]["text"]


def test_a_very_long_message_says_only_the_beginning_was_read():
    tracker = make_tracker("nlu_fallback", "x" * 1000, slots=KNOWN, text_truncated=True)
    messages, _ = run_action(ActionFallback(), tracker)
    assert "very long" in messages[0]["text"]


def test_a_broken_action_still_sends_the_fallback(monkeypatch):
    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(ActionShowMenu, "respond", broken)
    messages, events = run_action(ActionShowMenu(), make_tracker("help_menu", slots=KNOWN))
    assert any("police" in m["text"] for m in messages)
    assert events == []
