"""Replies and "case closed" from the team's tool come back to Mitra here.

    POST /webhooks/handoff/webhook    generic webhook backend, signed like what Mitra sends
                                      (bot/handoff/signing.py, MITRA_HANDOFF_WEBHOOK_SECRET):
        {"event": "case.reply",  "case_id": "...", "text": "what the person writes to the worker"}
        {"event": "case.closed", "case_id": "..."}
    POST /webhooks/handoff/chatwoot?token=<MITRA_CHATWOOT_WEBHOOK_TOKEN>
                                      Chatwoot's webhook events `message_created` (an agent's
                                      public reply) and `conversation_status_changed` (resolved)

A call without a valid signature or token gets 401 and changes nothing; one for a case
that is unknown or already closed gets 404.

Each accepted event is given to the conversation as the intent `talk_to_human` with the
entities `handoff_event` (reply / closed), `case_id` and `agent_message`, the way Rasa's
`trigger_intent` endpoint does it; bot/actions/handoff.py decides what the worker sees.
The reply is sent on the channel the worker last wrote on, if that channel can push a
message by itself (socket.io, the web chat, can). The REST channel only answers requests:
there the entity `push: no` makes the action keep the person's reply, and the worker
gets it with the answer to their next message.
"""
import logging
import os
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.rest import read_body
from bot.handoff import runtime
from bot.handoff.signing import verify

logger = logging.getLogger(__name__)

HANDOFF_INTENT = "talk_to_human"


class HandoffInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "handoff"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("mitra_handoff", __name__)

        @hook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not verify(os.environ.get("MITRA_HANDOFF_WEBHOOK_SECRET", ""), request.body or b"", request.headers):
                return response.json({"error": "bad or missing signature"}, status=401)
            body = read_body(request.body or b"")
            event = {"case.reply": "reply", "case.closed": "closed"}.get(str(body.get("event")))
            if event is None or not body.get("case_id"):
                return response.json({"error": "expected event case.reply or case.closed, and case_id"}, status=400)
            return await _to_conversation(request, str(body["case_id"]), event, body.get("text"))

        @hook.route("/chatwoot", methods=["POST"])
        async def chatwoot(request: Request) -> HTTPResponse:
            from bot.handoff.backends.chatwoot import token_matches, webhook_event

            if not token_matches(request.args.get("token") or request.headers.get("X-Mitra-Token") or ""):
                return response.json({"error": "bad or missing token"}, status=401)
            found = webhook_event(read_body(request.body or b""))
            if found is None:  # an event Mitra does not act on (the worker's own messages, notes ...)
                return response.json({"status": "ignored"})
            conversation, event, text = found
            box = runtime.outbox(retrying=False)
            case_id = box.case_with_ref(conversation) if box else None
            if case_id is None:
                return response.json({"error": "no Mitra case for this conversation"}, status=404)
            return await _to_conversation(request, case_id, event, text)

        return hook


async def _to_conversation(request: Request, case_id: str, event: str, text: Optional[str]) -> HTTPResponse:
    box = runtime.outbox(retrying=False)
    sender = box.sender_of(case_id) if box else None
    if sender is None:
        return response.json({"error": "unknown or closed case"}, status=404)
    if event == "reply" and not (isinstance(text, str) and text.strip()):
        return response.json({"error": "a reply needs text"}, status=400)
    agent = request.app.ctx.agent
    entities = [{"entity": "handoff_event", "value": event}, {"entity": "case_id", "value": case_id}]
    if event == "reply":
        entities.append({"entity": "agent_message", "value": text})
    async with agent.lock_store.lock(sender):
        tracker = await agent.processor.fetch_tracker_and_update_session(sender)
        output = _push_channel(request, tracker.get_latest_input_channel())
        if output is None:
            entities.append({"entity": "push", "value": "no"})
            output = CollectingOutputChannel()
        await agent.trigger_intent(HANDOFF_INTENT, entities, output, tracker)
    if event == "closed":
        box.close(case_id)
    return response.json({"status": "ok"})


def _push_channel(request: Request, channel_name: Optional[str]) -> Optional[OutputChannel]:
    """The worker's channel, if it can send a message that was not asked for."""
    for channel in getattr(request.app.ctx, "input_channels", None) or []:
        if channel.name() == channel_name:
            return channel.get_output_channel()
    return None

