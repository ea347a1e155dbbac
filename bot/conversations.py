"""The conversations in Rasa's SQL tracker store: erased on request, deleted after the retention period.

Rasa has no API to delete a conversation, so Lotse deletes the events rows itself, after Rasa
saved the turn (the relay calls :func:`erase` once Rasa has answered). The tracker store is the
one Rasa uses (see :mod:`bot.runtime.endpoints`): PostgreSQL from ``LOTSE_TRACKER_URL``, else the
SQLite file ``LOTSE_TRACKER_DB``.

>>> database_url("postgres://lotse:pw@db.example/rasa")
'postgresql://lotse:pw@db.example/rasa'
>>> database_url("", Path("/srv/tracker.sqlite3"))
'sqlite:////srv/tracker.sqlite3'
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Optional

import sqlalchemy
from sqlalchemy.pool import NullPool

from bot import paths

#: The marker an action sends (as a custom message) to have the relay erase the conversation.
ERASE_MARKER = {"lotse": "erase_conversation"}


def database_url(url: Optional[str] = None, database: Optional[Path] = None) -> str:
    """The SQLAlchemy URL of the tracker store: ``url`` (PostgreSQL), else the SQLite file ``database``."""
    if url:
        scheme, rest = url.split("://", 1)
        return "postgresql://" + rest if scheme in ("postgres", "postgresql") else url
    return f"sqlite:///{database or paths.tracker_db()}"


def _engine(url: Optional[str], database: Optional[Path]) -> Optional[Any]:
    """An engine on the tracker store, or None when there is no store or no events table yet."""
    if database is not None:
        url = None  # an explicit SQLite file wins (tests, tools)
    elif url is None:
        url = os.environ.get("LOTSE_TRACKER_URL", "").strip() or None
    if not url and not (database or paths.tracker_db()).exists():
        return None  # do not create an empty SQLite file
    address = database_url(url, database)
    # SQLite: wait up to 20 s for Rasa's write lock instead of failing with "database is locked".
    options = {"timeout": 20} if address.startswith("sqlite") else {}
    engine = sqlalchemy.create_engine(address, poolclass=NullPool, connect_args=options)
    if not sqlalchemy.inspect(engine).has_table("events"):
        engine.dispose()
        return None
    return engine


def erase(sender_id: str, database: Optional[Path] = None, url: Optional[str] = None) -> int:
    """Delete every stored event of one conversation; returns how many were deleted."""
    engine = _engine(url, database)
    if engine is None:
        return 0
    with engine.begin() as connection:
        deleted = connection.execute(sqlalchemy.text("DELETE FROM events WHERE sender_id = :sender"),
                                     {"sender": sender_id}).rowcount
    engine.dispose()
    return int(deleted)


def delete_older_than(days: float, now: Optional[float] = None, database: Optional[Path] = None,
                      url: Optional[str] = None) -> int:
    """Delete the conversations whose last message is older than ``days``; returns how many."""
    engine = _engine(url, database)
    if engine is None:
        return 0
    cutoff = (now if now is not None else time.time()) - days * 86400
    with engine.begin() as connection:
        stale = [row[0] for row in connection.execute(sqlalchemy.text(
            "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"), {"cutoff": cutoff})]
        for sender_id in stale:
            connection.execute(sqlalchemy.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id})
    engine.dispose()
    return len(stale)
