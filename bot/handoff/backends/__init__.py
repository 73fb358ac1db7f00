"""Where cases go. A backend delivers one outbox item at a time and raises
`DeliveryError` when it could not; the outbox then keeps the item and retries.

    deliver(event, ref) -> ref    event: {"event": "case.opened" | "case.message" | "case.left", ...}
                                  ref: the backend's id for the case (e.g. a Chatwoot
                                  conversation id), None until the case is opened
"""
from typing import Any, Dict, Optional, Protocol

from bot.handoff.config import HandoffConfig


class DeliveryError(RuntimeError):
    """The backend did not take the item (down, refused, timed out): retry later."""


class Backend(Protocol):
    name: str

    def deliver(self, event: Dict[str, Any], ref: Optional[str]) -> Optional[str]:
        ...


def make_backend(config: HandoffConfig) -> Optional[Backend]:
    if config.backend == "webhook":
        from bot.handoff.backends.webhook import WebhookBackend

        return WebhookBackend.from_config(config)
    if config.backend == "chatwoot":
        from bot.handoff.backends.chatwoot import ChatwootBackend

        return ChatwootBackend.from_config(config)
    return None
