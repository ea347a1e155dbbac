"""Rasa's answer validation with cached validators accepts and rejects what jsonschema.validate does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator, nlg_response_format_spec
from rasa.shared.exceptions import RasaException

from bot.runtime import response_validation

VALID_ACTION_RESULT = {"events": [{"event": "slot", "timestamp": None, "name": "language", "value": "ar"}],
                       "responses": [{"response": "utter_greet"}]}
INVALID_ACTION_RESULT = {"events": [{"event": "slot", "name": 42}], "responses": []}


@pytest.fixture()
def installed(monkeypatch):
    """The replacements installed for one test; Rasa's own methods come back afterwards."""
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(CallbackNaturalLanguageGenerator, "validate_response",
                        CallbackNaturalLanguageGenerator.__dict__["validate_response"])
    response_validation.install()


def test_action_results_are_judged_like_jsonschema_validate(installed):
    schema = RemoteAction.action_response_format_spec()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result(VALID_ACTION_RESULT) is True
    with pytest.raises(jsonschema.ValidationError) as theirs:
        jsonschema.validate(INVALID_ACTION_RESULT, schema)
    with pytest.raises(jsonschema.ValidationError) as ours:
        action._validate_action_result(INVALID_ACTION_RESULT)
    assert ours.value.message.startswith(theirs.value.message.split(". Failed")[0])
    assert "Failed to validate Action server response" in ours.value.message


def test_nlg_responses_are_judged_like_jsonschema_validate(installed):
    assert CallbackNaturalLanguageGenerator.validate_response({"text": "مرحبا", "buttons": []}) is True
    assert CallbackNaturalLanguageGenerator.validate_response(None) is True
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"text": 5}, nlg_response_format_spec())
    with pytest.raises(RasaException, match="Failed to validate NLG response"):
        CallbackNaturalLanguageGenerator.validate_response({"text": 5})
