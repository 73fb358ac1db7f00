"""A durable outbox: every case and message is written to SQL first, then delivered;
an item leaves the outbox only once the backend took it. Nothing is lost while a
backend is down: failed items are retried with backoff (30 s, 1 min, 2 min ... up to
an hour) by a background thread in the action server, and by `python -m bot.handoff retry`.

Order: a case's items go out in the order they were written, and a failed item holds
back the later ones of its case (a message never arrives before its case). Each item
is claimed before delivery (`claimed_until`), so two processes retrying at once do not
both deliver it. A crash between delivery and deletion can still repeat an item: each
carries an `event_id` for the receiver to drop duplicates.

The table `handoff_cases` maps a case to its conversation (and to the backend's id for
it), for the Rasa server's channel (bot/channels/handoff.py) that receives replies.
Rows go when the case is closed and nothing for it is left to send, or, for a case never
closed, when the retention job deletes its conversation (bot/privacy/retention.py).
"""
import json
import logging
import threading
import time
import uuid
from typing import Any, Callable, Dict, Iterable, List, Optional

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine, delete, insert, \
    select, update

from bot.handoff.backends import Backend, DeliveryError
from bot.handoff.case import Case

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600
CLAIM_SECONDS = 120  # longer than any delivery takes (timeouts are seconds)

metadata = MetaData()
cases = Table(
    "handoff_cases", metadata,
    Column("case_id", String(64), primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("backend_ref", String(255), index=True),
    Column("opened_at", Float, nullable=False),
    Column("closed_at", Float),
)
items = Table(
    "handoff_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), nullable=False, index=True),
    Column("payload", Text, nullable=False),  # the event as JSON (see backends/webhook.py)
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False),
    Column("claimed_until", Float),
    Column("last_error", Text),
)


