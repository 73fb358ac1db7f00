"""Remove personal numbers and addresses from text before it is stored.

Workers paste their passport number, phone number or e-mail into the chat while
asking for help. The live reply can use the message; the stored copy must not
keep those in clear text (DESIGN.md, "Safety and privacy").
"""
import re
from typing import Any, Dict

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A passport or ID number: one or two letters then 6-9 digits (MD1234567, B1234567, A12345678).
PASSPORT = re.compile(r"\b[A-Za-z]{1,2}\s?\d{6,9}\b")
# A phone number: 7 or more digits, with the usual separators (+66 81 234 5678, 081-234-5678).
PHONE = re.compile(r"(?<![\w])\+?\d[\d\s().-]{5,}\d(?![\w])")
# Any other long run of digits (national ID, bank account, work permit number).
LONG_NUMBER = re.compile(r"\d{6,}")

# Order matters: e-mails first (they contain digits), then documents, then numbers.
RULES = ((EMAIL, "[email]"), (PASSPORT, "[id-number]"), (PHONE, "[phone]"), (LONG_NUMBER, "[number]"))


# Hand-off (bot/actions/handoff.py): a person's replies are sent marked with this metadata,
# and wait in this slot when the worker's channel cannot receive them at once.
FROM_TEAM = "from_team"
WORDS_SLOTS = ("handoff_inbox",)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [_redact_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    return value


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def redact_text(text: str) -> str:
    if not isinstance(text, str) or not any(char.isdigit() or char == "@" for char in text):
        return text
    for pattern, label in RULES:
        if pattern is PHONE:
            text = pattern.sub(lambda m: label if _digits(m.group()) >= 7 else m.group(), text)
        else:
            text = pattern.sub(label, text)
    return text


def redact_event(event: Dict[str, Any]) -> Dict[str, Any]:
    """A stored copy of one event (as a dict) with the worker's words redacted.

    Only the worker's messages can hold their personal data: the text, the text inside
    the parse result, entity values and the channel metadata (which can carry a phone
    number). The bot's own messages hold published hotline numbers and stay as they are,
    except a person's replies relayed in a hand-off (marked `from_team`) and slots that
    keep such words for later (WORDS_SLOTS).
    """
    if event.get("event") == "bot" and (event.get("metadata") or {}).get(FROM_TEAM):
        return dict(event, text=redact_text(event.get("text")))  # a person's reply may repeat them
    if event.get("event") == "slot" and event.get("name") in WORDS_SLOTS:
        return dict(event, value=_redact_value(event.get("value")))
    if event.get("event") != "user":
        return event
    event = dict(event)
    event["text"] = redact_text(event.get("text"))
    parse = dict(event.get("parse_data") or {})
    if "text" in parse:
        parse["text"] = redact_text(parse["text"])
    if parse.get("entities"):
        parse["entities"] = [dict(e, value=redact_text(e.get("value"))) if isinstance(e.get("value"), str) else e
                             for e in parse["entities"]]
    event["parse_data"] = parse
    event["metadata"] = {}
    return event
