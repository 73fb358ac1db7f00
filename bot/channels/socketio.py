"""Rasa's socket.io channel (the web chat), with two fixes and Mitra's input checks.

1. Rasa 3.6 calls `sio.enter_room(...)` without `await` (RasaHQ/rasa#13027); since
   python-socketio 5.10 that is a coroutine, so with `session_persistence: true` the
   browser never joined its session's room and never received a reply.
2. Rasa's output sends custom JSON as keyword arguments to `sio.emit`, which fails;
   here it is sent as `{"custom": {...}}` (used by the quick exit to clear the page).
3. A message that is not text, or metadata that is not JSON, is read leniently
   instead of raising: the worker gets a reply, as on the REST channel.
It adds `GET /webhooks/socketio/presentation`: how the web chat presents itself in this
deployment ({"name": ...}, from content/settings.yml's `deployment:`), so the page itself
names nothing and a neutral deployment looks neutral in the browser tab too.
Everything else (events, paths, name "socketio") is Rasa's.
"""
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request

from bot.content.errors import ContentErrors
from bot.content.library import Library
from bot.content.store import store

logger = logging.getLogger(__name__)


class SocketIOOutput(RasaSocketIOOutput):
    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


def _text(message: Any) -> str:
    if isinstance(message, str):
        return message
    return "" if message is None else str(message)


def _metadata(data: Dict, key: str) -> Dict:
    metadata = data.get(key) or {}
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return {}
    return metadata if isinstance(metadata, dict) else {}


def web_presentation(library: Library) -> Dict[str, str]:
    """What the web chat page shows of this deployment: the display name (default language)."""
    return {"name": library.display_name()}


class SocketIOInput(RasaSocketIOInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio

        @blueprint.route("/presentation", methods=["GET"])
        async def presentation(request: Request) -> response.HTTPResponse:
            try:
                body = web_presentation(store.library)
            except ContentErrors:  # no content could load: the page keeps its neutral title
                return response.json({}, status=503)
            # no-cache: a changed name shows on the next visit; nothing is kept about the visitor.
            return response.json(body, headers={"Cache-Control": "no-cache"})

        # Registering an event again replaces Rasa's handler.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"], namespace=self.namespace)
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            data = data if isinstance(data, dict) else {"message": data}
            sender = str(data.get("session_id") or "") if self.session_persistence else sid
            if not sender:
                logger.warning("socket.io: a message without a session_id was ignored")
                return
            await on_new_message(UserMessage(_text(data.get("message")), SocketIOOutput(sio, self.bot_message_evt),
                                             sender, input_channel=self.name(),
                                             metadata=_metadata(data, self.metadata_key)))

        return blueprint
