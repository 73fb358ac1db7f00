"""The process's one outbox, built from the environment on first use.

`outbox()` is None when no backend is configured (MITRA_HANDOFF_BACKEND=none): Mitra then
gives the hotline numbers instead of opening cases. In the action server the first call
also starts the background retry loop, so items left from before a restart go out too.
"""
import logging
import threading
from typing import Optional

from bot.handoff.backends import make_backend
from bot.handoff.config import ConfigError, HandoffConfig
from bot.handoff.outbox import Outbox, RetryLoop

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_outbox: Optional[Outbox] = None
_loaded = False
_retry: Optional[RetryLoop] = None


def config() -> HandoffConfig:
    return HandoffConfig.from_env()


def outbox(retrying: bool = True) -> Optional[Outbox]:
    global _outbox, _loaded, _retry
    with _lock:
        if not _loaded:
            try:
                settings = config()
                if settings.enabled:
                    # May raise (database unreachable): then the next call tries again.
                    _outbox = Outbox(make_backend(settings), settings.database_url, settings.retry_seconds)
            except ConfigError as error:
                # Logged loudly; workers get the hotline numbers instead of a broken promise.
                logger.error("hand-off is off: %s", error)
            _loaded = True
        if retrying and _outbox is not None and _retry is None:
            _retry = RetryLoop(_outbox, interval=max(1.0, min(_outbox.retry_seconds, 30.0)))
            _retry.start()
        return _outbox


def reset() -> None:
    """Forget the outbox (tests change the environment between cases)."""
    global _outbox, _loaded, _retry
    with _lock:
        if _retry is not None:
            _retry.stop()
        _outbox, _loaded, _retry = None, False, None
