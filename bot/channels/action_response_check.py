"""Rasa 3.6 checks every custom action's response against its schema with
`jsonschema.validate`, which first re-checks the whole schema against the JSON Schema
meta-schema: about two thirds of each reply's time here (`make bench`). This checks the
schema once and keeps the validator: the same schema, the same error for a bad response.

Imported by bot/channels (the Rasa server always loads its input channels; the action
server does not, so it stays free of Rasa).
"""
from functools import lru_cache
from typing import Any, Dict, Text

import rasa
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator():
    schema = RemoteAction.action_response_format_spec()
    checker = validator_for(schema)
    checker.check_schema(schema)
    return checker(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """RemoteAction._validate_action_result with a validator built once."""
    error = best_match(_validator().iter_errors(result))  # as jsonschema.validate picks it
    if error is None:
        return True
    error.message += (". Failed to validate Action server response from API, make sure your response "
                      "from the Action endpoint is valid. For more information about the format "
                      f"visit {DOCS_BASE_URL}/custom-actions")
    raise error


# Only for the Rasa version this was written against: a newer one may have changed the method.
rasa_validate_action_result = RemoteAction._validate_action_result
if rasa.__version__.startswith("3.6."):
    RemoteAction._validate_action_result = validate_action_result
