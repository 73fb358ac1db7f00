"""Answers to topics, rendered from content/ for the worker's language and countries."""
from typing import Any, Dict, List

from rasa_sdk import Tracker

from bot.actions.base import EMERGENCY_TOPIC, MitraAction, Reply, answer, start_conversation

OUT_OF_SCOPE_TOPIC = "out_of_scope"


class ActionAnswerTopic(MitraAction):
    """Answers the topic named by the latest intent (content/topics/<intent>.yml)."""

    action_name = "action_answer_topic"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        topic = reply.library.topics.get(intent)
        if topic is None or not topic.answered:
            reply.fallback()
            return []
        if intent == EMERGENCY_TOPIC:
            # Safety first: the numbers come before anything else, even the introduction.
            reply.topic(topic)
            return [] if reply.worker.intro_shown else start_conversation(reply)
        if intent == OUT_OF_SCOPE_TOPIC and reply.worker.intro_shown:
            # Not Mitra's subject - or a cry for help the model misread: the emergency line
            # and the menu still show the way on.
            reply.topic(topic, buttons=[])
            reply.ui("emergency_line")
            reply.menu()
            return []
        if not reply.worker.intro_shown:
            pending = None if topic.group == "conversation" else intent
            return start_conversation(reply, pending)
        return answer(reply, topic)
