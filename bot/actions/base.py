"""What every Mitra action shares: the live content, the worker, and how to reply.

Subclass `MitraAction`, set `action_name`, and implement `respond(reply, tracker)`
returning the events to apply. `reply` already knows the worker's language and
countries, so an action only says *what* to send:

    class ActionSayHello(MitraAction):
        action_name = "action_say_hello"

        def respond(self, reply, tracker):
            reply.ui("greeting")
            return []

If anything goes wrong while answering, the worker still gets the fallback text
and the emergency line: a crash must never leave someone without a reply.
"""
import asyncio
import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import pause
from bot.actions.worker import OTHER_COUNTRY, Worker, language_to_offer
from bot.content.keywords import mentions
from bot.content.library import Library, Topic, quick_exit_form
from bot.content.render import render_topic, topic_title, ui_text
from bot.content.store import store
from bot.privacy import ERASE_SLOT

logger = logging.getLogger(__name__)

MENU_GROUPS = ["before_leaving", "rights_at_work", "complaints", "get_help", "learn"]
EMERGENCY_TOPIC = "emergency_help"


class Reply:
    """Sends messages to the worker, in their language, for their countries."""

    def __init__(self, dispatcher: CollectingDispatcher, library: Library, worker: Worker):
        self.dispatcher = dispatcher
        self.library = library
        self.worker = worker

    def text(self, key: str, **values: str) -> str:
        w = self.worker
        return ui_text(self.library, key, w.language, w.work_country, w.home_country, **values)

    def ui(self, key: str, buttons: Optional[List[Dict[str, str]]] = None, **values: str) -> None:
        self.dispatcher.utter_message(text=self.text(key, **values), buttons=buttons or [])

    def first_message(self) -> None:
        """What opens a conversation: the deployment's choice (settings.yml), e.g. an
        introduction, or a neutral greeting where the phone may be watched."""
        self.ui(self.library.deployment.first_message)

    def topic(self, topic: Topic, buttons: Optional[List[Dict[str, str]]] = None) -> None:
        """The topic's answer, with its follow-up and menu buttons (or the `buttons` given)."""
        w = self.worker
        rendered = render_topic(self.library, topic, w.language, w.work_country, w.home_country)
        if rendered.translation_missing:
            self.ui("translation_missing")
        if buttons is None:
            buttons = rendered.buttons + [self.menu_button()]
        self.dispatcher.utter_message(text=rendered.text, buttons=buttons)

    # --- questions with buttons -------------------------------------------------
    def ask_language(self) -> None:
        buttons = [{"title": self.library.languages[code].name,
                    "payload": f'/change_language{{"language":"{code}"}}'}
                   for code in self.library.enabled_languages]
        self.ui("ask_language", buttons)

    def ask_work_country(self) -> None:
        self.ui("ask_work_country", self._country_buttons("work_country", self.library.work_countries))

    def ask_home_country(self) -> None:
        self.ui("ask_home_country", self._country_buttons("home_country", self.library.home_countries))

    def _country_buttons(self, slot: str, codes: List[str]) -> List[Dict[str, str]]:
        buttons = [{"title": self.country_name(code), "payload": f'/inform_country{{"{slot}":"{code}"}}'}
                   for code in codes]
        buttons.append({"title": self.text("country_other"),
                        "payload": f'/inform_country{{"{slot}":"{OTHER_COUNTRY}"}}'})
        return buttons

    def country_name(self, code: str) -> str:
        country = self.library.countries.get(code)
        if country is None:
            return code
        return country.names.get(self.worker.language) or country.names.get(self.library.default_language, code)

    def menu(self) -> None:
        buttons = [{"title": self.text(f"group_{group}"), "payload": f'/help_menu{{"menu_group":"{group}"}}'}
                   for group in MENU_GROUPS if self.library.topics_in_group(group)]
        self.ui("menu", buttons)

    def menu_group(self, group: str) -> None:
        buttons = [{"title": topic_title(self.library, t, self.worker.language), "payload": f"/{t.intent}"}
                   for t in self.library.topics_in_group(group)]
        self.ui("menu_group", buttons + [self.menu_button()])

    def menu_button(self) -> Dict[str, str]:
        return {"title": self.text("menu_button"), "payload": "/help_menu"}

    def fallback(self) -> None:
        self.dispatcher.utter_message(text=f'{self.text("fallback")}\n{self.text("emergency_line")}')
        self.menu()


