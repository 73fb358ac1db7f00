"""A tracker store that keeps only redacted conversations, whatever database is behind it.

    tracker_store:
      type: bot.privacy.tracker_store.RedactingTrackerStore
      store:                      # the real store, configured as Rasa's own
        type: SQL
        dialect: sqlite
        db: var/tracker.db

Every save writes a copy of the conversation with personal numbers and e-mails
redacted (bot.privacy.redact); the event broker, if any, publishes the same
redacted events. The conversation going on in memory is not changed.

Deleting: when an action sets the slot `erase_conversation` (the worker asked to delete
their data, or sent the quick-exit word), the save deletes every stored event of that
conversation instead, so the next message starts a new one. Deleting happens here, in
the Rasa server, because the server saves the conversation after the actions ran.

The self-check's answers are stored only while the check runs (bot/privacy/self_check.py):
the turn that ends a check rewrites the conversation's stored events without them, and
the event broker never receives them.
"""
import json
import logging
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.privacy import ERASE_SLOT
from bot.privacy import self_check
from bot.privacy.redact import redact_event

logger = logging.getLogger(__name__)


class RedactingTrackerStore(TrackerStore):
    def __init__(self, domain: Optional[Domain] = None, event_broker: Optional[EventBroker] = None,
                 store: Optional[Dict[str, Any]] = None, **kwargs: Any) -> None:
        super().__init__(domain, event_broker)
        config = dict(store or {"type": "in_memory"})
        # This store publishes to the broker itself, so that it can leave out what the inner
        # store must keep for a while (a running self-check's answers).
        self.inner = TrackerStore.create(EndpointConfig(**config), domain, None)

    @property
    def domain(self) -> Domain:
        return self.inner.domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        self.inner.domain = domain

    def redacted(self, tracker: DialogueStateTracker, finished_only: bool = True) -> DialogueStateTracker:
        events = self_check.scrub([redact_event(event.as_dict()) for event in tracker.events], finished_only)
        return self._tracker(tracker.sender_id, events, tracker._max_event_history)

    def _tracker(self, sender_id: Text, events: List[Dict[str, Any]],
                 max_event_history: Optional[int] = None) -> DialogueStateTracker:
        return DialogueStateTracker.from_events(sender_id, [Event.from_parameters(e) for e in events],
                                                self.domain.slots, max_event_history)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(ERASE_SLOT):
            await self.delete(tracker.sender_id)
            return
        await self._publish(tracker)
        await self.inner.save(self.redacted(tracker))  # new events: a finished check's already scrubbed
        if self_check.ends_a_check([e.as_dict() for e in _this_turn(tracker)]):
            await self.scrub_stored(tracker.sender_id)  # and the events stored while it ran

    async def _publish(self, tracker: DialogueStateTracker) -> None:
        if self.event_broker is None:
            return
        stored = await self.inner.retrieve(tracker.sender_id)
        new = self.redacted(tracker, finished_only=False).events
        await self._stream_new_events(self.event_broker, list(new)[len(stored.events) if stored else 0:],
                                      tracker.sender_id)

    async def scrub_stored(self, sender_id: Text) -> None:
        """Rewrite the stored events of a conversation without a finished self-check's contents."""
        inner = self.inner
        if isinstance(inner, SQLTrackerStore):
            with inner.session_scope() as session:
                rows = session.query(inner.SQLEvent).filter(inner.SQLEvent.sender_id == sender_id) \
                    .order_by(inner.SQLEvent.id).all()
                events = [json.loads(row.data) for row in rows]
                for row, before, after in zip(rows, events, self_check.scrub(events)):
                    if after != before:
                        row.data = json.dumps(after)
                        if after.get("event") == "user":
                            row.intent_name = None
                session.commit()
        elif isinstance(inner, RedisTrackerStore):  # one JSON value per conversation: rewrite it
            key = inner.key_prefix + sender_id
            stored = inner.red.get(key)
            if stored is None:
                return
            events = [e.as_dict() for e in inner.deserialise_tracker(sender_id, stored).events]
            scrubbed = self_check.scrub(events)
            if scrubbed != events:
                seconds_left = inner.red.ttl(key)  # keep the record's expiry (-1: none)
                inner.red.set(key, inner.serialise_tracker(self._tracker(sender_id, scrubbed)),
                              ex=seconds_left if seconds_left > 0 else None)
        elif not isinstance(inner, InMemoryTrackerStore):  # in memory, each save replaces the whole copy
            logger.error("cannot scrub a finished self-check from a %s: use the SQL or Redis tracker store",
                         type(inner).__name__)

    async def delete(self, sender_id: Text) -> None:
        """Remove every stored event of one conversation."""
        inner = self.inner
        if isinstance(inner, SQLTrackerStore):
            with inner.session_scope() as session:
                session.query(inner.SQLEvent).filter(inner.SQLEvent.sender_id == sender_id).delete()
                session.commit()
        elif isinstance(inner, RedisTrackerStore):
            inner.red.delete(inner.key_prefix + sender_id)
        elif isinstance(inner, InMemoryTrackerStore):
            inner.store.pop(sender_id, None)
        else:
            raise NotImplementedError(f"deleting conversations from {type(inner).__name__} is not supported")

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self.inner.retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self.inner.retrieve_full_tracker(conversation_id)

    async def keys(self) -> Iterable[Text]:
        return await self.inner.keys()


def _this_turn(tracker: DialogueStateTracker) -> List[Event]:
    """The events since the worker's latest message."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events
