"""Personal numbers and addresses never reach storage in clear text."""
import pytest

from bot.privacy.redact import redact_event, redact_text


@pytest.mark.parametrize("text, secret", [
    ("my passport number is MD1234567", "MD1234567"),
    ("passport B 1234567 kept by agent", "1234567"),
    ("call me on +66 81 234 5678", "234 5678"),
    ("my number 081-234-5678", "234-5678"),
    ("email somchai.k@gmail.com please", "somchai.k@gmail.com"),
    ("work permit 1234567890123", "1234567890123"),
])
def test_personal_numbers_are_redacted(text, secret):
    assert secret not in redact_text(text)


def test_hotline_numbers_and_ordinary_amounts_stay():
    assert redact_text("is 1546 the right number? i pay 50000 baht") == "is 1546 the right number? i pay 50000 baht"


def test_a_user_event_is_redacted_everywhere_the_text_appears():
    event = {"event": "user", "text": "MD1234567", "metadata": {"phone": "+66812345678"},
             "parse_data": {"text": "MD1234567", "entities": [{"entity": "x", "value": "MD1234567"}]}}
    stored = redact_event(event)
    assert "MD1234567" not in str(stored) and "+66812345678" not in str(stored)
    assert event["text"] == "MD1234567"  # the live event is not changed


def test_bot_messages_keep_the_published_hotlines():
    event = {"event": "bot", "text": "Call 1-800-010-180 now"}
    assert redact_event(event) == event
