"""Deleting the worker's conversation: on request (with a confirmation) or by quick exit."""
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.actions import pause
from bot.actions.base import MitraAction, Reply
from bot.privacy import ERASE_SLOT

CONFIRM_ENTITY = "confirm_delete"


def erase() -> List[Dict[str, Any]]:
    """The tracker store deletes the whole conversation when it sees this slot set."""
    return [SlotSet(ERASE_SLOT, True)]


class ActionDeleteMyData(MitraAction):
    """First asks to confirm; deletes on "yes", keeps everything on "no"."""

    action_name = "action_delete_my_data"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        answer = next((e.get("value") for e in tracker.latest_message.get("entities", [])
                       if e.get("entity") == CONFIRM_ENTITY), None)
        if answer == "yes":
            reply.ui("delete_done")
            pause.end_case(tracker, "deleted")
            return erase()
        if answer == "no":
            reply.ui("delete_cancelled")
            reply.menu()
            return []
        reply.ui("delete_confirm", [
            {"title": reply.text("delete_yes"), "payload": f'/delete_my_data{{"{CONFIRM_ENTITY}":"yes"}}'},
            {"title": reply.text("delete_no"), "payload": f'/delete_my_data{{"{CONFIRM_ENTITY}":"no"}}'}])
        return []
