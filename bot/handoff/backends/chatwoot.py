"""Chatwoot (https://www.chatwoot.com) as the team's tool, through its Application API.

Setup (deploy/README.md has the steps): an inbox of type "API"; an access token (an
agent bot's or an agent's, header `api_access_token`); a webhook in Chatwoot pointing
at /webhooks/handoff/chatwoot?token=<MITRA_CHATWOOT_WEBHOOK_TOKEN> for the events
`message_created` and `conversation_status_changed`.

A case becomes a contact named "Mitra worker <short case id>" (identifier
`mitra-<case id>`: found again, not duplicated, when a retry repeats the call) and a
conversation in the inbox, tagged with the case id (custom attribute `mitra_case`);
the summary is a private note, which only agents see. The worker's messages arrive
as incoming messages; when the worker leaves, a private note says why and the
conversation is resolved. An agent's public reply, and resolving the conversation,
come back through the webhook (`webhook_event` below, bot/channels/handoff.py).
"""
import hmac
import os
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

import requests

from bot.handoff.backends import DeliveryError
from bot.handoff.config import HandoffConfig
from bot.handoff.case import Case

LEFT_NOTES = {
    "worker_left": "The worker went back to the chat bot. Messages you write now will not reach them.",
    "quick_exit": "The worker closed the chat with the quick-exit word: their phone may be watched. "
                  "Do not contact them through other means.",
    "deleted": "The worker deleted their chat with Mitra. Messages you write now will not reach them.",
}


@dataclass
class ChatwootBackend:
    base_url: str
    account_id: str
    inbox_id: str
    api_token: str
    timeout: float = 5.0
    name: str = "chatwoot"

    @classmethod
    def from_config(cls, config: HandoffConfig) -> "ChatwootBackend":
        return cls(config.require("MITRA_CHATWOOT_URL").rstrip("/"), config.require("MITRA_CHATWOOT_ACCOUNT_ID"),
                   config.require("MITRA_CHATWOOT_INBOX_ID"), config.require("MITRA_CHATWOOT_API_TOKEN"),
                   config.timeout)

    def deliver(self, event: Dict[str, Any], ref: Optional[str]) -> Optional[str]:
        kind = event.get("event")
        if kind == "case.opened":
            return ref or self._open(Case(**event["case"]))
        if ref is None:  # cannot happen: the outbox sends a case's items in order
            raise DeliveryError("no Chatwoot conversation for this case yet")
        if kind == "case.message":
            self._post(f"conversations/{ref}/messages", {"content": event["text"], "message_type": "incoming"})
        elif kind == "case.left":
            note = LEFT_NOTES.get(event.get("reason"), "The worker left the conversation.")
            self._post(f"conversations/{ref}/messages", {"content": note, "message_type": "outgoing", "private": True})
            self._post(f"conversations/{ref}/toggle_status", {"status": "resolved"})
        return ref

    def _open(self, case: Case) -> str:
        contact_id, source_id = self._contact(case)
        conversation = self._post("conversations", {
            "source_id": source_id, "inbox_id": int(self.inbox_id), "contact_id": contact_id,
            "custom_attributes": {"mitra_case": case.case_id}})
        conversation_id = str(conversation["id"])
        self._post(f"conversations/{conversation_id}/messages",
                   {"content": case.text(), "message_type": "outgoing", "private": True})
        return conversation_id

    def _contact(self, case: Case) -> Tuple[int, str]:
        """The case's contact in the inbox, created once (a retry finds it again)."""
        identifier = f"mitra-{case.case_id}"
        found = self._get("contacts/search", {"q": identifier}).get("payload") or []
        match = next((c for c in found if c.get("identifier") == identifier), None)
        if match is None:
            created = self._post("contacts", {"inbox_id": int(self.inbox_id), "identifier": identifier,
                                              "name": f"Mitra worker {case.case_id[:8]}"})["payload"]
            return int(created["contact"]["id"]), str(created["contact_inbox"]["source_id"])
        inbox = self._post(f"contacts/{match['id']}/contact_inboxes", {"inbox_id": int(self.inbox_id)})
        return int(match["id"]), str(inbox["source_id"])

    # --- HTTP ----------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return f"{self.base_url}/api/v1/accounts/{self.account_id}/{path}"

    def _post(self, path: str, body: Dict[str, Any]) -> Dict[str, Any]:
        return self._call("POST", path, json=body)

    def _get(self, path: str, params: Dict[str, str]) -> Dict[str, Any]:
        return self._call("GET", path, params=params)

    def _call(self, method: str, path: str, **kwargs: Any) -> Dict[str, Any]:
        try:
            answer = requests.request(method, self._url(path), headers={"api_access_token": self.api_token},
                                      timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise DeliveryError(f"Chatwoot unreachable: {type(error).__name__}") from error
        if not 200 <= answer.status_code < 300:
            raise DeliveryError(f"Chatwoot answered {answer.status_code} to {method} {path}")
        try:
            data = answer.json()
        except ValueError:
            raise DeliveryError(f"Chatwoot sent no JSON for {method} {path}") from None
        return data if isinstance(data, dict) else {"payload": data}


# --- what Chatwoot's webhook sends back (used by bot/channels/handoff.py) -------------------
def token_matches(given: str) -> bool:
    expected = os.environ.get("MITRA_CHATWOOT_WEBHOOK_TOKEN", "")
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def webhook_event(payload: Dict[str, Any]) -> Optional[Tuple[str, str, Optional[str]]]:
    """(conversation id, "reply" | "closed", text) for the events Mitra acts on, else None.

    An agent's public reply is `message_created` with message_type "outgoing" (1) and
    private false; Mitra's own notes are private, the worker's messages "incoming".
    """
    event = payload.get("event")
    if event == "message_created":
        if payload.get("message_type") not in ("outgoing", 1) or payload.get("private"):
            return None
        conversation = (payload.get("conversation") or {}).get("id")
        text = payload.get("content")
        if conversation is None or not isinstance(text, str) or not text.strip():
            return None
        return str(conversation), "reply", text
    if event == "conversation_status_changed" and payload.get("status") == "resolved" and payload.get("id"):
        return str(payload["id"]), "closed", None
    return None
