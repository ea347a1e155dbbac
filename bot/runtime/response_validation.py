"""Rasa's validation of action-server and NLG answers, with each JSON schema checked once instead of every time.

Rasa 3.6 checks every answer of the action server (``RemoteAction._validate_action_result``) and of
the NLG endpoint (``CallbackNaturalLanguageGenerator.validate_response``) with ``jsonschema.validate``,
which first validates the schema itself against the JSON Schema meta-schema, on every call. For
Rasa's events schema that costs about 15 ms of CPU per action call, a third of the Rasa process's
CPU per message in `make bench`. The replacements validate the same answers against the same
schemas, with one validator per schema built on first use, and raise the same errors.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

SchemaFunction = Callable[[], Dict[str, Any]]


class SchemaValidator:
    """``jsonschema.validate(instance, schema())`` with the schema checked and compiled once.

    >>> positive = SchemaValidator(lambda: {"type": "object", "properties": {"n": {"minimum": 0}}})
    >>> positive.validate({"n": 3})
    >>> from jsonschema import ValidationError
    >>> try:
    ...     positive.validate({"n": -1})
    ... except ValidationError as error:
    ...     print(error.message)
    -1 is less than the minimum of 0
    """

    def __init__(self, schema: SchemaFunction) -> None:
        self.schema = schema
        self._validator: Optional[Any] = None

    def validate(self, instance: Any) -> None:
        """Raise the best-matching ``ValidationError`` when ``instance`` is invalid, as ``jsonschema.validate`` does."""
        from jsonschema import exceptions, validators

        if self._validator is None:
            schema = self.schema()
            validator_class = validators.validator_for(schema)
            validator_class.check_schema(schema)
            self._validator = validator_class(schema)
        error = exceptions.best_match(self._validator.iter_errors(instance))
        if error is not None:
            raise error


def install() -> None:
    """Replace Rasa's two validating methods by ones with the same checks and messages, on cached validators."""
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction
    from rasa.core.nlg import callback
    from rasa.shared.constants import DOCS_BASE_URL
    from rasa.shared.exceptions import RasaException

    action_results = SchemaValidator(RemoteAction.action_response_format_spec)
    nlg_responses = SchemaValidator(callback.nlg_response_format_spec)

    def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        try:
            action_results.validate(result)
            return True
        except ValidationError as error:
            error.message += (". Failed to validate Action server response from API, make sure your response "
                              f"from the Action endpoint is valid. For more information about the format visit "
                              f"{DOCS_BASE_URL}/custom-actions")
            raise error

    def validate_response(content: Optional[Dict[str, Any]]) -> bool:
        if content is None or content == "":
            return True  # the endpoint did not want to respond with anything
        try:
            nlg_responses.validate(content)
            return True
        except ValidationError as error:
            raise RasaException(f"{error.message}. Failed to validate NLG response from API, make sure your "
                                "response from the NLG endpoint is valid.") from error

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    callback.CallbackNaturalLanguageGenerator.validate_response = staticmethod(validate_response)  # type: ignore
