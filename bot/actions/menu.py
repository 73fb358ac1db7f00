"""The topic menu: groups first, then the topics of a group."""
from typing import Any, Dict, List

from rasa_sdk import Tracker

from bot.actions.base import MENU_GROUPS, MitraAction, Reply, start_conversation


class ActionShowMenu(MitraAction):
    action_name = "action_show_menu"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        if not reply.worker.intro_shown:
            return start_conversation(reply)
        group = next((e.get("value") for e in tracker.latest_message.get("entities", [])
                      if e.get("entity") == "menu_group"), None)
        if group in MENU_GROUPS and reply.library.topics_in_group(group):
            reply.menu_group(group)
        else:
            reply.menu()
        return []
