"""When Mitra did not understand: ask to rephrase, offer the likeliest topics, show the menu,
and always the emergency line."""
from typing import Any, Dict, List

from rasa_sdk import Tracker

from bot.actions.base import MENU_GROUPS, MitraAction, Reply, start_conversation
from bot.content.render import topic_title

UNREADABLE = "\ufffd"  # what undecodable bytes become on the way in

# Below the fallback threshold the classifier's first choice is more often wrong than right,
# but its ranking still helps: on the development set, of 21 such questions (14 of them
# about a menu topic) the worker's topic was among the first three menu topics with a
# confidence of at least 0.05 for 10, with 2.8 buttons on average.
SUGGESTIONS = 3
SUGGESTION_FLOOR = 0.05


def suggested_topics(reply: Reply, tracker: Tracker) -> List[Dict[str, str]]:
    """Buttons for the menu topics the classifier ranked highest, however unsure it was."""
    library = reply.library
    names = [r.get("name") for r in tracker.latest_message.get("intent_ranking") or []
             if (r.get("confidence") or 0) >= SUGGESTION_FLOOR]
    topics = [library.topics[n] for n in names if n in library.topics and library.topics[n].group in MENU_GROUPS]
    return [{"title": topic_title(library, t, reply.worker.language), "payload": f"/{t.intent}"}
            for t in topics[:SUGGESTIONS]]


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
            reply.ui("fallback", suggested_topics(reply, tracker))  # "... or choose a topic"
        reply.ui("emergency_line")
        reply.menu()
        return []
