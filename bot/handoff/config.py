"""Hand-off settings, read from environment variables only (secrets never live in the repo).

    MITRA_HANDOFF_BACKEND       none (default) | webhook | chatwoot
    MITRA_HANDOFF_DB            SQLAlchemy URL of the outbox and case table
                                (default: sqlite file var/handoff.db; PostgreSQL in production)
    MITRA_HANDOFF_RETRY_SECONDS first retry delay; doubles per failure up to one hour (default 30)
    MITRA_HANDOFF_TIMEOUT       seconds to wait for the backend per call (default 5)
  webhook:
    MITRA_HANDOFF_WEBHOOK_URL     where cases and messages are POSTed
    MITRA_HANDOFF_WEBHOOK_SECRET  HMAC key: signs what Mitra sends, checks what it receives
  chatwoot:
    MITRA_CHATWOOT_URL            e.g. https://chat.example.org
    MITRA_CHATWOOT_ACCOUNT_ID, MITRA_CHATWOOT_INBOX_ID (an "API" channel inbox)
    MITRA_CHATWOOT_API_TOKEN      an agent bot's or agent's access token
    MITRA_CHATWOOT_WEBHOOK_TOKEN  secret part of the callback URL Chatwoot calls
"""
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ("none", "webhook", "chatwoot")


class ConfigError(ValueError):
    """A hand-off setting is missing or wrong: the message names the variable."""


@dataclass(frozen=True)
class HandoffConfig:
    backend: str = "none"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'handoff.db'}"
    retry_seconds: float = 30.0
    timeout: float = 5.0
    settings: Dict[str, str] = field(default_factory=dict)  # the chosen backend's variables

    @property
    def enabled(self) -> bool:
        return self.backend != "none"

    def require(self, name: str) -> str:
        value = self.settings.get(name, "").strip()
        if not value:
            raise ConfigError(f"MITRA_HANDOFF_BACKEND={self.backend} needs the environment variable {name}")
        return value

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "HandoffConfig":
        env = os.environ if env is None else env
        backend = (env.get("MITRA_HANDOFF_BACKEND") or "none").strip().lower()
        if backend not in BACKENDS:
            raise ConfigError(f"MITRA_HANDOFF_BACKEND must be one of {', '.join(BACKENDS)}, not '{backend}'")
        return cls(
            backend=backend,
            database_url=env.get("MITRA_HANDOFF_DB") or cls.database_url,
            retry_seconds=_number(env, "MITRA_HANDOFF_RETRY_SECONDS", cls.retry_seconds),
            timeout=_number(env, "MITRA_HANDOFF_TIMEOUT", cls.timeout),
            settings={k: v for k, v in env.items() if k.startswith(("MITRA_HANDOFF_", "MITRA_CHATWOOT_"))},
        )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not '{value}'") from None
    if number <= 0:
        raise ConfigError(f"{name} must be above 0")
    return number
