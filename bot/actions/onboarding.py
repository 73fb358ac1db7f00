"""Choosing the language and the countries, then carrying on with what was asked."""
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.actions.base import MitraAction, Reply, answer
from bot.actions.worker import OTHER_COUNTRY, country_code


def carry_on(reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
    """After a setting changed: ask what is still missing, answer what was asked, or show the menu."""
    worker = reply.worker
    if not worker.language_chosen:
        reply.ask_language()
        return []
    if not worker.work_country:
        reply.ask_work_country()
        return []
    pending = reply.library.topics.get(tracker.get_slot("pending_topic") or "")
    if pending is not None and pending.answered:
        return answer(reply, pending)
    reply.menu()
    return []


def _intro_once(reply: Reply) -> List[Dict[str, Any]]:
    if reply.worker.intro_shown:
        return []
    reply.first_message()
    reply.worker.intro_shown = True
    return [SlotSet("intro_shown", True)]


class ActionChangeLanguage(MitraAction):
    action_name = "action_change_language"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        chosen = tracker.get_slot("language")
        library = reply.library
        if chosen not in library.enabled_languages:
            # "change language" typed, or a code Mitra does not speak: offer the choice.
            events = _intro_once(reply)
            reply.ask_language()
            return events + [SlotSet("language", reply.worker.language if reply.worker.language_chosen else None)]
        events = _intro_once(reply)
        reply.ui("language_set", language=library.languages[chosen].name)
        return events + carry_on(reply, tracker)


class ActionInformCountry(MitraAction):
    action_name = "action_inform_country"

    def respond(self, reply: Reply, tracker: Tracker) -> List[Dict[str, Any]]:
        worker, library = reply.worker, reply.library
        events = _intro_once(reply)
        entities = {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities", [])}
        work = country_code(entities.get("work_country"))
        home = country_code(entities.get("home_country"))
        if work is None and home is None:
            reply.ask_work_country()
            return events + [SlotSet("work_country", worker.work_country)]
        if work is not None:
            worker.work_country = work
            events.append(SlotSet("work_country", work))
            if work in library.countries and work != OTHER_COUNTRY:
                reply.ui("country_set", country=reply.country_name(work))
            else:
                reply.ui("country_set_other")
        if home is not None:
            worker.home_country = home
            events.append(SlotSet("home_country", home))
        return events + carry_on(reply, tracker)
