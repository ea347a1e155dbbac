"""Calling the bot's data layer (Django ORM, synchronous) from the asynchronous action server.

``ask`` calls ``bot.directory.queries``, ``ask_tickets`` calls ``bot.handover.tickets``, ``note_gap``
calls ``bot.content.gaps``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import os
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)
BERLIN = ZoneInfo("Europe/Berlin")


@functools.lru_cache(maxsize=None)
def data_module(name: str) -> ModuleType:
    """The module ``name`` of the data layer, with Django set up on first use."""
    import importlib

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
    django.setup()
    return importlib.import_module(name)


def _call(module: str, function_name: str, *args: Any, **kwargs: Any) -> Any:
    from django.db import close_old_connections

    close_old_connections()
    try:
        return getattr(data_module(module), function_name)(*args, **kwargs)
    finally:
        close_old_connections()


async def call(module: str, function_name: str, *args: Any, **kwargs: Any) -> Any:
    """Run ``<module>.<function_name>`` of the data layer in a worker thread."""
    return await asyncio.to_thread(_call, module, function_name, *args, **kwargs)


async def ask(function_name: str, *args: Any, **kwargs: Any) -> Any:
    """Run ``bot.directory.queries.<function_name>`` in a worker thread (Django refuses the event loop's)."""
    return await call("bot.directory.queries", function_name, *args, **kwargs)


async def ask_tickets(function_name: str, *args: Any, **kwargs: Any) -> Any:
    """Run ``bot.handover.tickets.<function_name>`` in a worker thread."""
    return await call("bot.handover.tickets", function_name, *args, **kwargs)


async def note_gap(language: str, reason: str, topic: str, text: str) -> bool:
    """Record a content gap (``bot.content.gaps.record_gap``); a failure is logged without the text and
    swallowed, because a gap for the editors must never break the client's conversation."""
    try:
        await call("bot.content.gaps", "record_gap", language, reason, topic, text)
    except Exception as error:  # noqa: BLE001 - the one boundary where a gap may be lost, never the reply
        logger.warning("content gap not recorded (%s, %s): %s", reason, language, type(error).__name__)
        return False
    return True


def now() -> dt.datetime:
    """The current time in Baden-Württemberg."""
    return dt.datetime.now(BERLIN)


def local_iso(moment: dt.datetime) -> str:
    """A moment as naive ISO text in Berlin time, for ``*_datetime`` placeholders."""
    return moment.astimezone(BERLIN).replace(tzinfo=None).isoformat(timespec="minutes")


def is_unavailable(error: BaseException) -> bool:
    """Whether ``error`` means the data layer could not be read or written."""
    return type(error).__name__ in ("DirectoryUnavailable", "HandoverUnavailable")
