"""While a case is open, Mitra pauses: what the worker types goes to the person, not to
the topic answers. `MitraAction.run` (base.py) calls `relay` after the quick exit and the
emergency safety net, so every action the policies may pick, the fallback included,
relays instead of answering; the emergency numbers still come first.

What still works as usual during a hand-off: the quick exit, deleting the chat, the
buttons of the hand-off itself (leave, consent) and changing the language. Any other
button gets a short reminder how to go back to Mitra.
"""
import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.handoff import runtime
from bot.privacy.redact import FROM_TEAM

logger = logging.getLogger(__name__)

CASE_SLOT = "handoff_case"      # id of the open case; set while Mitra is paused
# What the worker's channel could not receive when it happened (REST cannot push): the
# team's replies {"team": text} and notices {"ui": key}, shown before the next reply.
INBOX_SLOT = "handoff_inbox"
HANDOFF_INTENT = "talk_to_human"
EXTERNAL_PREFIX = "EXTERNAL: "  # how Rasa marks an intent triggered by the server, not typed
# Always handled as usual, typed or tapped.
ALWAYS_ANSWERED = {"delete_my_data"}
# Handled as usual when tapped (a button payload "/intent{...}").
BUTTONS_ANSWERED = {HANDOFF_INTENT, "change_language"}
MAX_RELAY_CHARS = 4000  # a long message reaches the team cut here (chat tools choke on more)


def leave_button(reply) -> Dict[str, str]:
    return {"title": reply.text("handoff_back_button"), "payload": f'/{HANDOFF_INTENT}{{"handoff":"leave"}}'}


def is_external(tracker: Tracker) -> bool:
    return (tracker.latest_message.get("text") or "").startswith(EXTERNAL_PREFIX)


def deliver_inbox(reply, tracker: Tracker) -> List[Dict[str, Any]]:
    """Show the team's replies that arrived while the worker's channel could not receive them."""
    waiting = tracker.get_slot(INBOX_SLOT) or []
    if not waiting or is_external(tracker):
        return []
    for item in waiting:
        if isinstance(item, dict) and item.get("ui"):  # e.g. "our team closed this chat"
            reply.ui(str(item["ui"]))
        elif isinstance(item, dict):
            team_message(reply, str(item.get("team") or ""))
    return [SlotSet(INBOX_SLOT, None)]


def team_message(reply, text: str) -> None:
    # The person's words go out exactly as written: never through the fact template.
    # Marked, so the stored copy is redacted like the worker's own words (bot/privacy/redact.py).
    reply.dispatcher.utter_message(text=f'{reply.text("handoff_from_team")}\n{text}', **{FROM_TEAM: True})


def relay(reply, tracker: Tracker, emergency_topic) -> Optional[List[Dict[str, Any]]]:
    """Forward the worker's message to their open case. None when Mitra should answer as usual."""
    case_id = tracker.get_slot(CASE_SLOT)
    if not case_id:
        return None
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if is_external(tracker) or intent in ALWAYS_ANSWERED or (text.startswith("/") and intent in BUTTONS_ANSWERED):
        return None
    box = runtime.outbox()
    if box is None:  # hand-off was turned off meanwhile: nobody would read it, so Mitra answers
        logger.warning("hand-off is off but case %s is open: Mitra answers as usual", case_id)
        return None
    if emergency_topic is not None and intent == emergency_topic.intent:
        reply.topic(emergency_topic)  # the safety net did not catch it: the classifier did
    if text.startswith("/"):
        reply.ui("handoff_paused", [leave_button(reply)])
        return []
    if len(text) > MAX_RELAY_CHARS:  # a pasted flood must not bury the team's inbox
        text = text[:MAX_RELAY_CHARS] + " [...]"
    if box.relay(case_id, text):
        reply.ui("handoff_sent")
    else:
        reply.ui("handoff_sent_later", [leave_button(reply)])
    return []


def forget_orphan(tracker: Tracker) -> List[Dict[str, Any]]:
    """A case left open in a conversation after hand-off was turned off is forgotten."""
    if tracker.get_slot(CASE_SLOT) and not is_external(tracker) and runtime.outbox() is None:
        return [SlotSet(CASE_SLOT, None)]
    return []


def end_case(tracker: Tracker, reason: str) -> None:
    """The conversation is being deleted (quick exit, delete my data): tell the team the
    worker left, so nobody writes back to a phone that may be watched."""
    case_id = tracker.get_slot(CASE_SLOT)
    try:
        box = runtime.outbox() if case_id else None
        if box is not None:
            box.leave(case_id, reason)
    except Exception:  # noqa: BLE001 - the deletion must go ahead whatever happens here
        logger.exception("could not tell the team that case %s ended (%s)", case_id, reason)
