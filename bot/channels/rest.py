"""REST channel (POST /webhooks/rest/webhook) that never answers a worker with an error.

Rasa's own REST channel returns a 400 or an empty list for a body it cannot read, and
an empty list when processing fails. Here: the body is read leniently (invalid
UTF-8 becomes U+FFFD and the assistant says it could not read it), a missing or
odd `message` becomes an empty message (answered politely), and if nothing was
sent back the worker still gets the fallback text.
Request: {"sender": "<id>", "message": "<text>", "metadata": {...}}.
"""
import json
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content.render import ui_text
from bot.content.store import store

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024  # a chat message; anything bigger is cut, not refused
MAX_SENDER_CHARS = 128


def read_body(raw: bytes) -> Dict[str, Any]:
    """The JSON object in a request body, or {} if there is none."""
    try:
        data = json.loads(raw[:MAX_BODY_BYTES].decode("utf-8", "replace"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def message_text(body: Dict[str, Any], raw: bytes) -> str:
    message = body.get("message")
    if isinstance(message, str):
        return message
    if message is None and raw.strip() and not body:
        return "\ufffd"  # a body that is not JSON at all: answered as unreadable
    return "" if message is None else str(message)


def sender_id(body: Dict[str, Any]) -> Optional[str]:
    sender = body.get("sender")
    if isinstance(sender, (str, int)) and str(sender).strip():
        return str(sender).strip()[:MAX_SENDER_CHARS]
    return None


class SafeRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("mitra_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            raw = request.body or b""
            body = read_body(raw)
            sender = sender_id(body)
            if sender is None:
                return response.json(
                    {"error": "Send JSON like {\"sender\": \"<id>\", \"message\": \"<text>\"}.",
                     "messages": [{"text": _default_text("unreadable_message")}]},
                    status=400)
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(message_text(body, raw), collector, sender,
                                                 input_channel=self.name(), metadata=metadata))
            except CancelledError:
                logger.error("rest: message from %s timed out", sender)
            except Exception:  # noqa: BLE001 - logged; the worker still gets a reply below
                logger.exception("rest: message from %s failed", sender)
            if not collector.messages:
                collector.messages.append({"recipient_id": sender, "text": _default_text("fallback")})
            return response.json(collector.messages)

        return webhook


def _default_text(key: str) -> str:
    try:
        library = store.library
        return ui_text(library, key, library.default_language)
    except Exception:  # noqa: BLE001 - content unavailable: still say something useful
        return "Sorry, something went wrong. Please try again."
