"""Calling Lotse's data services (Django ORM, synchronous) from the asynchronous action server.

Django refuses database access on the event loop's thread, so :func:`run` calls a service function
in a worker thread, with fresh database connections around it. The services raise their own domain
exceptions (``DirectoryUnavailable``, ``SlotTaken``, ``HandoverUnavailable``), which pass through.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
from typing import Any, Callable, List, Sequence, TypeVar
from zoneinfo import ZoneInfo

from django.db import close_old_connections

from bot import paths
from bot.content import gaps
from bot.encoder import encoder
from bot.gazetteer.matcher import Gazetteer

logger = logging.getLogger(__name__)
BERLIN = ZoneInfo("Europe/Berlin")
T = TypeVar("T")


def _call(function: Callable[..., T], args: Any, kwargs: Any) -> T:
    close_old_connections()
    try:
        return function(*args, **kwargs)
    finally:
        close_old_connections()


async def run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a synchronous data-service function in a worker thread and return its result."""
    return await asyncio.to_thread(_call, function, args, kwargs)


async def note_gap(language: str, reason: str, topic: str, text: str) -> bool:
    """Record a content gap; a failure is logged without the text and swallowed, because a gap for the
    editors must never break the client's conversation."""
    try:
        await run(gaps.record_gap, language, reason, topic, text)
    except Exception as error:  # noqa: BLE001 - the one boundary where a gap may be lost, never the reply
        logger.warning("content gap not recorded (%s, %s): %s", reason, language, type(error).__name__)
        return False
    return True


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer over the project's data (re-read when its files change), for typed answers."""
    return Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml",
                     overlay_dir=paths.gazetteer_overlay_dir())


def similar(text: str, phrases: Sequence[str]) -> List[float]:
    """Cosine similarity of a typed answer to each phrase, by the sentence encoder (for options named in other words)."""
    return encoder().similarity(text, list(phrases)).tolist()


def now() -> dt.datetime:
    """The current time in Baden-Württemberg."""
    return dt.datetime.now(BERLIN)


def local_iso(moment: dt.datetime) -> str:
    """A moment as naive ISO text in Berlin time, for ``*_datetime`` placeholders."""
    return moment.astimezone(BERLIN).replace(tzinfo=None).isoformat(timespec="minutes")
