"""What the ILO self-check keeps, and for how long: its answers only while it runs.

The self-check (bot/actions/self_check.py) asks one yes/no question per ILO indicator of
forced labour. The answers live in slots while the check runs, because the conversation
is read back from the tracker store at every message. Once the check is over (finished,
stopped, an emergency, a restart or a new session), `scrub` removes from the stored
events everything said inside it: the worker's messages, Mitra's questions and summary,
and the answer slots. What stays is the list of signs in `self_check_signs`, set only if
the worker agreed to keep it for a person who helps them.

Shared by the action server and the tracker store, so it imports nothing from Rasa.
"""
from typing import Any, Dict, List, Optional

FORM = "self_check_form"
END_ACTION = "action_self_check_end"

# The 11 ILO indicators of forced labour, in the order the check asks about them: the
# least painful first, violence near the end.
INDICATORS = ("deception", "documents", "wages", "debt", "overtime", "conditions", "movement",
              "isolation", "threats", "violence", "vulnerability")
# The ILO's own name of each indicator: what `self_check_signs` holds, for the person who
# helps (ILO, "Indicators of Forced Labour", 2012).
ILO_NAMES = {
    "deception": "deception",
    "documents": "retention_of_identity_documents",
    "wages": "withholding_of_wages",
    "debt": "debt_bondage",
    "overtime": "excessive_overtime",
    "conditions": "abusive_working_and_living_conditions",
    "movement": "restriction_of_movement",
    "isolation": "isolation",
    "threats": "intimidation_and_threats",
    "violence": "physical_and_sexual_violence",
    "vulnerability": "abuse_of_vulnerability",
}
ANSWER_PREFIX = "ilo_"
ANSWER_SLOTS = tuple(ANSWER_PREFIX + key for key in INDICATORS)
CONSENT_SLOT = "self_check_consent"   # may the list of signs be kept? (asked when there are signs)
SIGNS_SLOT = "self_check_signs"       # the ILO names of the signs found, kept only with consent
PRIVATE_SLOTS = ANSWER_SLOTS + (CONSENT_SLOT,)

SCRUBBED = "[self-check]"


def scrub(events: List[Dict[str, Any]], finished_only: bool = True) -> List[Dict[str, Any]]:
    """The events (as dicts, oldest first) with the self-check's contents removed.

    A check runs from the form's activation to its deactivation, then to the end of the
    turn (the end action's messages). With `finished_only`, a check still running at the
    end of `events` keeps its answers: the next message needs them. Without it (for the
    event broker, which needs no state) everything is scrubbed at once.
    """
    running = _running_from(events) if finished_only else None
    result, inside, ended = [], False, False
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind == "active_loop":
            if event.get("name") == FORM:
                inside, ended = True, False
            elif inside:
                ended = True
        elif kind in ("restart", "session_started"):
            inside = ended = False
        elif kind == "user" and ended:
            inside = ended = False  # the next message is outside the check
        keep = running is not None and index >= running
        if kind == "slot" and event.get("name") in PRIVATE_SLOTS and event.get("value") is not None and not keep:
            event = dict(event, value=None)
        elif inside and not keep and kind in ("user", "bot"):
            event = _scrubbed_message(event)
        result.append(event)
    return result


def _running_from(events: List[Dict[str, Any]]) -> Optional[int]:
    """The index where a check still running at the end of `events` started, or None."""
    start = None
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind == "active_loop":
            start = index if event.get("name") == FORM else None
        elif kind in ("restart", "session_started"):
            start = None
    return start


def _scrubbed_message(event: Dict[str, Any]) -> Dict[str, Any]:
    event = dict(event, text=SCRUBBED)
    if event.get("event") == "user":
        event["parse_data"] = {"text": SCRUBBED, "intent": {}, "entities": []}
        event["metadata"] = {}
    else:
        event["data"] = {}
    return event


def ends_a_check(events: List[Dict[str, Any]]) -> bool:
    """Whether these events (one turn's) may end a check, so stored rows need scrubbing."""
    return any((e.get("event") == "active_loop" and not e.get("name"))
               or e.get("event") in ("restart", "session_started") for e in events)
