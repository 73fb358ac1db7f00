"""What the tracker store writes to the database: read the stored rows themselves."""
import asyncio
import os
import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.tracker_store import RedactingTrackerStore
from tests.conftest import ROOT

SECRETS = ["MD1234567", "somchai@example.com", "081-234-5678"]
MESSAGE = "boss keeps my passport MD1234567, call me 081-234-5678 or somchai@example.com"


def conversation(sender="worker-1"):
    tracker = DialogueStateTracker(sender, Domain.load(str(ROOT / "domain.yml")).slots)
    tracker.update(UserUttered(MESSAGE, {"name": "passport_retention", "confidence": 0.9},
                               parse_data={"text": MESSAGE}))
    tracker.update(ActionExecuted("action_answer_topic"))
    tracker.update(BotUttered("Call the labour hotline 1546."))
    return tracker


def save_and_reload(store, tracker):
    asyncio.run(store.save(tracker))
    return asyncio.run(store.retrieve(tracker.sender_id))


def test_sqlite_rows_hold_no_personal_data(tmp_path):
    db = tmp_path / "tracker.db"
    store = RedactingTrackerStore(Domain.load(str(ROOT / "domain.yml")),
                                  store={"type": "SQL", "dialect": "sqlite", "db": str(db)})
    tracker = conversation()
    reloaded = save_and_reload(store, tracker)
    rows = " ".join(row[0] for row in sqlite3.connect(db).execute("select data from events"))
    assert "passport" in rows and "1546" in rows
    assert not any(secret in rows for secret in SECRETS)
    assert tracker.latest_message.text == MESSAGE  # the live conversation keeps the words
    assert "[id-number]" in reloaded.latest_message.text


def test_saving_twice_adds_only_new_events(tmp_path):
    db = tmp_path / "tracker.db"
    store = RedactingTrackerStore(None, store={"type": "SQL", "dialect": "sqlite", "db": str(db)})
    tracker = conversation()
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("thanks", {"name": "thank", "confidence": 0.9}))
    asyncio.run(store.save(tracker))
    count = sqlite3.connect(db).execute("select count(*) from events").fetchone()[0]
    assert count == len(tracker.events)


@pytest.fixture
def postgres():
    import sqlalchemy

    url = "postgresql://postgres@127.0.0.1:5432/test"
    try:
        with sqlalchemy.create_engine(url).connect():
            pass
    except Exception as error:  # noqa: BLE001
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable on 127.0.0.1:5432 ({type(error).__name__})")
    return {"type": "SQL", "dialect": "postgresql", "url": "127.0.0.1", "port": 5432,
            "username": "postgres", "db": "test"}


def test_postgresql_rows_hold_no_personal_data(postgres):
    import sqlalchemy

    sender = f"privacy-test-{os.getpid()}"
    store = RedactingTrackerStore(None, store=postgres)
    save_and_reload(store, conversation(sender))
    engine = sqlalchemy.create_engine("postgresql://postgres@127.0.0.1:5432/test")
    with engine.begin() as db:
        rows = " ".join(r[0] for r in db.execute(sqlalchemy.text("select data from events where sender_id = :s"),
                                                 {"s": sender}))
        db.execute(sqlalchemy.text("delete from events where sender_id = :s"), {"s": sender})
    assert "passport" in rows and not any(secret in rows for secret in SECRETS)
