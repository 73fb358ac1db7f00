"""Bad input gets a polite reply, never a trace, and the server keeps serving."""
import json
import uuid

import pytest

from tests.server.conftest import texts

SENDER = "bad-input"


@pytest.fixture(scope="module")
def onboarded(mitra):
    mitra.onboard(SENDER, "TH")
    return mitra


def still_serving(mitra):
    """A new conversation still gets its introduction."""
    assert "Mitra" in texts(mitra.say(f"check-{uuid.uuid4().hex}", "hello"))


def test_empty_message(onboarded):
    replies = onboarded.say(SENDER, "")
    assert "empty" in texts(replies)
    still_serving(onboarded)


def test_a_100_kb_message(onboarded):
    replies = onboarded.say(SENDER, "my boss keeps my passport " * 4000)
    assert "very long" in texts(replies)
    still_serving(onboarded)


def test_invalid_utf8(onboarded):
    body = b'{"sender": "' + SENDER.encode() + b'", "message": "\xff\xfe\xfa\xfb\xfc"}'
    status, replies = onboarded.post("/webhooks/rest/webhook", body)
    assert status == 200 and "could not read" in texts(replies)
    still_serving(onboarded)


def test_binary_body(onboarded):
    status, reply = onboarded.post("/webhooks/rest/webhook", bytes(range(256)) * 40)
    assert status == 400
    assert "could not read" in reply["messages"][0]["text"] and "Traceback" not in json.dumps(reply)
    still_serving(onboarded)


def test_emoji_only(onboarded):
    replies = onboarded.say(SENDER, "🙏😢🙏")
    assert "another way" in texts(replies)
    still_serving(onboarded)


def test_control_characters_and_lone_surrogates(onboarded):
    body = b'{"sender": "' + SENDER.encode() + b'", "message": "\\u0000\\ud800\\u0007"}'
    status, replies = onboarded.post("/webhooks/rest/webhook", body)
    assert status == 200 and replies
    still_serving(onboarded)
