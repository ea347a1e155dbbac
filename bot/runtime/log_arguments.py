"""Rasa's debug log calls without deep copies of their arguments.

Rasa 3.6 deep-copies events, parse data, slot values and rule states for its debug log lines
(``structlogger.debug(..., rasa_events=copy.deepcopy(events))``) on every message, whether or not
debug logging is on: about 5 % of the Rasa process's CPU per message in `make bench`. All of these
values are personal and :func:`bot.runtime.rasa_server.redact` replaces them in the log anyway, so
the replacement hands the values over uncopied. Log processors only read them.
"""

from __future__ import annotations

import types
from typing import Any

#: Rasa modules whose ``copy.deepcopy`` calls are only made for debug log arguments.
MODULES = ("rasa.core.processor", "rasa.core.policies.rule_policy")


def _uncopied(value: Any, memo: Any = None) -> Any:
    return value


#: What those modules see as ``copy``: a ``deepcopy`` that returns its argument.
LOG_ONLY_COPY = types.SimpleNamespace(deepcopy=_uncopied)


def install() -> None:
    """Give :data:`MODULES` the uncopying ``copy``."""
    import importlib

    for name in MODULES:
        importlib.import_module(name).copy = LOG_ONLY_COPY  # type: ignore[attr-defined]
