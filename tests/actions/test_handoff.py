"""Talking to a person: consent first, then a case; Mitra pauses and relays until it is closed."""
import pytest
from rasa_sdk import Tracker

from bot.actions.answers import ActionAnswerTopic
from bot.actions.fallback import ActionFallback
from bot.actions.handoff import ActionTalkToHuman
from bot.handoff import runtime
from bot.privacy import ERASE_SLOT
from tests.conftest import button_payloads, make_tracker, run_action, slot_events
from tests.handoff.fake_server import FakeServer

KNOWN = {"intro_shown": True, "language": "en", "work_country": "TH", "home_country": "MM"}
SECRET = "action-test-secret"


@pytest.fixture
def team(tmp_path, monkeypatch):
    """A team's webhook receiver, and Mitra configured to send cases to it."""
    with FakeServer() as server:
        monkeypatch.setenv("MITRA_HANDOFF_BACKEND", "webhook")
        monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_URL", server.url + "/cases")
        monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_SECRET", SECRET)
        monkeypatch.setenv("MITRA_HANDOFF_DB", f"sqlite:///{tmp_path / 'handoff.db'}")
        runtime.reset()
        yield server
        runtime.reset()


@pytest.fixture
def no_team(monkeypatch):
    monkeypatch.delenv("MITRA_HANDOFF_BACKEND", raising=False)
    runtime.reset()
    yield
    runtime.reset()


def asked_about(intent: str, text: str, slots=None, entities=None, **parse) -> Tracker:
    """A tracker where the worker first asked about `intent`, then wrote `text`."""
    tracker = make_tracker("talk_to_human", text, slots={**KNOWN, **(slots or {})}, entities=entities, **parse)
    tracker.events = [{"event": "user", "text": "boss has my passport",
                       "parse_data": {"intent": {"name": intent}}},
                      {"event": "user", "text": text, "parse_data": {"intent": {"name": "talk_to_human"}}}]
    return tracker


def consent(answer: str) -> Tracker:
    return asked_about("passport_retention", f'/talk_to_human{{"handoff":"{answer}"}}',
                       entities=[{"entity": "handoff", "value": answer}])


def hotline(library, key="ngo_hotline_my", country="TH"):
    return library.countries[country].facts[key].fields["phone"]


def open_case(team) -> str:
    _, events = run_action(ActionTalkToHuman(), consent("yes"))
    return slot_events(events)["handoff_case"]


def in_handoff(case_id, intent, text, entities=None, **slots) -> Tracker:
    return make_tracker(intent, text, slots={**KNOWN, "handoff_case": case_id, **slots}, entities=entities)


def test_asking_for_a_person_shows_what_would_be_shared_and_asks_first(team):
    messages, events = run_action(ActionTalkToHuman(), asked_about("passport_retention", "i want a real person"))
    [offer] = messages
    assert "English, Thailand, Myanmar" in offer["text"] and "passport" in offer["text"].lower()
    assert button_payloads(offer) == ['/talk_to_human{"handoff":"yes"}', '/talk_to_human{"handoff":"no"}']
    assert team.received == [] and events == []  # nothing leaves Mitra before "yes"


def test_a_first_message_asking_for_a_person_first_hears_that_mitra_is_a_bot(team):
    tracker = make_tracker("talk_to_human", "i need a real person")
    messages, events = run_action(ActionTalkToHuman(), tracker)
    assert "chat bot, not a person" in messages[0]["text"] and "summary" in messages[1]["text"]
    assert slot_events(events) == {"intro_shown": True}


def test_yes_sends_the_case_and_says_what_happens_next(team, library):
    messages, events = run_action(ActionTalkToHuman(), consent("yes"))
    [call] = team.received
    case = call.json()["case"]
    assert case["topic"] == "passport_retention" and case["work_country"] == "TH" and case["language"] == "en"
    assert "24 hours" in messages[0]["text"] and button_payloads(messages[0]) == ['/talk_to_human{"handoff":"leave"}']
    assert hotline(library, "police") in messages[1]["text"]  # in danger: do not wait for us
    assert slot_events(events)["handoff_case"] == case["case_id"]


def test_self_check_signs_go_only_into_a_case_the_worker_agreed_to(team):
    signs = ["retention_of_identity_documents", "withholding_of_wages"]
    tracker = consent("yes")
    tracker.slots["self_check_signs"] = signs
    run_action(ActionTalkToHuman(), tracker)
    assert team.received[0].json()["case"]["self_check_signs"] == signs


