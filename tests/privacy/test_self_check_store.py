"""The self-check's answers are stored only while it runs: read the stored rows themselves."""
import asyncio
import json
import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, Restarted, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.self_check import FORM, SCRUBBED, SIGNS_SLOT, scrub
from bot.privacy.tracker_store import RedactingTrackerStore
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
ANSWER = "my boss keeps my passport MD1234567 and hits me sometimes"  # typed, not a button
SUMMARY = "You told me about these signs: Your passport or ID is kept."


def user(text, intent):
    return UserUttered(text, {"name": intent, "confidence": 0.9}, parse_data={"text": text})


def turn(tracker, *events):
    for event in events:
        tracker.update(event)


def start(tracker):
    turn(tracker, ActionExecuted("action_listen"), user("am i at risk", "risk_self_check"),
         ActionExecuted(FORM), ActiveLoop(FORM), BotUttered("(1/11) Is your job different from what was promised?"),
         SlotSet("requested_slot", "ilo_deception"), ActionExecuted("action_listen"))


def answer(tracker, text, intent, slot, value, next_slot):
    turn(tracker, user(text, intent), ActionExecuted(FORM), SlotSet(slot, value),
         BotUttered("(2/11) Does your employer keep your passport?"), SlotSet("requested_slot", next_slot),
         ActionExecuted("action_listen"))


def finish(tracker, signs):
    turn(tracker, user("/affirm", "affirm"), ActionExecuted(FORM), SlotSet("self_check_consent", "yes"),
         SlotSet(SIGNS_SLOT, signs), BotUttered(SUMMARY), SlotSet("requested_slot", None), ActiveLoop(None),
         ActionExecuted("action_self_check_end"), BotUttered("OK, I kept the list of signs."),
         SlotSet("ilo_deception", None), SlotSet("ilo_documents", None), SlotSet("self_check_consent", None),
         ActionExecuted("action_listen"))


@pytest.fixture
def sqlite_store(tmp_path):
    db = tmp_path / "tracker.db"
    return RedactingTrackerStore(DOMAIN, store={"type": "SQL", "dialect": "sqlite", "db": str(db)}), db


def rows(db):
    return [json.loads(data) for (data,) in sqlite3.connect(db).execute("select data from events order by id")]


def stored_answers(db):
    return {e["name"]: e["value"] for e in rows(db) if e["event"] == "slot" and e["name"].startswith("ilo_")
            and e["value"] is not None}


def test_answers_are_stored_while_the_check_runs_and_scrubbed_when_it_ends(sqlite_store):
    store, db = sqlite_store
    tracker = DialogueStateTracker("worker-1", DOMAIN.slots)
    start(tracker)
    asyncio.run(store.save(tracker))
    answer(tracker, ANSWER, "affirm", "ilo_deception", "yes", "ilo_documents")
    asyncio.run(store.save(tracker))
    # Running: the next message needs the answers, so they are stored (redacted as always).
    assert stored_answers(db) == {"ilo_deception": "yes"}
    assert asyncio.run(store.retrieve("worker-1")).get_slot("ilo_deception") == "yes"
    answer(tracker, "yes", "affirm", "ilo_documents", "yes", "self_check_consent")
    asyncio.run(store.save(tracker))
    finish(tracker, ["deception", "documents"])
    asyncio.run(store.save(tracker))

    stored = rows(db)
    text = json.dumps(stored, ensure_ascii=False)
    assert stored_answers(db) == {}
    assert "hits me" not in text and "keeps my passport" not in text and SUMMARY not in text
    assert "am i at risk" in text  # the question that started the check is an ordinary message
    assert all(e["text"] == SCRUBBED for e in stored if e["event"] in ("user", "bot")
               and e["text"] not in ("am i at risk",))
    assert all(not e["parse_data"]["intent"] for e in stored if e["event"] == "user" and e["text"] == SCRUBBED)
    # What the worker agreed to keep stays; the live conversation was not changed.
    assert {e["name"]: e["value"] for e in stored if e["event"] == "slot"}[SIGNS_SLOT] == ["deception", "documents"]
    assert asyncio.run(store.retrieve("worker-1")).get_slot(SIGNS_SLOT) == ["deception", "documents"]
    assert tracker.get_slot(SIGNS_SLOT) == ["deception", "documents"]
    intents = [i for (i,) in sqlite3.connect(db).execute("select intent_name from events where type_name='user'")]
    assert intents == ["risk_self_check", None, None, None]


