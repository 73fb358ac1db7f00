"""Conversations nobody wrote in for N days are deleted; recent ones stay."""
import asyncio
import sqlite3
import time

from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import retention
from bot.privacy.tracker_store import RedactingTrackerStore


def save(store, sender, age_days):
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("hello", {"name": "greet", "confidence": 1.0},
                               timestamp=time.time() - age_days * 86400))
    asyncio.run(store.save(tracker))


def test_old_conversations_are_deleted_and_recent_ones_kept(tmp_path):
    db = tmp_path / "tracker.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: bot.privacy.tracker_store.RedactingTrackerStore\n"
                         f"  store:\n    type: SQL\n    dialect: sqlite\n    db: {db}\n")
    store = RedactingTrackerStore(None, store={"type": "SQL", "dialect": "sqlite", "db": str(db)})
    save(store, "old-worker", age_days=45)
    save(store, "recent-worker", age_days=2)

    assert retention.main(["--days", "30", "--endpoints", str(endpoints)]) == 0

    senders = {row[0] for row in sqlite3.connect(db).execute("select sender_id from events")}
    assert senders == {"recent-worker"}
