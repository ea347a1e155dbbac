"""The conversations in Rasa's SQL tracker store: erased on request, deleted after the retention period.

Rasa has no API to delete a conversation, so Lotse deletes the events rows itself, after Rasa
saved the turn (the relay calls :func:`erase` once Rasa has answered). Only the SQLite tracker
store of the default set-up is supported.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Optional

from bot import paths

#: The marker an action sends (as a custom message) to have the relay erase the conversation.
ERASE_MARKER = {"lotse": "erase_conversation"}


def _connect(database: Optional[Path]) -> Optional[sqlite3.Connection]:
    path = database or paths.tracker_db()
    if not path.exists():
        return None
    connection = sqlite3.connect(str(path), timeout=20)
    has_events = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone()
    if not has_events:
        connection.close()
        return None
    return connection


def erase(sender_id: str, database: Optional[Path] = None) -> int:
    """Delete every stored event of one conversation; returns how many were deleted."""
    connection = _connect(database)
    if connection is None:
        return 0
    with connection:
        deleted = connection.execute("DELETE FROM events WHERE sender_id = ?", (sender_id,)).rowcount
    connection.close()
    return deleted


def delete_older_than(days: float, now: Optional[float] = None, database: Optional[Path] = None) -> int:
    """Delete the conversations whose last message is older than ``days``; returns how many."""
    connection = _connect(database)
    if connection is None:
        return 0
    cutoff = (now if now is not None else time.time()) - days * 86400
    with connection:
        stale = [row[0] for row in connection.execute(
            "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < ?", (cutoff,))]
        for sender_id in stale:
            connection.execute("DELETE FROM events WHERE sender_id = ?", (sender_id,))
    connection.close()
    return len(stale)
