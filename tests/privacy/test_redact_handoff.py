"""A person's replies in a hand-off can repeat a worker's number: stored copies are redacted."""
from bot.privacy.redact import redact_event


def test_a_persons_reply_is_stored_redacted_but_mitras_own_answers_are_not():
    team = {"event": "bot", "text": "Our team:\nI will call you on 081-234-5678", "metadata": {"from_team": True}}
    assert redact_event(team)["text"] == "Our team:\nI will call you on [phone]"
    hotline = {"event": "bot", "text": "Call 1-800-010-180", "metadata": {}}
    assert redact_event(hotline) == hotline


def test_replies_waiting_in_the_inbox_slot_are_stored_redacted():
    slot = {"event": "slot", "name": "handoff_inbox", "value": [{"team": "mail me: dara@example.org"}]}
    assert redact_event(slot)["value"] == [{"team": "mail me: [email]"}]
    other = {"event": "slot", "name": "language", "value": "en"}
    assert redact_event(other) == other