def test_the_conversation_goes_on_normally_after_the_scrub(sqlite_store):
    store, db = sqlite_store
    tracker = DialogueStateTracker("worker-2", DOMAIN.slots)
    start(tracker)
    answer(tracker, "yes", "affirm", "ilo_deception", "yes", "self_check_consent")
    finish(tracker, ["deception"])
    asyncio.run(store.save(tracker))
    turn(tracker, user("thanks", "thank"), ActionExecuted("action_answer_topic"), BotUttered("You're welcome."))
    asyncio.run(store.save(tracker))
    assert len(rows(db)) == len(tracker.events)  # later saves add only the new events
    assert rows(db)[-3]["text"] == "thanks"


class Broker:
    def __init__(self):
        self.published = []

    def publish(self, event):
        self.published.append(event)


def test_the_event_broker_never_receives_the_answers(tmp_path):
    broker = Broker()
    store = RedactingTrackerStore(DOMAIN, broker, store={"type": "SQL", "dialect": "sqlite",
                                                         "db": str(tmp_path / "t.db")})
    tracker = DialogueStateTracker("worker-3", DOMAIN.slots)
    start(tracker)
    asyncio.run(store.save(tracker))
    answer(tracker, ANSWER, "affirm", "ilo_deception", "yes", "self_check_consent")
    asyncio.run(store.save(tracker))
    finish(tracker, ["deception"])
    asyncio.run(store.save(tracker))
    text = json.dumps(broker.published, ensure_ascii=False)
    assert len(broker.published) == len(tracker.events)
    assert "hits me" not in text and SUMMARY not in text and '"value": "yes"' not in text
    assert '"deception"' in text  # the list the worker agreed to keep


def test_the_in_memory_store_scrubs_too():
    store = RedactingTrackerStore(DOMAIN)
    tracker = DialogueStateTracker("worker-4", DOMAIN.slots)
    start(tracker)
    answer(tracker, ANSWER, "affirm", "ilo_deception", "yes", "self_check_consent")
    asyncio.run(store.save(tracker))
    finish(tracker, [])
    asyncio.run(store.save(tracker))
    assert "hits me" not in store.inner.store["worker-4"]


@pytest.mark.parametrize("ending", [Restarted(), SessionStarted()])
def test_a_check_cut_short_by_a_restart_or_a_new_session_is_scrubbed_too(ending):
    tracker = DialogueStateTracker("worker-5", DOMAIN.slots)
    start(tracker)
    answer(tracker, ANSWER, "affirm", "ilo_deception", "yes", "ilo_documents")
    events = [e.as_dict() for e in tracker.events]
    assert "hits me" in json.dumps(scrub(events))  # still running: kept
    ended = scrub(events + [ending.as_dict(), SlotSet("ilo_deception", "yes").as_dict()])
    assert "hits me" not in json.dumps(ended) and '"yes"' not in json.dumps(ended)


@pytest.fixture
def redis_store():
    import os
    import socket
    import uuid

    if socket.socket().connect_ex(("127.0.0.1", 6379)) != 0:
        if os.environ.get("CI"):
            pytest.fail("needs the local Redis (127.0.0.1:6379)")
        pytest.skip("needs a local Redis on 127.0.0.1:6379")
    prefix = f"mitratest{uuid.uuid4().hex}"
    store = RedactingTrackerStore(DOMAIN, store={"type": "redis", "url": "127.0.0.1", "port": 6379,
                                                 "key_prefix": prefix, "record_exp": 600})
    yield store
    for key in store.inner.red.keys(f"{store.inner.key_prefix}*"):
        store.inner.red.delete(key)


def test_the_redis_store_scrubs_too_and_keeps_the_expiry(redis_store):
    tracker = DialogueStateTracker("worker-6", DOMAIN.slots)
    start(tracker)
    answer(tracker, ANSWER, "affirm", "ilo_deception", "yes", "self_check_consent")
    asyncio.run(redis_store.save(tracker))
    key = redis_store.inner.key_prefix + "worker-6"
    assert "hits me" in redis_store.inner.red.get(key)  # running: the next message needs it
    finish(tracker, ["deception"])
    asyncio.run(redis_store.save(tracker))

    stored = redis_store.inner.red.get(key)
    assert "hits me" not in stored and SUMMARY not in stored and "am i at risk" in stored
    assert asyncio.run(redis_store.retrieve("worker-6")).get_slot(SIGNS_SLOT) == ["deception"]
    assert 0 < redis_store.inner.red.ttl(key) <= 600
