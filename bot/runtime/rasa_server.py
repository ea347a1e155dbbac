"""``python -m bot.runtime.rasa_server run …``: Rasa's command line with changes for faults, privacy and CPU.

``lotse run`` starts Rasa this way (same arguments as ``rasa``):

- the conversation store is wrapped in :class:`bot.runtime.tracker_store.StrictTrackerStore` instead of
  Rasa's ``FailSafeTrackerStore``: when the database is down, a message fails (and the client is told
  so) instead of silently starting a new conversation kept only in memory;
- Rasa's structured log events name no message text: the values of the keys Rasa itself marks as
  personal (``text``, ``user_text``, ``slot_values`` …) are replaced by ``[redacted]``. Without this, a
  message that fails in Rasa's REST channel logs its text at error level;
- no log line carries Rasa's API token: Sanic logs the URL of a failed request, and Rasa's token
  authentication takes the token in the query string (``?token=…``);
- less CPU per message, with the same results: answers of the action server and NLG endpoint are
  validated against schemas compiled once (:mod:`bot.runtime.response_validation`); the language slot
  is set in Rasa's own slot filling (:mod:`bot.runtime.language_slot`); both endpoints are called over
  kept-alive connections (:mod:`bot.runtime.http_client`); stored events' classes come from a table
  (:mod:`bot.runtime.event_types`), the graph to run and whether the domain is empty are worked out
  once (:mod:`bot.runtime.graph_schema`, :mod:`bot.runtime.domain_check`), and Rasa's debug log
  arguments are no longer deep-copied (:mod:`bot.runtime.log_arguments`).

All are replacements of attributes of the pinned Rasa 3.6 (e.g. ``rasa.core.agent``'s
``FailSafeTrackerStore`` and ``rasa.utils.log_utils._anonymizer``), checked by the tests in
``tests/runtime/``.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict

#: Keys of Rasa's structured log events that carry what clients wrote (Rasa's own list of personal keys).
PERSONAL_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response", "slot_candidates",
    "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states", "successes",
    "current_entity", "next_entity", "states", "entity", "token_text", "user_message", "json_message",
})
REDACTED = "[redacted]"
#: A token in a URL's query string.
TOKEN_IN_URL = re.compile(r"([?&]token=)[^&\s'\"]+")


def redact(_: Any, __: str, event: Dict[str, Any]) -> Dict[str, Any]:
    """A structlog processor: the personal values of a log event replaced.

    >>> redact(None, "error", {"event": "rest.message.received.failure", "text": "Ich habe Angst"})
    {'event': 'rest.message.received.failure', 'text': '[redacted]'}
    """
    return {key: REDACTED if key in PERSONAL_KEYS else value for key, value in event.items()}


def hide_token(value: Any) -> Any:
    """A log message or argument with the value of a ``token`` query parameter replaced.

    >>> hide_token("uri: 'http://127.0.0.1:5005/conversations/abc/tracker?token=s3cret&x=1'")
    "uri: 'http://127.0.0.1:5005/conversations/abc/tracker?token=[redacted]&x=1'"
    >>> hide_token(5)
    5
    """
    return TOKEN_IN_URL.sub(rf"\g<1>{REDACTED}", value) if isinstance(value, str) else value


def hide_tokens_in_log_records() -> None:
    """Make every log record of this process hide tokens in its message and its arguments."""
    make_record = logging.getLogRecordFactory()

    def record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        created = make_record(*args, **kwargs)
        created.msg = hide_token(created.msg)
        if isinstance(created.args, tuple):
            created.args = tuple(hide_token(arg) for arg in created.args)
        return created

    logging.setLogRecordFactory(record)


def install() -> None:
    """Put the strict tracker store and the redacting log processors in place of Rasa's."""
    import rasa.core.agent
    import rasa.utils.log_utils

    from bot.runtime import (domain_check, event_types, graph_schema, http_client, language_slot, log_arguments,
                             response_validation)
    from bot.runtime.tracker_store import StrictTrackerStore

    rasa.core.agent.FailSafeTrackerStore = StrictTrackerStore  # type: ignore[misc]
    rasa.utils.log_utils._anonymizer = redact  # type: ignore[assignment]
    hide_tokens_in_log_records()
    response_validation.install()  # same checks of action and NLG answers, each schema checked once (CPU)
    language_slot.install()  # the language slot set in Rasa, not by an action server call per message
    http_client.install()  # action server and NLG calls over kept-alive connections
    event_types.install()  # event classes by type name from a table, not a search per stored event
    graph_schema.install()  # the graph to run per target worked out once, not twice per message
    domain_check.install()  # whether the domain is empty worked out once, not per message
    log_arguments.install()  # debug log arguments (redacted anyway) not deep-copied per message


def main() -> None:
    """Rasa's command line (``rasa run …``) with :func:`install` applied."""
    import sys

    from rasa.__main__ import main as rasa_main

    install()
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
