"""``python -m bot.runtime.rasa_server run …``: Rasa's command line with changes for faults, privacy and CPU.

``lotse run`` starts Rasa this way (same arguments as ``rasa``):

- the conversation store is wrapped in :class:`bot.runtime.tracker_store.StrictTrackerStore` instead of
  Rasa's ``FailSafeTrackerStore``: when the database is down, a message fails (and the client is told
  so) instead of silently starting a new conversation kept only in memory;
- Rasa's structured log events name no message text: the values of the keys Rasa itself marks as
  personal (``text``, ``user_text``, ``slot_values`` …) are replaced by ``[redacted]``. Without this, a
  message that fails in Rasa's REST channel logs its text at error level;
- no log line carries Rasa's API token, a client id or an exception's message or local variables
  (:mod:`bot.runtime.log_privacy`): Sanic logs the URL of a failed request, Rasa's token
  authentication takes the token in the query string (``?token=…``), and structlog's JSON tracebacks
  list every frame's local variables; the values of personal keys are redacted at any depth;
- ``PUT /model`` loads only a published model file (:mod:`bot.runtime.model_loading`): whoever holds
  the API token cannot make Rasa run a model from anywhere else (another file, a URL, a bucket);
- the API token comes from ``LOTSE_RASA_TOKEN`` in the environment and is handed to Rasa's argument
  parser inside this process, never on the command line (which any local user can read);
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

import os
import sys
from typing import List

from bot.runtime import log_privacy
from bot.runtime.log_privacy import PERSONAL_KEYS, REDACTED, redact  # noqa: F401 - Rasa's redaction, re-exported

#: The environment variable that holds Rasa's API token (never a command-line argument: any local user
#: can read a process's command line).
TOKEN_VARIABLE = "LOTSE_RASA_TOKEN"


def hide_token(value: object) -> object:
    """A log message or argument with the value of a ``token`` query parameter replaced.

    >>> hide_token("uri: 'http://127.0.0.1:5005/conversations/abc/tracker?token=s3cret&x=1'")
    "uri: 'http://127.0.0.1:5005/conversations/abc/tracker?token=[redacted]&x=1'"
    >>> hide_token(5)
    5
    """
    return log_privacy.clean_text(value) if isinstance(value, str) else value


def hide_tokens_in_log_records() -> None:
    """Make every log record of this process hide tokens, client ids and exception details."""
    log_privacy.install()


def with_token(argv: List[str], env: "os._Environ[str] | dict" = os.environ) -> List[str]:
    """Rasa's arguments with ``--auth-token`` from ``LOTSE_RASA_TOKEN`` added in this process only.

    >>> with_token(["rasa", "run", "--enable-api"], {"LOTSE_RASA_TOKEN": "-Zk3"})
    ['rasa', 'run', '--enable-api', '--auth-token=-Zk3']
    >>> with_token(["rasa", "run"], {})
    ['rasa', 'run']
    """
    token = env.get(TOKEN_VARIABLE, "")
    given = any(arg == "--auth-token" or arg.startswith("--auth-token=") for arg in argv)
    return argv + [f"--auth-token={token}"] if token and not given else list(argv)  # one argument: may start with "-"


def install() -> None:
    """Put the strict tracker store and the redacting log processors in place of Rasa's."""
    import rasa.core.agent
    import rasa.utils.log_utils

    from bot.runtime import (
        domain_check,
        event_types,
        graph_schema,
        http_client,
        language_slot,
        log_arguments,
        model_loading,
        response_validation,
    )
    from bot.runtime.tracker_store import StrictTrackerStore

    rasa.core.agent.FailSafeTrackerStore = StrictTrackerStore  # type: ignore[misc]
    rasa.utils.log_utils._anonymizer = redact  # type: ignore[assignment]
    hide_tokens_in_log_records()
    model_loading.install()  # PUT /model loads published model files only, nothing else
    response_validation.install()  # same checks of action and NLG answers, each schema checked once (CPU)
    language_slot.install()  # the language slot set in Rasa, not by an action server call per message
    http_client.install()  # action server and NLG calls over kept-alive connections
    event_types.install()  # event classes by type name from a table, not a search per stored event
    graph_schema.install()  # the graph to run per target worked out once, not twice per message
    domain_check.install()  # whether the domain is empty worked out once, not per message
    log_arguments.install()  # debug log arguments (redacted anyway) not deep-copied per message


def main() -> None:
    """Rasa's command line (``rasa run …``) with :func:`install` applied."""
    from rasa.__main__ import main as rasa_main

    install()
    # the token reaches Rasa's argument parser inside this process; /proc/<pid>/cmdline never shows it
    sys.argv = with_token(["rasa", *sys.argv[1:]])
    rasa_main()


if __name__ == "__main__":
    main()
