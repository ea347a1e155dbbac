"""What may reach a log: no message text, no client id, no token, in every Lotse process.

Rasa, the action server, the web process, the Telegram poller and the ``lotse`` commands call
:func:`install` once at start. From then on every log record of the process is cleaned when it is
created (Python's log record factory), whoever logs it:

- an exception is logged as its classes and stack frames only (file, line, function): no exception
  message (a database error carries the SQL parameters: the sender id and the stored event with the
  text; a validation error may quote the input) and no local variables (structlog's JSON tracebacks
  show every frame's locals, which hold the message and the sender id). ``OSError``s keep their error
  number and reason ("Connection refused");
- client ids (``web-…``, ``telegram-…``, ``whatsapp-…`` pseudonyms) in messages and arguments become
  ``[client]``; the value of a ``token`` query parameter becomes ``[redacted]``.

Rasa's structured log events are cleaned by :func:`redact`, the first processor of Rasa's structlog
chain (see :mod:`bot.runtime.rasa_server`): the values of personal keys at any depth become
``[redacted]``, and an exception is replaced by its :func:`describe_exception` text before
structlog would render it with locals.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from types import TracebackType
from typing import Any, Dict, Optional, Tuple, Type

#: Keys whose values carry what clients wrote or who they are (Rasa's own list of personal keys, and ids).
PERSONAL_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response", "slot_candidates",
    "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states", "successes",
    "current_entity", "next_entity", "states", "entity", "token_text", "user_message", "json_message",
    "sender_id", "sender", "conversation_id", "recipient_id", "metadata", "events", "tracker", "slots",
    "request_body", "body", "utterance", "latest_message", "entities", "intent_ranking",
})
REDACTED = "[redacted]"
CLIENT = "[client]"
#: A token in a URL's query string.
TOKEN_IN_URL = re.compile(r"([?&]token=)[^&\s'\"]+")
#: A client's pseudonym (:func:`bot.privacy.pseudonym`).
CLIENT_ID = re.compile(r"\b(?:web|telegram|whatsapp)-[0-9a-f]{32}\b")
#: How deep :func:`redact_value` descends (deeper values are redacted whole).
MAX_DEPTH = 20

ExcInfo = Tuple[Type[BaseException], BaseException, Optional[TracebackType]]


def clean_text(value: str) -> str:
    """``value`` with tokens in URLs and client pseudonyms replaced.

    >>> clean_text("GET /conversations/web-0123456789abcdef0123456789abcdef/tracker?token=s3cret&x=1")
    'GET /conversations/[client]/tracker?token=[redacted]&x=1'
    """
    return CLIENT_ID.sub(CLIENT, TOKEN_IN_URL.sub(rf"\g<1>{REDACTED}", value))


def redact_value(value: Any, depth: int = 0) -> Any:
    """``value`` with personal keys redacted at any depth of dicts, lists and tuples, strings cleaned.

    >>> redact_value({"a": [{"text": "Hilfe"}, ("x", {"sender_id": "s"})], "n": 1})
    {'a': [{'text': '[redacted]'}, ('x', {'sender_id': '[redacted]'})], 'n': 1}
    """
    if depth > MAX_DEPTH:
        return REDACTED
    if isinstance(value, dict):
        return {key: REDACTED if key in PERSONAL_KEYS else redact_value(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        items = [redact_value(item, depth + 1) for item in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, str):
        return clean_text(value)
    return value


def _frames(tb: Optional[TracebackType]) -> str:
    return "".join(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
                   for frame in traceback.extract_tb(tb))


def _headline(error: BaseException) -> str:
    name = f"{type(error).__module__}.{type(error).__qualname__}".removeprefix("builtins.")
    if isinstance(error, OSError) and (error.errno or error.strerror):
        return f"{name}: [Errno {error.errno}] {error.strerror}"
    return name


def describe_exception(error: BaseException) -> str:
    """A traceback of ``error`` and its causes: classes and frames, no messages, no locals.

    >>> try:
    ...     raise ValueError("Ich habe Angst")
    ... except ValueError as caught:
    ...     print(describe_exception(caught))
    Traceback (most recent call last):
      File "<doctest bot.runtime.log_privacy.describe_exception[0]>", line 2, in <module>
    ValueError
    """
    parts = []
    seen = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"Traceback (most recent call last):\n{_frames(current.__traceback__)}{_headline(current)}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n\nThe above caused:\n\n".join(reversed(parts))


def _exception_of(exc_info: Any) -> Optional[BaseException]:
    if exc_info is True:
        return sys.exc_info()[1]
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3:
        return exc_info[1]
    return None


def redact(_: Any, __: str, event: Dict[str, Any]) -> Dict[str, Any]:
    """A structlog processor: personal values at any depth redacted, an exception described without
    its message and locals (and ``exc_info`` set to False, so later processors render nothing).

    >>> redact(None, "error", {"event": "rest.message.received.failure", "text": "Ich habe Angst"})
    {'event': 'rest.message.received.failure', 'text': '[redacted]'}
    >>> redact(None, "debug", {"event": "x", "data": {"tracker": {"sender_id": "a"}, "n": [{"user_text": "b"}]}})
    {'event': 'x', 'data': {'tracker': '[redacted]', 'n': [{'user_text': '[redacted]'}]}}
    """
    cleaned = redact_value(event)
    if "exc_info" in cleaned:
        error = _exception_of(event["exc_info"])
        if error is not None:
            cleaned["exception"] = describe_exception(error)
        cleaned["exc_info"] = False
    return cleaned


def _clean_argument(value: Any) -> Any:
    """A log message or argument: exceptions by class only, other objects by their cleaned ``str``."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, BaseException):  # ``logger.error(error)``: the message may quote the input
        return _headline(value)
    if isinstance(value, (str, dict, list, tuple)):
        return redact_value(value)
    return clean_text(str(value))


def clean_record(record: logging.LogRecord) -> logging.LogRecord:
    """A log record with its message, arguments and exception cleaned (see the module docstring)."""
    record.msg = _clean_argument(record.msg)
    if isinstance(record.args, tuple):
        record.args = tuple(_clean_argument(arg) for arg in record.args)
    elif isinstance(record.args, dict):
        record.args = redact_value(record.args)
    error = _exception_of(record.exc_info) if record.exc_info else None
    if error is not None:
        record.exc_text = describe_exception(error)
        record.exc_info = None
    return record


class CleaningFilter(logging.Filter):
    """A logging filter that cleans records (for handlers configured by other code, e.g. ``dictConfig``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Clean ``record`` in place; never drops it."""
        clean_record(record)
        return True


def install() -> None:
    """Clean every log record this process creates from now on (idempotent)."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "lotse_cleaning", False):
        return

    def record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return clean_record(make_record(*args, **kwargs))

    record.lotse_cleaning = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(record)