class MitraAction(Action):
    action_name = ""

    def name(self) -> str:
        return self.action_name

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        raise NotImplementedError

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        # Built in a worker thread: a hand-off backend that is slow to answer (up to its
        # timeout) must not hold up every other worker's reply on the server's event loop.
        return await asyncio.get_running_loop().run_in_executor(None, self.answer, dispatcher, tracker)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
        library = store.library
        reply = Reply(dispatcher, library, Worker.from_tracker(tracker, library))
        try:
            if is_quick_exit(library, tracker.latest_message.get("text")):
                # Say as little as possible, tell the page to clear itself, delete everything.
                dispatcher.utter_message(text=reply.text("quick_exit_done"), json_message={"quick_exit": True})
                pause.end_case(tracker, "quick_exit")
                return [SlotSet(ERASE_SLOT, True)]
            if tracker.latest_message.get("text_truncated"):
                reply.ui("long_message")
            safety_net(reply, tracker)
            events = pause.deliver_inbox(reply, tracker) + pause.forget_orphan(tracker)
            relayed = pause.relay(reply, tracker, library.topics.get(EMERGENCY_TOPIC))
            if relayed is not None:  # a person has this conversation now: Mitra stays quiet
                return events + relayed
            return (events + self.respond(reply, tracker) + offer_language(reply, tracker)
                    + zawgyi_note(reply, tracker))
        except Exception:  # noqa: BLE001 - the worker must get an answer whatever broke
            logger.exception("%s failed; sending the fallback", self.action_name)
            dispatcher.messages.clear()
            reply.fallback()
            return []


def is_quick_exit(library: Library, text: Optional[str]) -> bool:
    """The whole message is one of the quick-exit words of any language."""
    word = quick_exit_form(text)
    return bool(word) and any(word == quick_exit_form(exit_word)
                              for lang in library.languages.values() for exit_word in lang.quick_exit)


def safety_net(reply: Reply, tracker: Tracker) -> None:
    """Emergency words in any language bring the emergency numbers first, whatever the
    classifier made of the message: one misclassified cry for help must not be missed."""
    emergency = reply.library.topics.get(EMERGENCY_TOPIC)
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if emergency is not None and intent != EMERGENCY_TOPIC and mentions_danger(reply.library, tracker):
        reply.topic(emergency)


def mentions_danger(library: Library, tracker: Tracker) -> bool:
    """The latest message has an emergency keyword of any language (a typed message, not a button)."""
    emergency = library.topics.get(EMERGENCY_TOPIC)
    text = tracker.latest_message.get("text") or ""
    if emergency is None or text.startswith("/"):
        return False
    return mentions(text, (k for words in emergency.keywords.values() for k in words))


def zawgyi_note(reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
    """Once per conversation, tell a Zawgyi writer that replies come in Unicode (and how
    to read them), in both encodings: see bot/nlu/zawgyi.py for why replies stay Unicode."""
    if not tracker.latest_message.get("zawgyi") or tracker.get_slot("zawgyi_noted"):
        return []
    library, worker = reply.library, reply.worker
    reply.dispatcher.utter_message(text=ui_text(library, "zawgyi_note", "my", worker.work_country))
    return [SlotSet("zawgyi_noted", True)]


def offer_language(reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
    """Someone who chose one language but keeps writing in another is asked, once, in that language."""
    worker, library = reply.worker, reply.library
    if not worker.language_chosen:
        return []
    other = language_to_offer(tracker, worker.language, library.enabled_languages)
    if other is None or other == tracker.get_slot("language_offered"):
        return []
    text = ui_text(library, "offer_language", other, worker.work_country, worker.home_country,
                   language=library.languages[other].name)
    reply.dispatcher.utter_message(text=text, buttons=[
        {"title": library.languages[other].name, "payload": f'/change_language{{"language":"{other}"}}'}])
    return [SlotSet("language_offered", other)]


def start_conversation(reply: Reply, pending: Optional[str] = None) -> List[Dict[str, Any]]:
    """The first reply of every conversation: the first message, then which language."""
    reply.first_message()
    reply.ask_language()
    return [SlotSet("intro_shown", True), SlotSet("pending_topic", pending)]


def answer(reply: Reply, topic: Topic) -> List[Dict[str, Any]]:
    """Answer a topic, first asking for the country it depends on if unknown."""
    worker = reply.worker
    for need, ask in (("work_country", reply.ask_work_country), ("home_country", reply.ask_home_country)):
        if need in topic.needs and not worker.knows(need):
            ask()
            return [SlotSet("pending_topic", topic.intent)]
    reply.topic(topic)
    return [SlotSet("pending_topic", None)]
