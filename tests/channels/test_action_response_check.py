"""Custom action responses are still checked against Rasa's schema, with a validator built once."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.channels import action_response_check as check

GOOD = {"events": [{"event": "slot", "name": "language", "value": "th"}],
        "responses": [{"text": "สวัสดี", "buttons": []}]}
ACTION = RemoteAction("action_answer_topic", None)
BAD = [{"events": "not a list"}, {"events": [{"event": "no_such_event"}]}, {"responses": ["text, not an object"]},
       {"events": [{"event": "slot", "name": 5}]}]


def test_rasa_servers_use_it():
    assert RemoteAction._validate_action_result is check.validate_action_result


def test_a_good_response_passes():
    assert check.validate_action_result(ACTION, GOOD) is True


@pytest.mark.parametrize("response", BAD)
def test_a_bad_response_fails_with_the_same_error_as_rasas_own_check(response):
    with pytest.raises(ValidationError) as ours:
        check.validate_action_result(ACTION, response)
    with pytest.raises(ValidationError) as rasas:
        check.rasa_validate_action_result(ACTION, response)
    assert ours.value.message == rasas.value.message and "Failed to validate Action server response" in ours.value.message
