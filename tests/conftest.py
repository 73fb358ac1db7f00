"""Shared fixtures: the real content library and trackers shaped like Rasa's."""
import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def library():
    from bot.content import load_library

    return load_library(ROOT / "content")


def make_tracker(intent: Optional[str] = None, text: str = "", slots: Optional[Dict[str, Any]] = None,
                 entities: Optional[List[Dict[str, Any]]] = None, **parse: Any) -> Tracker:
    """A tracker whose latest message is `text`, classified as `intent`."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9} if intent else {},
              "entities": entities or [], **parse}
    all_slots = {"language": None, "work_country": None, "home_country": None,
                 "intro_shown": False, "pending_topic": None, **(slots or {})}
    return Tracker("worker-1", all_slots, latest, [], False, None, {}, "action_listen")


def run_action(action, tracker: Tracker):
    """Run an action; returns (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def button_payloads(message) -> List[str]:
    return [b["payload"] for b in message.get("buttons", [])]