def test_backend_down_gives_the_hotlines_at_once_and_keeps_the_case(team, library):
    team.up = False
    messages, events = run_action(ActionTalkToHuman(), consent("yes"))
    assert "could not reach our team" in messages[0]["text"]
    assert hotline(library) in messages[1]["text"]
    case_id = slot_events(events)["handoff_case"]
    assert runtime.outbox().pending(case_id) == 1  # retried later, not lost
    team.up = True
    runtime.outbox().clock = lambda: 10 ** 12  # long after the backoff
    assert runtime.outbox().flush() and team.received[0].json()["case_id"] == case_id


def test_no_gives_the_hotlines_and_shares_nothing(team, library):
    messages, events = run_action(ActionTalkToHuman(), consent("no"))
    assert "nothing was shared" in messages[0]["text"] and hotline(library) in messages[1]["text"]
    assert team.received == [] and "handoff_case" not in slot_events(events)


def test_without_a_team_behind_mitra_the_worker_gets_the_hotlines(no_team, library):
    messages, events = run_action(ActionTalkToHuman(), asked_about("unpaid_wages", "talk to a human"))
    assert hotline(library) in messages[0]["text"] and events == []


def test_during_a_hand_off_messages_are_relayed_not_answered(team):
    case_id = open_case(team)
    for action, intent in ((ActionAnswerTopic(), "unpaid_wages"), (ActionFallback(), "nlu_fallback")):
        messages, _ = run_action(action, in_handoff(case_id, intent, "my boss did not pay me for 3 months"))
        assert [m["text"] for m in messages] == ["Sent to our team."]
    relayed = [r.json() for r in team.received[1:]]
    assert [r["text"] for r in relayed] == ["my boss did not pay me for 3 months"] * 2


def test_a_huge_message_reaches_the_team_cut_short(team):
    case_id = open_case(team)
    run_action(ActionAnswerTopic(), in_handoff(case_id, "nlu_fallback", "x" * 100_000))
    assert len(team.received[-1].json()["text"]) < 4100


def test_an_emergency_during_a_hand_off_still_gets_the_numbers_first(team, library):
    case_id = open_case(team)
    for intent in ("unpaid_wages", "emergency_help"):
        messages, _ = run_action(ActionAnswerTopic(), in_handoff(case_id, intent, "help me now they beat me"))
        assert hotline(library, "police") in messages[0]["text"]
        assert messages[-1]["text"] == "Sent to our team."
    assert team.received[-1].json()["text"] == "help me now they beat me"


def test_quick_exit_during_a_hand_off_tells_the_team_the_worker_left(team):
    case_id = open_case(team)
    messages, events = run_action(ActionAnswerTopic(), in_handoff(case_id, "out_of_scope", "exit"))
    assert messages[0]["text"] == "OK." and slot_events(events)[ERASE_SLOT] is True
    left = team.received[-1].json()
    assert left["event"] == "case.left" and left["reason"] == "quick_exit"


def test_menu_buttons_during_a_hand_off_remind_how_to_go_back(team):
    case_id = open_case(team)
    messages, _ = run_action(ActionAnswerTopic(), in_handoff(case_id, "minimum_wage", "/minimum_wage"))
    assert "Back to Mitra" in messages[0]["text"]
    assert len(team.received) == 1  # a button is not a message for the team


def test_the_worker_can_leave_the_hand_off(team):
    case_id = open_case(team)
    tracker = in_handoff(case_id, "talk_to_human", '/talk_to_human{"handoff":"leave"}',
                         entities=[{"entity": "handoff", "value": "leave"}])
    messages, events = run_action(ActionTalkToHuman(), tracker)
    assert "You are back with Mitra" in messages[0]["text"] and slot_events(events)["handoff_case"] is None
    assert team.received[-1].json()["reason"] == "worker_left"


def test_a_case_left_open_when_hand_off_was_turned_off_does_not_silence_mitra(no_team, library):
    messages, events = run_action(ActionAnswerTopic(), in_handoff("c1", "unpaid_wages", "boss did not pay me"))
    assert "Sent to our team." not in messages[0]["text"] and library.countries["TH"].facts["labour_hotline"] \
        .fields["phone"] in " ".join(m["text"] for m in messages)
    assert slot_events(events)["handoff_case"] is None


def from_team(case_id, event, slots_case=None, **entities) -> Tracker:
    values = {"handoff_event": event, "case_id": case_id, **entities}
    return make_tracker("talk_to_human", "EXTERNAL: talk_to_human",
                        slots={**KNOWN, "handoff_case": slots_case or case_id},
                        entities=[{"entity": k, "value": v} for k, v in values.items()])


def test_a_persons_reply_reaches_the_worker_as_written(team):
    messages, _ = run_action(ActionTalkToHuman(), from_team("c1", "reply", agent_message="Hi {police}, I am Dara"))
    assert messages[0]["text"] == "Our team:\nHi {police}, I am Dara"


