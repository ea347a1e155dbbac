"""``python -m bot.runtime.rasa_server run …``: Rasa's command line with two changes for faults and privacy.

``lotse run`` starts Rasa this way (same arguments as ``rasa``):

- the conversation store is wrapped in :class:`bot.runtime.tracker_store.StrictTrackerStore` instead of
  Rasa's ``FailSafeTrackerStore``: when the database is down, a message fails (and the client is told
  so) instead of silently starting a new conversation kept only in memory;
- Rasa's structured log events name no message text: the values of the keys Rasa itself marks as
  personal (``text``, ``user_text``, ``slot_values`` …) are replaced by ``[redacted]``. Without this, a
  message that fails in Rasa's REST channel logs its text at error level.

Both are replacements of module attributes of the pinned Rasa 3.6 (``rasa.core.agent``'s
``FailSafeTrackerStore`` and ``rasa.utils.log_utils._anonymizer``), checked by
``tests/runtime/test_tracker_store.py``.
"""

from __future__ import annotations

from typing import Any, Dict

#: Keys of Rasa's structured log events that carry what clients wrote (Rasa's own list of personal keys).
PERSONAL_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response", "slot_candidates",
    "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states", "successes",
    "current_entity", "next_entity", "states", "entity", "token_text", "user_message", "json_message",
})
REDACTED = "[redacted]"


def redact(_: Any, __: str, event: Dict[str, Any]) -> Dict[str, Any]:
    """A structlog processor: the personal values of a log event replaced.

    >>> redact(None, "error", {"event": "rest.message.received.failure", "text": "Ich habe Angst"})
    {'event': 'rest.message.received.failure', 'text': '[redacted]'}
    """
    return {key: REDACTED if key in PERSONAL_KEYS else value for key, value in event.items()}


def install() -> None:
    """Put the strict tracker store and the redacting log processor in place of Rasa's."""
    import rasa.core.agent
    import rasa.utils.log_utils

    from bot.runtime import response_validation
    from bot.runtime.tracker_store import StrictTrackerStore

    rasa.core.agent.FailSafeTrackerStore = StrictTrackerStore  # type: ignore[misc]
    rasa.utils.log_utils._anonymizer = redact  # type: ignore[assignment]
    response_validation.install()  # same checks of action and NLG answers, each schema checked once (CPU)


def main() -> None:
    """Rasa's command line (``rasa run …``) with :func:`install` applied."""
    import sys

    from rasa.__main__ import main as rasa_main

    install()
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
