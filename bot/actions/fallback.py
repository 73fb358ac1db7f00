"""When Mitra did not understand: ask to rephrase, show the menu, and always the emergency line."""
from typing import Any, Dict, List

from rasa_sdk import Tracker

from bot.actions.base import MitraAction, Reply, start_conversation

UNREADABLE = "\ufffd"  # what undecodable bytes become on the way in


class ActionFallback(MitraAction):
    action_name = "action_fallback"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        text = (tracker.latest_message.get("text") or "").strip()
        if not reply.worker.intro_shown:
            return start_conversation(reply)
        if not text:
            reply.ui("empty_message")
        elif text.count(UNREADABLE) * 2 >= len(text):
            reply.ui("unreadable_message")
        else:
            reply.ui("fallback")
        reply.ui("emergency_line")
        reply.menu()
        return []