def test_a_reply_the_channel_cannot_push_waits_for_the_workers_next_message(team):
    _, events = run_action(ActionTalkToHuman(), from_team("c1", "reply", agent_message="Call me", push="no"))
    inbox = slot_events(events)["handoff_inbox"]
    messages, events = run_action(ActionAnswerTopic(), in_handoff("c1", "greet", "hello?", handoff_inbox=inbox))
    assert messages[0]["text"] == "Our team:\nCall me" and slot_events(events)["handoff_inbox"] is None


def test_a_close_the_channel_cannot_push_is_told_with_the_next_answer(team, library):
    _, events = run_action(ActionTalkToHuman(), from_team("c1", "closed", push="no"))
    assert slot_events(events) == {"handoff_case": None, "handoff_inbox": [{"ui": "handoff_closed"}]}
    tracker = make_tracker("minimum_wage", "minimum wage?", slots={**KNOWN, "handoff_inbox": [{"ui": "handoff_closed"}]})
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    assert "You are back with Mitra" in messages[0]["text"]
    assert "337" in messages[1]["text"]  # and the answer to the question


def test_closing_the_case_brings_mitra_back(team):
    messages, events = run_action(ActionTalkToHuman(), from_team("c1", "closed"))
    assert "You are back with Mitra" in messages[0]["text"] and slot_events(events)["handoff_case"] is None


def test_events_for_another_case_are_ignored(team):
    messages, events = run_action(ActionTalkToHuman(), from_team("old-case", "closed", slots_case="c2"))
    assert messages == [] and events == []


def test_a_worker_typing_an_external_event_gets_no_fake_team_message(team):
    tracker = make_tracker("talk_to_human", '/talk_to_human{"handoff_event":"reply","agent_message":"x"}',
                           slots={**KNOWN, "handoff_case": "c1"},
                           entities=[{"entity": "handoff_event", "value": "reply"},
                                     {"entity": "case_id", "value": "c1"},
                                     {"entity": "agent_message", "value": "x"}])
    messages, _ = run_action(ActionTalkToHuman(), tracker)
    assert all("Our team:" not in m["text"] for m in messages)


@pytest.mark.parametrize("language", ["en", "my", "km", "lo", "th", "id", "ne", "bn"])
def test_every_step_speaks_the_workers_language(team, library, language):
    slots = {"language": language}
    offer, _ = run_action(ActionTalkToHuman(), asked_about("passport_retention", "person", slots=slots))
    assert offer[0]["text"] == offer[0]["text"].strip() and library.languages[language].name in offer[0]["text"]
    tracker = consent("yes")
    tracker.slots["language"] = language
    opened, events = run_action(ActionTalkToHuman(), tracker)
    assert "24" in opened[0]["text"]
    sent, _ = run_action(ActionAnswerTopic(), in_handoff(slot_events(events)["handoff_case"], "greet", "hi",
                                                         language=language))
    en = library.ui["en"].strings
    assert (sent[0]["text"] != en["handoff_sent"]) == (language != "en")


def test_a_slow_team_tool_does_not_hold_up_other_workers_replies(tmp_path, monkeypatch):
    """While one worker's case waits on the team's tool, another worker still gets an answer."""
    import asyncio
    import threading

    from rasa_sdk.executor import CollectingDispatcher

    release = threading.Event()

    def slow(_request):
        release.wait(timeout=20)  # the team's tool takes its time
        return 200, {"id": "ref-1"}

    with FakeServer(answer=slow) as server:
        monkeypatch.setenv("MITRA_HANDOFF_BACKEND", "webhook")
        monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_URL", server.url + "/cases")
        monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_SECRET", SECRET)
        monkeypatch.setenv("MITRA_HANDOFF_TIMEOUT", "30")
        monkeypatch.setenv("MITRA_HANDOFF_DB", f"sqlite:///{tmp_path / 'handoff.db'}")
        runtime.reset()

        async def both():
            opening = asyncio.create_task(ActionTalkToHuman().run(CollectingDispatcher(), consent("yes"), {}))
            await asyncio.sleep(0.2)  # the case is on its way to the slow tool
            other = CollectingDispatcher()
            await asyncio.wait_for(ActionAnswerTopic().run(
                other, make_tracker("unpaid_wages", "boss no pay me", slots=KNOWN), {}), timeout=10)
            answered_while_waiting = not release.is_set() and not opening.done()
            release.set()
            await opening
            return answered_while_waiting, other.messages

        try:
            answered_while_waiting, messages = asyncio.run(both())
        finally:
            release.set()
            runtime.reset()
    assert answered_while_waiting and messages
