"""Rasa's deep copies for debug log lines are dropped, and only those."""

import ast
import importlib
import inspect

from bot.runtime import log_arguments
from bot.runtime.rasa_server import PERSONAL_KEYS


def _deepcopy_calls(module):
    """(keyword the copy is passed as, or None; whether it is inside a ``structlogger.debug(...)`` call)."""
    tree = ast.parse(inspect.getsource(module))
    found = []
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            continue
        debug = call.func.attr == "debug" and getattr(call.func.value, "id", "") == "structlogger"
        for keyword in call.keywords:
            value = keyword.value
            if isinstance(value, ast.Call) and ast.unparse(value.func) == "copy.deepcopy":
                found.append((keyword.arg, debug))
    return found


def test_every_copy_in_the_patched_modules_is_a_redacted_debug_log_argument():
    """If a Rasa upgrade used ``copy`` for anything else in these modules, the uncopying shim would be wrong."""
    for name in log_arguments.MODULES:
        module = importlib.import_module(name)
        calls = _deepcopy_calls(module)
        assert calls and inspect.getsource(module).count("copy.") == len(calls)   # no other use of copy
        assert all(debug and keyword in PERSONAL_KEYS for keyword, debug in calls), calls


def test_the_modules_get_an_uncopying_deepcopy(monkeypatch):
    for name in log_arguments.MODULES:
        module = importlib.import_module(name)
        monkeypatch.setattr(module, "copy", module.copy)   # restored afterwards
    log_arguments.install()
    events = [{"event": "user", "text": "hallo"}]
    for name in log_arguments.MODULES:
        assert importlib.import_module(name).copy.deepcopy(events) is events
