"""Rasa's conversation store, made to survive a database outage without losing or inventing conversations.

Two changes to Rasa's own behaviour (Rasa 3.6), both for a database that goes away and comes back:

- :class:`DurableSQLTrackerStore` (the ``tracker_store`` type ``lotse run`` writes into the endpoints):
  Rasa's :class:`~rasa.core.tracker_store.SQLTrackerStore` whose connection pool (PostgreSQL) tests a
  connection before handing it out (``pool_pre_ping``), so the first message after a restart of PostgreSQL gets a
  fresh connection instead of the dead one, and whose SQL errors name no parameters
  (``hide_parameters``): the events' data carries message text, which must not reach the log.
- :class:`StrictTrackerStore`, which :mod:`bot.runtime.rasa_server` puts where Rasa would wrap the store
  in its ``FailSafeTrackerStore``. That wrapper answers a failed read with "no conversation yet" and
  keeps failed writes in memory: during an outage every client message started a new conversation
  (the introduction again, earlier answers forgotten) and its events were never written once the
  database was back. The strict store lets the error through: Rasa answers nothing for that message,
  and the channels tell the client in their language that Lotse cannot be reached right now.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, Dict, Iterable, Iterator, Optional, Text

from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

#: The ``type`` of the tracker store in the endpoints file ``lotse run`` writes.
DURABLE_TRACKER_STORE = f"{__name__}.DurableSQLTrackerStore"


#: Attribute of a tracker: how many of its events are in the store (set when read or written here).
_STORED_EVENTS = "_lotse_stored_events"


class DurableSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store with a pool that replaces dead connections and errors without data.

    It also remembers, on each tracker it reads or writes, how many of its events are stored, so a
    save writes the new ones without first counting the stored rows (Rasa's extra query per save,
    8 % of Rasa's CPU per message in `make bench`). A tracker it does not know is counted as Rasa does.

    On SQLite (the embedded default) the file is in write-ahead-log mode with ``synchronous=NORMAL``:
    a commit no longer waits for the disk (an fsync per message held up Rasa's event loop for 15 % of
    its time under load). A crash of a process loses nothing; a power cut or a crash of the operating
    system can lose the last commits before the next checkpoint. Production runs on PostgreSQL.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As :class:`SQLTrackerStore` (same endpoint keys); then the engine is made anew with the two options."""
        import sqlalchemy as sa
        from sqlalchemy.orm import sessionmaker

        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, hide_parameters=True, **create_engine_kwargs(url), **_pool_options(url))
        if url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The conversation's current session, remembering how many events it has in the store."""
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, _STORED_EVENTS, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the tracker's new events (one transaction) and remember that they are stored."""
        await super().save(tracker)
        setattr(tracker, _STORED_EVENTS, len(tracker.events))

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The events not yet stored: after the remembered number, or after Rasa's count of the rows."""
        stored = getattr(tracker, _STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))


def _pool_options(url: Any) -> Dict[str, Any]:
    """A server database's pool tests connections before use; SQLite keeps its connections open
    (SQLAlchemy 1.4 would open the file anew for every read and write)."""
    if url.get_backend_name() == "sqlite":
        from sqlalchemy.pool import QueuePool

        return {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}}
    return {"pool_pre_ping": True}


def _write_ahead_log(connection: Any, _record: Any) -> None:
    """Put a new SQLite connection in write-ahead-log mode without an fsync per commit."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class StrictTrackerStore(FailSafeTrackerStore):
    """Rasa's tracker store wrapper without the silent in-memory fallback: store errors reach the caller."""

    def __init__(self, tracker_store: TrackerStore) -> None:
        """Wrap ``tracker_store`` (what Rasa's agent would wrap in ``FailSafeTrackerStore``)."""
        super().__init__(tracker_store)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The conversation, or None when there is none; raises when the store cannot be read."""
        try:
            return await self._tracker_store.retrieve(sender_id)
        except Exception as error:
            _log_failure("read", error)
            raise

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """All sessions of the conversation; raises when the store cannot be read."""
        try:
            return await self._tracker_store.retrieve_full_tracker(sender_id)
        except Exception as error:
            _log_failure("read", error)
            raise

    async def keys(self) -> Iterable[Text]:
        """All conversation ids; raises when the store cannot be read."""
        try:
            return await self._tracker_store.keys()
        except Exception as error:
            _log_failure("read", error)
            raise

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the conversation's new events; raises when the store cannot be written."""
        try:
            await self._tracker_store.save(tracker)
        except Exception as error:
            _log_failure("write", error)
            raise


def _log_failure(operation: str, error: Exception) -> None:
    """One line per failure: the kind of error only (its message may quote SQL and conversation ids)."""
    logger.error("conversation store %s failed: %s", operation, type(error).__name__)
