"""The ILO self-check: one yes/no question per indicator of forced labour, then a summary.

`risk_self_check` starts `self_check_form` (bot/data/rules/forms.yml). Every message the
worker sends while the check runs comes to `validate_self_check_form`, which decides what
happens next and asks the next question itself, so that no message can break the check:

- an emergency (the `emergency_help` intent or an emergency keyword of any language)
  gets the emergency numbers first, then the check stops;
- the quick-exit word deletes everything, as anywhere else; while a person has the
  conversation (bot/actions/pause.py), "am I at risk?" is relayed to them, not started;
- Yes / No / I don't know / Skip record the answer and ask the next question;
  Stop, the menu, goodbye, asking for a person or to delete the chat end the check;
- anything else (another question, garbage, a flood of messages) gets a short hint and
  the same question again.

After the last question the worker gets the summary (which signs, what they suggest, who
can help in the work and home country) and, if there were signs, is asked whether the
list may be kept for a person who helps them. `action_self_check_end` then closes the
check: it offers a person when the signs are several or serious, and resets the answers,
which the tracker store also removes from the stored conversation
(bot/privacy/self_check.py). The texts are UI strings `self_check_*` in content/ui/.
"""
import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from bot.actions import pause
from bot.actions.base import EMERGENCY_TOPIC, Reply, is_quick_exit, mentions_danger, safety_net, zawgyi_note
from bot.actions.privacy import ActionDeleteMyData
from bot.actions.worker import OTHER_COUNTRY, Worker, country_code
from bot.content.render import render_topic
from bot.content.store import store
from bot.privacy import ERASE_SLOT
from bot.privacy.self_check import (ANSWER_PREFIX, ANSWER_SLOTS, CONSENT_SLOT, FORM, ILO_NAMES, INDICATORS,
                                    PRIVATE_SLOTS, SIGNS_SLOT)

logger = logging.getLogger(__name__)

TOPIC = "risk_self_check"  # its answer is the introduction to the check
END_SLOT = "self_check_end"  # why the check ended: tells action_self_check_end what to say
YES, NO, DONT_KNOW, SKIP = "yes", "no", "dont_know", "skip"
# Buttons: Yes and No are intents (typed "yes" works too); the others send their title as
# text, which is matched as typed, in the worker's language or the default one.
# A typed yes/no counts only when the classifier is sure: a vague "hmm" must not record a
# sign of forced labour. (Typed "yes", "ok", "iya", "ใช่", "না" score above 0.8.)
TYPED_ANSWER_MIN_CONFIDENCE = 0.6
CHOICES = (("self_check_yes", "/affirm"), ("self_check_no", "/deny"), ("self_check_dont_know", None),
           ("self_check_skip", None), ("self_check_stop", None))
TITLE_ANSWERS = {"self_check_yes": YES, "self_check_no": NO, "self_check_dont_know": DONT_KNOW,
                 "self_check_skip": SKIP, "self_check_stop": "stop"}
# Messages that end the check, and what the end action then does for the worker.
LEAVING = {"help_menu": "stopped", "goodbye": "stopped", "talk_to_human": "person", "delete_my_data": "delete"}
# Signs that call for a person at once; so do documents kept together with a debt, or 3 signs.
SERIOUS = {"violence", "movement", "threats"}
SERIOUS_TOGETHER = ({"documents", "debt"},)
MANY_SIGNS = 3


def signs_found(tracker: Tracker) -> List[str]:
    return [key for key in INDICATORS if tracker.get_slot(ANSWER_PREFIX + key) == YES]


def needs_person(signs: List[str]) -> bool:
    found = set(signs)
    return bool(found & SERIOUS) or any(pair <= found for pair in SERIOUS_TOGETHER) or len(found) >= MANY_SIGNS


def _fold(text: str) -> str:
    return " ".join((text or "").casefold().split()).strip(".!?। ")


