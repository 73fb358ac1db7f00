"""Talking to a person (`talk_to_human`): consent, the case, pause, and coming back.

1. "I want to talk to a person" -> what a person can do and exactly what they will see
   (the summary: language, countries, topic, self-check signs the worker chose to share),
   with Yes / No buttons (`/talk_to_human{"handoff":"yes"}`). Nothing is sent before "yes".
2. "Yes" -> a case goes to the outbox (bot/handoff). Delivered: the worker is told what
   happens next and the usual wait (`handoff_reply_hours` in content/settings.yml).
   Backend down: told so honestly, given the hotline numbers at once; the case is retried.
   Either way Mitra pauses (pause.py) until the case is closed or the worker leaves.
3. "No", or no hand-off backend in this deployment -> the hotline numbers (the topic's answer).
4. The team's tool, through the Rasa server (bot/channels/handoff.py), triggers this intent
   with `handoff_event`: "reply" (a person's message for the worker) or "closed".
"""
import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.actions.base import MitraAction, Reply
from bot.actions.pause import CASE_SLOT, HANDOFF_INTENT, INBOX_SLOT, is_external, leave_button, team_message
from bot.content.render import topic_title
from bot.handoff import runtime
from bot.handoff.case import Case

# Opening the outbox when the action server starts also starts retrying what an earlier
# run left undelivered (and logs a configuration error at once, not at the first case).
try:
    runtime.outbox()
except Exception:  # noqa: BLE001 - e.g. the database is down: the first hand-off tries again
    logging.getLogger(__name__).exception("hand-off outbox not available yet")

SIGNS_SLOT = "self_check_signs"  # ILO indicator keys the worker agreed to share (self-check form)
DEFAULT_REPLY_HOURS = "24"


def entity(tracker: Tracker, name: str) -> Optional[str]:
    return next((str(e.get("value")) for e in tracker.latest_message.get("entities", [])
                 if e.get("entity") == name and e.get("value") is not None), None)


def last_topic(reply: Reply, tracker: Tracker) -> Optional[str]:
    """The last thing the worker asked about, if it was a topic (not a greeting or this request)."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        topic = reply.library.topics.get(intent or "")
        if topic is not None and topic.group != "conversation" and intent != HANDOFF_INTENT:
            return intent
    return tracker.get_slot("pending_topic")


def case_for(reply: Reply, tracker: Tracker) -> Case:
    worker = reply.worker
    return Case.new(worker.language, worker.work_country, worker.home_country, last_topic(reply, tracker),
                    tracker.get_slot(SIGNS_SLOT) or [])


class ActionTalkToHuman(MitraAction):
    action_name = "action_talk_to_human"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        if is_external(tracker):
            return self.from_team(reply, tracker)
        if not reply.worker.intro_shown:  # a first message: the deployment's first message comes first
            reply.first_message()
            reply.worker.intro_shown = True
            return [SlotSet("intro_shown", True)] + self.choose(reply, tracker)
        return self.choose(reply, tracker)

    def choose(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        choice = entity(tracker, "handoff")
        open_case = tracker.get_slot(CASE_SLOT)
        box = runtime.outbox()
        if choice == "leave":
            return self.leave(reply, open_case, box)
        if open_case and box is not None:
            reply.ui("handoff_paused", [leave_button(reply)])
            return []
        if box is None:  # this deployment has no team behind Mitra: the numbers of people who help
            self.hotlines(reply)
            return []
        if choice == "no":
            reply.ui("handoff_declined")
            self.hotlines(reply)
            return []
        if choice == "yes":
            return self.open(reply, tracker, box)
        reply.ui("handoff_offer", [
            {"title": reply.text("handoff_yes"), "payload": f'/{HANDOFF_INTENT}{{"handoff":"yes"}}'},
            {"title": reply.text("handoff_no"), "payload": f'/{HANDOFF_INTENT}{{"handoff":"no"}}'}],
            shared=self.shared(reply, case_for(reply, tracker)))
        return []

    def open(self, reply: Reply, tracker: Tracker, box) -> List[Dict[str, Any]]:
        case = case_for(reply, tracker)
        hours = str(reply.library.settings.get("handoff_reply_hours") or DEFAULT_REPLY_HOURS)
        if box.open_case(case, tracker.sender_id):
            reply.ui("handoff_opened", [leave_button(reply)], hours=hours)
            reply.ui("emergency_line")
        else:
            reply.ui("handoff_queued", hours=hours)
            self.hotlines(reply, [leave_button(reply)])
        return [SlotSet(CASE_SLOT, case.case_id), SlotSet(INBOX_SLOT, None)]

    def leave(self, reply: Reply, open_case: Optional[str], box) -> List[Dict[str, Any]]:
        if not open_case:  # an old "Back to Mitra" button: already back
            reply.menu()
            return []
        if box is not None:
            box.leave(open_case, "worker_left")
        reply.ui("handoff_left")
        reply.menu()
        return [SlotSet(CASE_SLOT, None)]

    def from_team(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        """A person's reply, or the case closed: only for the case that is open now."""
        case_id = entity(tracker, "case_id")
        if not case_id or case_id != tracker.get_slot(CASE_SLOT):
            return []
        pushed = entity(tracker, "push") != "no"  # else: shown with the answer to the next message
        inbox = tracker.get_slot(INBOX_SLOT) or []
        if entity(tracker, "handoff_event") == "closed":
            if not pushed:
                return [SlotSet(CASE_SLOT, None), SlotSet(INBOX_SLOT, inbox + [{"ui": "handoff_closed"}])]
            reply.ui("handoff_closed")
            reply.menu()
            return [SlotSet(CASE_SLOT, None)]
        text = entity(tracker, "agent_message") or ""
        if not text.strip():
            return []
        if not pushed:
            return [SlotSet(INBOX_SLOT, inbox + [{"team": text}])]
        team_message(reply, text)
        return []

    def hotlines(self, reply: Reply, buttons: Optional[List[Dict[str, str]]] = None) -> None:
        reply.topic(reply.library.topics[HANDOFF_INTENT], buttons)

    @staticmethod
    def shared(reply: Reply, case: Case) -> str:
        """The summary as the worker reads it, in their language, before agreeing."""
        library = reply.library
        parts = [library.languages[case.language].name if case.language in library.languages else case.language]
        parts += [reply.country_name(code) for code in (case.work_country, case.home_country) if code]
        topic = library.topics.get(case.topic or "")
        if topic is not None:
            parts.append(topic_title(library, topic, reply.worker.language))
        if case.self_check_signs:
            parts.append(reply.text("handoff_signs", count=str(len(case.self_check_signs))))
        return ", ".join(parts)
