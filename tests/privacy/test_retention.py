"""Conversations nobody wrote in for N days are deleted; recent ones stay."""
import asyncio
import sqlite3
import time

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import retention
from bot.privacy.tracker_store import RedactingTrackerStore


@pytest.fixture
def sqlite_store(tmp_path):
    """The tracker database, an endpoints file naming it (as the job reads it), and the store."""
    db = tmp_path / "tracker.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: bot.privacy.tracker_store.RedactingTrackerStore\n"
                         f"  store:\n    type: SQL\n    dialect: sqlite\n    db: {db}\n")
    return db, endpoints, RedactingTrackerStore(None, store={"type": "SQL", "dialect": "sqlite", "db": str(db)})


def save(store, sender, age_days):
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("hello", {"name": "greet", "confidence": 1.0},
                               timestamp=time.time() - age_days * 86400))
    asyncio.run(store.save(tracker))


def test_old_conversations_are_deleted_and_recent_ones_kept(sqlite_store):
    db, endpoints, store = sqlite_store
    save(store, "old-worker", age_days=45)
    save(store, "recent-worker", age_days=2)

    assert retention.main(["--days", "30", "--endpoints", str(endpoints)]) == 0

    senders = {row[0] for row in sqlite3.connect(db).execute("select sender_id from events")}
    assert senders == {"recent-worker"}


def test_hand_off_cases_of_deleted_conversations_go_with_them(sqlite_store, tmp_path, monkeypatch):
    from bot.handoff import runtime
    from bot.handoff.backends.webhook import WebhookBackend
    from bot.handoff.case import Case
    from bot.handoff.outbox import Outbox
    from bot.servers import free_ports

    db, endpoints, store = sqlite_store
    save(store, "old-worker", age_days=45)
    save(store, "recent-worker", age_days=2)
    save(store, "long-case-worker", age_days=1)  # a case opened long ago, still talking

    handoff_db = f"sqlite:///{tmp_path / 'handoff.db'}"
    nobody = f"http://127.0.0.1:{free_ports(1)[0]}/cases"  # the team's tool is down: items stay queued
    long_ago = time.time() - 40 * 86400
    past = Outbox(WebhookBackend(nobody, "secret", timeout=1), handoff_db, clock=lambda: long_ago)
    for sender in ("old-worker", "long-case-worker", "deleted-earlier-worker"):
        case = Case.new("en", "TH", "MM", "unpaid_wages")
        past.open_case(case, sender_id=sender)
        past.relay(case.case_id, f"message from {sender}")
    now = Outbox(WebhookBackend(nobody, "secret", timeout=1), handoff_db)
    now.open_case(Case.new("en", "MY", "NP", "dismissal"), sender_id="recent-worker")

    monkeypatch.setenv("MITRA_HANDOFF_BACKEND", "webhook")
    monkeypatch.setenv("MITRA_HANDOFF_DB", handoff_db)
    monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_URL", nobody)
    monkeypatch.setenv("MITRA_HANDOFF_WEBHOOK_SECRET", "secret")
    runtime.reset()
    try:
        assert retention.main(["--days", "30", "--endpoints", str(endpoints)]) == 0
    finally:
        runtime.reset()

    handoff = sqlite3.connect(tmp_path / "handoff.db")
    assert {row[0] for row in handoff.execute("select sender_id from handoff_cases")} == {
        "recent-worker", "long-case-worker"}
    queued = " ".join(row[0] for row in handoff.execute("select payload from handoff_outbox"))
    assert "message from long-case-worker" in queued
    assert "old-worker" not in queued and "deleted-earlier-worker" not in queued
