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
"""
from typing import Any, Dict, Iterable, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.privacy import ERASE_SLOT
from bot.privacy.redact import redact_event


class RedactingTrackerStore(TrackerStore):
    def __init__(self, domain: Optional[Domain] = None, event_broker: Optional[EventBroker] = None,
                 store: Optional[Dict[str, Any]] = None, **kwargs: Any) -> None:
        super().__init__(domain, event_broker)
        config = dict(store or {"type": "in_memory"})
        self.inner = TrackerStore.create(EndpointConfig(**config), domain, event_broker)

    @property
    def domain(self) -> Domain:
        return self.inner.domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        self.inner.domain = domain

    def redacted(self, tracker: DialogueStateTracker) -> DialogueStateTracker:
        events = [Event.from_parameters(redact_event(event.as_dict())) for event in tracker.events]
        return DialogueStateTracker.from_events(tracker.sender_id, events, self.domain.slots,
                                                tracker._max_event_history)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(ERASE_SLOT):
            await self.delete(tracker.sender_id)
            return
        await self.inner.save(self.redacted(tracker))

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