class Check:
    """One turn of the check: reads the worker's message, replies, returns the events."""

    def __init__(self, reply: Reply, tracker: Tracker):
        self.reply = reply
        self.tracker = tracker
        self.message = tracker.latest_message or {}
        self.intent = (self.message.get("intent") or {}).get("name")
        self.text = self.message.get("text") or ""
        self.confidence = float((self.message.get("intent") or {}).get("confidence") or 0.0)
        self.step = tracker.get_slot(REQUESTED_SLOT) if tracker.active_loop_name == FORM else None

    # --- the turn --------------------------------------------------------------------
    def turn(self) -> List[Dict[str, Any]]:
        library = self.reply.library
        if is_quick_exit(library, self.text):
            self.reply.dispatcher.utter_message(text=self.reply.text("quick_exit_done"),
                                                json_message={"quick_exit": True})
            pause.end_case(self.tracker, "quick_exit")
            return [SlotSet(ERASE_SLOT, True)] + self.end("exit")
        if self.step is None and self.tracker.get_slot(pause.CASE_SLOT):
            # A person has this conversation: the message goes to them, as any other would.
            safety_net(self.reply, self.tracker)
            relayed = pause.relay(self.reply, self.tracker, library.topics.get(EMERGENCY_TOPIC))
            if relayed is not None:
                return relayed + self.end("relayed")
        if self.intent == EMERGENCY_TOPIC or mentions_danger(self.reply.library, self.tracker):
            # Safety first: the numbers come before anything else; then the check stops.
            self.reply.topic(self.reply.library.topics[EMERGENCY_TOPIC])
            return self.end("emergency")
        events = zawgyi_note(self.reply, self.tracker)
        if self.step is None:
            return events + self.start()
        return events + self.answer()

    def start(self) -> List[Dict[str, Any]]:
        """The check begins: Mitra's introduction if not yet given, language, country, then questions."""
        events: List[Dict[str, Any]] = [SlotSet(slot, None) for slot in PRIVATE_SLOTS]
        if not self.reply.worker.intro_shown:
            self.reply.first_message()  # the deployment's (settings.yml): introduction or neutral greeting
            events.append(SlotSet("intro_shown", True))
        return events + self.continue_from_settings()

    def continue_from_settings(self) -> List[Dict[str, Any]]:
        # Setting the missing slot (to nothing) tells Rasa the message was handled, so the form
        # asks again instead of giving the message up to other rules.
        worker = self.reply.worker
        if not worker.language_chosen:
            self.reply.ask_language()
            return [SlotSet("language", None), SlotSet(REQUESTED_SLOT, "language")]
        if not worker.work_country:
            self.reply.ask_work_country()
            return [SlotSet("work_country", None), SlotSet(REQUESTED_SLOT, "work_country")]
        self.introduce()
        return self.ask(INDICATORS[0])

    def answer(self) -> List[Dict[str, Any]]:
        setting = self.settings_changed()
        if setting is not None:
            return setting
        choice = self.choice()
        if choice == "stop":
            return self.end("stopped")
        if self.intent in LEAVING and choice is None:
            return self.end(LEAVING[self.intent])
        if self.step == CONSENT_SLOT and choice in (YES, NO):
            kept = [ILO_NAMES[key] for key in signs_found(self.tracker)] if choice == YES else None
            return [SlotSet(CONSENT_SLOT, choice), SlotSet(SIGNS_SLOT, kept)] + self.end("done")
        if self.step in ANSWER_SLOTS and choice is not None:
            events = [SlotSet(self.step, choice)]
            later = ANSWER_SLOTS[ANSWER_SLOTS.index(self.step) + 1:]
            if later:
                return events + self.ask(later[0][len(ANSWER_PREFIX):])
            answers = {slot: self.tracker.get_slot(slot) for slot in ANSWER_SLOTS}
            answers[self.step] = choice
            return events + self.summary(answers)
        if self.step in ANSWER_SLOTS + (CONSENT_SLOT,):
            self.reply.ui("self_check_hint")
        return self.ask_again()

    # --- reading the message -----------------------------------------------------------
    def choice(self) -> Optional[str]:
        """yes / no / dont_know / skip / stop, from a button, a typed title or the yes/no intents."""
        folded = _fold(self.text)
        if folded:
            library, lang = self.reply.library, self.reply.worker.language
            for key, value in TITLE_ANSWERS.items():
                titles = {_fold(self._title(library, code, key)) for code in (lang, library.default_language)}
                if folded in titles - {""}:
                    return value
        answer = {"affirm": YES, "deny": NO}.get(self.intent)
        if answer and not self.text.startswith("/") and self.confidence < TYPED_ANSWER_MIN_CONFIDENCE:
            return None  # e.g. "hmm": asked again rather than counted as a sign
        return answer

    def _title(self, library, lang: str, key: str) -> str:
        strings = library.ui.get(lang)
        text = strings.strings.get(key) if strings else None
        return text if isinstance(text, str) else ""

    def settings_changed(self) -> Optional[List[Dict[str, Any]]]:
        """A language or country button, during the check or before its questions."""
        reply, library = self.reply, self.reply.library
        entities = {e.get("entity"): e.get("value") for e in self.message.get("entities", [])}
        if self.intent == "change_language" and entities.get("language") in library.enabled_languages:
            reply.ui("language_set", language=library.languages[entities["language"]].name)
            return self.after_setting()
        work = country_code(entities.get("work_country"))
        if self.intent == "inform_country" and work:
            reply.worker.work_country = work
            known = work in library.countries and work != OTHER_COUNTRY
            reply.ui("country_set" if known else "country_set_other", country=reply.country_name(work))
            return [SlotSet("work_country", work)] + self.after_setting()
        return None

    def after_setting(self) -> List[Dict[str, Any]]:
        if self.step in ("language", "work_country"):
            return self.continue_from_settings()
        return self.ask_again()

    # --- what Mitra says ----------------------------------------------------------------
    def introduce(self) -> None:
        worker, library = self.reply.worker, self.reply.library
        rendered = render_topic(library, library.topics[TOPIC], worker.language, worker.work_country,
                                worker.home_country)
        if rendered.translation_missing:
            self.reply.ui("translation_missing")
        self.reply.dispatcher.utter_message(text=rendered.text)

    def ask(self, key: str) -> List[Dict[str, Any]]:
        number = INDICATORS.index(key) + 1
        question = self.reply.text(f"self_check_q_{key}")
        self.reply.dispatcher.utter_message(text=f"({number}/{len(INDICATORS)}) {question}",
                                            buttons=self.choice_buttons())
        slot = ANSWER_PREFIX + key
        # Setting the slot (to nothing, as it is) tells Rasa the message was handled, so the
        # form never gives up on a message it did not understand.
        return [SlotSet(slot, None), SlotSet(REQUESTED_SLOT, slot)]

    def ask_again(self) -> List[Dict[str, Any]]:
        if self.step == CONSENT_SLOT:
            return self.ask_consent()
        if self.step in ANSWER_SLOTS:
            return self.ask(self.step[len(ANSWER_PREFIX):])
        return self.continue_from_settings()

    def choice_buttons(self) -> List[Dict[str, str]]:
        return [{"title": self.reply.text(key), "payload": payload or self.reply.text(key)}
                for key, payload in CHOICES]

    def summary(self, answers: Dict[str, Optional[str]]) -> List[Dict[str, Any]]:
        reply = self.reply
        signs = [key for key in INDICATORS if answers.get(ANSWER_PREFIX + key) == YES]
        if signs:
            lines = [reply.text("self_check_found")] + [f"• {reply.text('self_check_sign_' + k)}" for k in signs]
            lines.append(reply.text("self_check_meaning"))
        else:
            lines = [reply.text("self_check_none")]
        if any(value == DONT_KNOW for value in answers.values()):
            lines.append(reply.text("self_check_unsure"))
        reply.dispatcher.utter_message(text="\n".join(lines))
        reply.dispatcher.utter_message(text=self.referral())
        if not signs:
            return self.end("done")
        return self.ask_consent()

    def referral(self) -> str:
        """Who can help, for the work country, and the embassy when the home country is known."""
        reply, worker = self.reply, self.reply.worker
        lines = [reply.text("self_check_referral")]
        home = reply.library.countries.get(worker.home_country or "")
        if home is not None and "embassy_info" in home.facts:
            lines.append(reply.text("self_check_embassy"))
        return "\n".join(lines)

    def ask_consent(self) -> List[Dict[str, Any]]:
        self.reply.ui("self_check_consent", [
            {"title": self.reply.text("self_check_keep"), "payload": "/affirm"},
            {"title": self.reply.text("self_check_dont_keep"), "payload": "/deny"}])
        return [SlotSet(CONSENT_SLOT, None), SlotSet(REQUESTED_SLOT, CONSENT_SLOT)]

    def end(self, why: str) -> List[Dict[str, Any]]:
        """Ends the form: Rasa deactivates it and action_self_check_end follows."""
        return [SlotSet(END_SLOT, why), SlotSet(REQUESTED_SLOT, None)]