class Outbox:
    def __init__(self, backend: Optional[Backend], database_url: str, retry_seconds: float = 30.0,
                 clock: Callable[[], float] = time.time):
        self.backend = backend
        self.retry_seconds = retry_seconds
        self.clock = clock
        if database_url.startswith("sqlite:///"):
            from pathlib import Path

            Path(database_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(database_url, future=True)
        metadata.create_all(self.engine)

    # --- what the action server writes -------------------------------------------------
    def open_case(self, case: Case, sender_id: str) -> bool:
        """Queue a new case and try to deliver it now. True if the backend has it."""
        with self.engine.begin() as db:
            db.execute(insert(cases).values(case_id=case.case_id, sender_id=sender_id, opened_at=self.clock()))
        self._enqueue(case.case_id, {"event": "case.opened", "case": case.summary()})
        return self.flush(case.case_id)

    def relay(self, case_id: str, text: str) -> bool:
        """Queue what the worker wrote during the hand-off; True if delivered now."""
        self._enqueue(case_id, {"event": "case.message", "text": text})
        return self.flush(case_id)

    def leave(self, case_id: str, reason: str) -> bool:
        """The worker ended the hand-off: tell the team, and stop taking replies for it."""
        self._enqueue(case_id, {"event": "case.left", "reason": reason})
        self.close(case_id)
        return self.flush(case_id)

    def _enqueue(self, case_id: str, event: Dict[str, Any]) -> None:
        event = {**event, "event_id": uuid.uuid4().hex, "case_id": case_id}
        with self.engine.begin() as db:
            db.execute(insert(items).values(case_id=case_id, payload=json.dumps(event, ensure_ascii=False),
                                            attempts=0, next_attempt_at=self.clock()))

    # --- what the Rasa server's channel reads ------------------------------------------
    def sender_of(self, case_id: str) -> Optional[str]:
        """The conversation of an open case (None once closed or unknown)."""
        with self.engine.connect() as db:
            row = db.execute(select(cases.c.sender_id).where(
                cases.c.case_id == str(case_id), cases.c.closed_at.is_(None))).first()
        return row[0] if row else None

    def case_with_ref(self, backend_ref: str) -> Optional[str]:
        with self.engine.connect() as db:
            row = db.execute(select(cases.c.case_id).where(cases.c.backend_ref == str(backend_ref))).first()
        return row[0] if row else None

    def senders_of_cases_opened_before(self, cutoff: float) -> List[str]:
        with self.engine.connect() as db:
            return sorted({row[0] for row in db.execute(select(cases.c.sender_id).where(cases.c.opened_at < cutoff))})

    def forget_conversations(self, sender_ids: Iterable[str]) -> int:
        """Delete the cases of these conversations, open or not, and all still queued for them."""
        senders = sorted({str(s) for s in sender_ids})
        if not senders:
            return 0
        with self.engine.begin() as db:
            their_cases = select(cases.c.case_id).where(cases.c.sender_id.in_(senders))
            db.execute(delete(items).where(items.c.case_id.in_(their_cases)))
            return db.execute(delete(cases).where(cases.c.sender_id.in_(senders))).rowcount

    def close(self, case_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(cases).where(cases.c.case_id == case_id, cases.c.closed_at.is_(None))
                       .values(closed_at=self.clock()))
        self._forget_finished()

    # --- delivery ----------------------------------------------------------------------
    def pending(self, case_id: Optional[str] = None) -> int:
        query = select(items.c.id)
        if case_id is not None:
            query = query.where(items.c.case_id == case_id)
        with self.engine.connect() as db:
            return len(db.execute(query).all())

    def flush(self, case_id: Optional[str] = None) -> bool:
        """Deliver what is due, oldest first. True if nothing (of this case) is left waiting."""
        if self.backend is None:
            return False
        now = self.clock()
        query = select(items).order_by(items.c.id)
        if case_id is not None:
            query = query.where(items.c.case_id == case_id)
        with self.engine.connect() as db:
            rows = db.execute(query).mappings().all()
        held_back = set()
        for row in rows:
            if row["case_id"] in held_back:
                continue
            if row["next_attempt_at"] > now or not self._claim(row["id"], now):
                held_back.add(row["case_id"])
                continue
            if not self._deliver(row, now):
                held_back.add(row["case_id"])
        self._forget_finished()
        return self.pending(case_id) == 0

    def _claim(self, item_id: int, now: float) -> bool:
        with self.engine.begin() as db:
            claimed = db.execute(update(items).where(
                items.c.id == item_id,
                (items.c.claimed_until.is_(None)) | (items.c.claimed_until < now),
            ).values(claimed_until=now + CLAIM_SECONDS))
        return claimed.rowcount == 1

    def _deliver(self, row, now: float) -> bool:
        event = json.loads(row["payload"])
        with self.engine.connect() as db:
            ref = db.execute(select(cases.c.backend_ref).where(cases.c.case_id == row["case_id"])).scalar()
        try:
            new_ref = self.backend.deliver(event, ref)
        except Exception as error:  # noqa: BLE001 - any failure means: keep it and retry
            attempts = row["attempts"] + 1
            delay = min(self.retry_seconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
            logger.warning("hand-off %s for case %s not delivered (attempt %d, retry in %.0f s): %s",
                           event.get("event"), row["case_id"], attempts, delay, _reason(error))
            with self.engine.begin() as db:
                db.execute(update(items).where(items.c.id == row["id"]).values(
                    attempts=attempts, next_attempt_at=now + delay, claimed_until=None,
                    last_error=_reason(error)[:500]))
            return False
        with self.engine.begin() as db:
            if new_ref and new_ref != ref:
                db.execute(update(cases).where(cases.c.case_id == row["case_id"]).values(backend_ref=str(new_ref)))
            db.execute(delete(items).where(items.c.id == row["id"]))
        return True

    def _forget_finished(self) -> None:
        """Closed cases with nothing left to send are deleted: Mitra keeps no case history."""
        with self.engine.begin() as db:
            waiting = select(items.c.case_id)
            db.execute(delete(cases).where(cases.c.closed_at.is_not(None), cases.c.case_id.not_in(waiting)))


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"


class RetryLoop(threading.Thread):
    """Flushes the outbox every few seconds, in the background of the action server."""

    def __init__(self, outbox: Outbox, interval: float):
        super().__init__(name="handoff-retry", daemon=True)
        self.outbox = outbox
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.outbox.flush()
            except Exception:  # noqa: BLE001 - e.g. the database is briefly away: try again next round
                logger.exception("hand-off retry round failed")

    def stop(self) -> None:
        self.stopped.set()
