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

import contextlib
import itertools
import json
import logging
from typing import Any, Dict, Generator, Iterable, List, Optional, Text, Tuple

from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.runtime.tracker_cache import Fingerprint, RecentTrackers

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
    Saves insert the rows in one statement without the ORM's bookkeeping, and the trackers saved last
    are kept for the next read (:mod:`bot.runtime.tracker_cache`), checked against the store first.

    On SQLite (the embedded default) the file is in write-ahead-log mode with ``synchronous=NORMAL``:
    a commit no longer waits for the disk (an fsync per message held up Rasa's event loop for 15 % of
    its time under load). A crash of a process loses nothing; a power cut or a crash of the operating
    system can lose the last commits before the next checkpoint. Production runs on PostgreSQL.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As :class:`SQLTrackerStore` (same endpoint keys); then the engine is made anew with the two options."""
        import sqlalchemy as sa
        from sqlalchemy.orm import sessionmaker

        self._recent = RecentTrackers()
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, hide_parameters=True, **create_engine_kwargs(url), **_pool_options(url))
        if url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sessionmaker(bind=self.engine)
        self._fingerprint_query = _fingerprint_query(self.SQLEvent.__table__)

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Any, None, None]:
        """Rasa's session scope, but an error inside it is raised, never turned into an exit of Rasa.

        Rasa's own scope ends the whole process (``SystemExit``) on any ``ValueError`` raised inside
        it, meant for a missing PostgreSQL schema: a sender id with a lone surrogate (a
        ``UnicodeEncodeError``) stopped Rasa for every client. Only the schema check may exit now.
        """
        from rasa.core.tracker_store import ensure_schema_exists

        session = self.sessionmaker()
        try:
            try:
                ensure_schema_exists(session)
            except ValueError as error:
                raise SystemExit(f"Requested PostgreSQL schema '{error}' was not found in the database") from error
            yield session
        finally:
            session.close()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The conversation's current session: the tracker saved last if unchanged since, else read anew."""
        if self._recent.knows(sender_id):
            with self.engine.connect() as connection:
                tracker = self._recent.recall(sender_id, self._fingerprint(connection, sender_id))
            if tracker is not None:
                return tracker
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, _STORED_EVENTS, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the tracker's new events in one transaction and keep the tracker for the next read."""
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        self._recent.forget(sender_id)
        new_events, in_step = self._new_events(tracker)
        rows = [_event_row(sender_id, event) for event in new_events]
        with self.engine.begin() as connection:
            if rows:
                connection.execute(self.SQLEvent.__table__.insert(), rows)
            fingerprint = self._fingerprint(connection, sender_id)
        setattr(tracker, _STORED_EVENTS, len(tracker.events))
        if in_step:
            self._recent.remember(tracker, fingerprint)

    @property
    def domain(self) -> Domain:
        """The domain trackers are built with."""
        return self._domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        """A new model's domain: kept trackers were built with the old one's slots, so they go."""
        self._domain = domain or Domain.empty()
        self._recent.clear()

    def _new_events(self, tracker: DialogueStateTracker) -> Tuple[List[Event], bool]:
        """The events not yet stored, and whether the tracker holds all the stored ones (then it is
        the stored conversation once they are written).

        They come after the remembered number of stored events; for a tracker this store did not read
        or write, after Rasa's count of the stored rows (a new conversation when there are none).
        """
        stored = getattr(tracker, _STORED_EVENTS, None)
        if stored is not None and stored <= len(tracker.events):
            return list(itertools.islice(tracker.events, stored, len(tracker.events))), True
        with self.session_scope() as session:
            counted = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
        return list(itertools.islice(tracker.events, counted, len(tracker.events))), counted == 0

    def _fingerprint(self, connection: Any, sender_id: Text) -> Fingerprint:
        """The store's newest event id and number of events of the conversation."""
        newest, count = connection.execute(self._fingerprint_query, {"sender_id": sender_id}).one()
        return newest, count


def _fingerprint_query(table: Any) -> Any:
    """SELECT the newest id and the number of a conversation's events (bound parameter ``sender_id``)."""
    import sqlalchemy as sa

    return sa.select(sa.func.max(table.c.id), sa.func.count()).where(
        table.c.sender_id == sa.bindparam("sender_id"))


def _event_row(sender_id: Text, event: Event) -> Dict[str, Any]:
    """An event as a row of Rasa's ``events`` table (the columns Rasa's own save writes)."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


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
