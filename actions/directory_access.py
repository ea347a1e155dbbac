"""Calling the directory (Django ORM, synchronous) from the asynchronous action server."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import os
from types import ModuleType
from typing import Any, Callable, TypeVar
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)
BERLIN = ZoneInfo("Europe/Berlin")
T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def queries() -> ModuleType:
    """``bot.directory.queries``, with Django set up on first use."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
    django.setup()
    from bot.directory import queries as module

    return module


def _call(function_name: str, *args: Any, **kwargs: Any) -> Any:
    from django.db import close_old_connections

    close_old_connections()
    try:
        return getattr(queries(), function_name)(*args, **kwargs)
    finally:
        close_old_connections()


async def ask(function_name: str, *args: Any, **kwargs: Any) -> Any:
    """Run ``queries.<function_name>`` in a worker thread (Django refuses the event loop's thread)."""
    return await asyncio.to_thread(_call, function_name, *args, **kwargs)


def now() -> dt.datetime:
    """The current time in Baden-Württemberg."""
    return dt.datetime.now(BERLIN)


def local_iso(moment: dt.datetime) -> str:
    """A moment as naive ISO text in Berlin time, for ``*_datetime`` placeholders."""
    return moment.astimezone(BERLIN).replace(tzinfo=None).isoformat(timespec="minutes")


def is_unavailable(error: BaseException) -> bool:
    """Whether ``error`` means the directory could not be read."""
    return type(error).__name__ == "DirectoryUnavailable"
