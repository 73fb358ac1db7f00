"""A generic webhook: each outbox item is POSTed as JSON, signed (bot/handoff/signing.py).

What the team's tool receives (one POST per event; `event_id` stays the same across
retries, so a receiver can drop a duplicate):

    {"event": "case.opened",  "event_id": "...", "case_id": "...", "case": {language, work_country,
                               home_country, topic, self_check_signs, opened_at, case_id}}
    {"event": "case.message", "event_id": "...", "case_id": "...", "text": "what the worker wrote"}
    {"event": "case.left",    "event_id": "...", "case_id": "...", "reason": "worker_left" | "quick_exit"}

Any 2xx answer means delivered. What it may send back to Mitra is in bot/channels/handoff.py.
"""
import json
from dataclasses import dataclass
from typing import Any, Dict, Optional

import requests

from bot.handoff.backends import DeliveryError
from bot.handoff.config import HandoffConfig
from bot.handoff.signing import signed_headers


@dataclass
class WebhookBackend:
    url: str
    secret: str
    timeout: float = 5.0
    name: str = "webhook"

    @classmethod
    def from_config(cls, config: HandoffConfig) -> "WebhookBackend":
        return cls(config.require("MITRA_HANDOFF_WEBHOOK_URL"), config.require("MITRA_HANDOFF_WEBHOOK_SECRET"),
                   config.timeout)

    def deliver(self, event: Dict[str, Any], ref: Optional[str]) -> Optional[str]:
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json", **signed_headers(self.secret, body)}
        try:
            answer = requests.post(self.url, data=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as error:
            raise DeliveryError(f"webhook unreachable: {type(error).__name__}") from error
        if not 200 <= answer.status_code < 300:
            raise DeliveryError(f"webhook answered {answer.status_code}")
        return ref or event.get("case_id")