def _reply(dispatcher: CollectingDispatcher, tracker: Tracker) -> Reply:
    library = store.library
    return Reply(dispatcher, library, Worker.from_tracker(tracker, library))


class ValidateSelfCheckForm(FormValidationAction):
    """Every message during the check comes here (see the module's docstring)."""

    def name(self) -> str:
        return "validate_self_check_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reply = _reply(dispatcher, tracker)
        try:
            return Check(reply, tracker).turn()
        except Exception:  # noqa: BLE001 - a broken check must not trap the worker
            logger.exception("the self-check failed; ending it with the fallback")
            dispatcher.messages.clear()
            reply.fallback()
            return [SlotSet(END_SLOT, "stopped"), SlotSet(REQUESTED_SLOT, None)]


class ActionSelfCheckEnd(Action):
    """After the check: what was kept, a person if the signs call for one, and the answers reset."""

    def name(self) -> str:
        return "action_self_check_end"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reset = [SlotSet(slot, None) for slot in PRIVATE_SLOTS] + [SlotSet(END_SLOT, None)]
        if tracker.get_slot(ERASE_SLOT) or tracker.get_slot(END_SLOT) == "relayed":
            return reset  # quick exit: nothing more may be said; relayed: a person answers
        reply = _reply(dispatcher, tracker)
        try:
            return self.close(reply, tracker, tracker.get_slot(END_SLOT) or "stopped") + reset
        except Exception:  # noqa: BLE001 - the worker must get an answer whatever broke
            logger.exception("action_self_check_end failed; sending the fallback")
            dispatcher.messages.clear()
            reply.fallback()
            return reset

    def close(self, reply: Reply, tracker: Tracker, why: str) -> List[Dict[str, Any]]:
        if why == "done":
            reply.ui("self_check_kept" if tracker.get_slot(CONSENT_SLOT) == YES else "self_check_deleted")
            if needs_person(signs_found(tracker)):
                offer_person(reply)
            else:
                reply.menu()
            return []
        reply.ui("self_check_stopped")
        if why in ("emergency", "person"):
            offer_person(reply)
        elif why == "delete":  # asks to confirm, as when asked outside the check
            return ActionDeleteMyData().respond(reply, tracker)
        else:
            reply.menu()
        return []


def offer_person(reply: Reply) -> None:
    reply.ui("self_check_person", [{"title": reply.text("self_check_person_button"), "payload": "/talk_to_human"},
                                   reply.menu_button()])
