"""The conversation store under faults: no silent in-memory fallback, a self-healing pool, no data in errors."""

import asyncio
import logging

import pytest
import sqlalchemy.exc
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.domain import Domain

from bot.runtime import rasa_server
from bot.runtime.tracker_store import DurableSQLTrackerStore, StrictTrackerStore


class BrokenStore(InMemoryTrackerStore):
    """A store whose database is gone."""

    async def retrieve(self, sender_id):
        raise sqlalchemy.exc.OperationalError("SELECT", {}, ConnectionRefusedError())

    async def save(self, tracker):
        raise sqlalchemy.exc.OperationalError("INSERT", {}, ConnectionRefusedError())


def test_a_store_outage_is_an_error_not_a_new_conversation():
    store = StrictTrackerStore(BrokenStore(Domain.empty()))
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(store.get_or_create_tracker("client"))
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(store.save(store.init_tracker("client")))


def test_a_working_store_is_used_as_before():
    store = StrictTrackerStore(InMemoryTrackerStore(Domain.empty()))
    tracker = asyncio.run(store.get_or_create_tracker("client"))
    assert asyncio.run(store.retrieve("client")).sender_id == tracker.sender_id


def test_the_sqlite_store_writes_ahead_and_hides_parameters(tmp_path):
    """SQLite commits go to a write-ahead log (no fsync per message); SQL errors never quote event data."""
    import sqlite3

    path = tmp_path / "tracker.sqlite3"
    store = DurableSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
    tracker = store.init_tracker("client")
    tracker.update(UserUttered("hallo"))
    asyncio.run(store.save(tracker))
    assert store.engine.hide_parameters is True
    store.engine.dispose()
    with sqlite3.connect(path) as connection:  # another process opening the file sees the mode and the event
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT count(*) FROM events WHERE type_name = 'user'").fetchone()[0] == 1


def test_the_sql_store_writes_each_event_once_without_counting_rows(tmp_path):
    """Saves after a read write only the new events; a tracker the store never saw is counted as Rasa does."""
    store = DurableSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.sqlite3"))
    tracker = store.init_tracker("client")
    tracker.update(UserUttered("hallo"))
    asyncio.run(store.save(tracker))                # never read: Rasa's count of stored rows
    tracker.update(BotUttered("Hallo!"))
    asyncio.run(store.save(tracker))                # saved before: only the new event
    again = asyncio.run(store.retrieve("client"))
    again.update(UserUttered("danke"))
    again.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(again))                  # read before: only the two new events
    stranger = store.init_tracker("client")         # same conversation, another tracker object
    asyncio.run(store.save(stranger))               # nothing new beyond the rows it would count
    stored = asyncio.run(store.retrieve("client"))
    assert [e.as_dict()["event"] for e in stored.events] == [e.as_dict()["event"] for e in again.events]
    assert [getattr(e, "text", None) for e in stored.events if getattr(e, "text", None)] == ["hallo", "Hallo!", "danke"]
    store.engine.dispose()


def test_rasa_gets_the_strict_store_and_redacted_logs(monkeypatch):
    import rasa.core.agent
    import rasa.server
    import rasa.utils.log_utils

    monkeypatch.setattr(rasa.server, "create_app", rasa.server.create_app)
    monkeypatch.setattr(rasa.core.agent, "FailSafeTrackerStore", rasa.core.agent.FailSafeTrackerStore)
    monkeypatch.setattr(rasa.utils.log_utils, "_anonymizer", rasa.utils.log_utils._anonymizer)
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    monkeypatch.setattr(ActionExtractSlots, "_execute_validation_action",
                        ActionExtractSlots._execute_validation_action)
    rasa_server.install()
    agent = rasa.core.agent.Agent(domain=Domain.empty())
    assert isinstance(agent.tracker_store, StrictTrackerStore)
    assert rasa.utils.log_utils._anonymizer is rasa_server.redact
    assert getattr(rasa.server.create_app, "lotse_model_guard", False)  # PUT /model: published models only


def test_a_failed_request_logs_its_url_without_rasas_token(monkeypatch, caplog):
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    rasa_server.hide_tokens_in_log_records()
    url = "http://127.0.0.1:5005/conversations/3f2a/tracker?token=s3cret-token&include_events=ALL"
    with caplog.at_level(logging.ERROR, logger="sanic.error"):
        logging.getLogger("sanic.error").error("Exception occurred while handling uri: %s", repr(url))
        logging.getLogger("sanic.error").error(f"failed: {url}")
    assert "s3cret-token" not in caplog.text
    assert "include_events=ALL" in caplog.text


def test_stored_events_come_back_as_the_same_classes_with_the_remembered_lookup(monkeypatch):
    from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered

    from bot.runtime import event_types

    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])  # restored afterwards
    event_types.install()
    events = [UserUttered("hallo"), BotUttered("Hallo!"), SlotSet("language", "de"), ActionExecuted("action_listen")]
    assert [type(Event.from_parameters(e.as_dict())) for e in events] == [type(e) for e in events]
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def _sqlite_store(path, domain=None):
    return DurableSQLTrackerStore(domain or Domain.empty(), dialect="sqlite", db=str(path))


def _texts(tracker):
    return [event.text for event in tracker.events if isinstance(event, (UserUttered, BotUttered))]


def _conversation(store, *texts):
    tracker = asyncio.run(store.get_or_create_tracker("client"))
    for text in texts:
        tracker.update(UserUttered(text))
    asyncio.run(store.save(tracker))
    return tracker


def test_the_next_message_gets_the_conversation_as_stored(tmp_path):
    """The tracker kept from the last save is what a read of the store gives, and only while it is."""
    store = _sqlite_store(tmp_path / "tracker.sqlite3")
    kept = _conversation(store, "hallo", "wo ist der Deutschkurs?")
    assert asyncio.run(store.retrieve("client")) is kept
    fresh = _sqlite_store(tmp_path / "tracker.sqlite3")
    assert asyncio.run(fresh.retrieve("client")).as_dialogue().as_dict() == kept.as_dialogue().as_dict()
    kept.update(UserUttered("nie gespeichert"))     # a message whose handling failed before the save
    assert _texts(asyncio.run(store.retrieve("client"))) == ["hallo", "wo ist der Deutschkurs?"]
    for engine in (store.engine, fresh.engine):
        engine.dispose()


def test_what_other_processes_write_or_delete_is_seen(tmp_path):
    """Another Rasa worker's events and a deletion by the web process are never hidden by the kept tracker."""
    import sqlite3

    path = tmp_path / "tracker.sqlite3"
    first, second = _sqlite_store(path), _sqlite_store(path)
    _conversation(first, "hallo")
    other = asyncio.run(second.retrieve("client"))
    other.update(UserUttered("Termin bitte"))
    asyncio.run(second.save(other))
    assert _texts(asyncio.run(first.retrieve("client"))) == ["hallo", "Termin bitte"]
    asyncio.run(first.save(asyncio.run(first.retrieve("client"))))   # kept again after this save
    with sqlite3.connect(path) as connection:                          # "delete my data" in the web process
        connection.execute("DELETE FROM events WHERE sender_id = 'client'")
    assert asyncio.run(first.retrieve("client")) is None
    for store in (first, second):
        store.engine.dispose()


def test_a_new_session_and_a_new_model_are_read_from_the_store(tmp_path):
    from rasa.shared.core.events import SessionStarted

    store = _sqlite_store(tmp_path / "tracker.sqlite3")
    tracker = _conversation(store, "hallo")
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(UserUttered("neue Sitzung"))
    asyncio.run(store.save(tracker))
    assert _texts(asyncio.run(store.retrieve("client"))) == ["neue Sitzung"]   # the latest session only
    kept = asyncio.run(store.retrieve("client"))
    asyncio.run(store.save(kept))
    store.domain = Domain.from_yaml("slots:\n  city:\n    type: text\n    mappings: []\n")
    again = asyncio.run(store.retrieve("client"))
    assert again is not kept and "city" in again.slots
    store.engine.dispose()


@pytest.mark.parametrize("sender_id", ["a\ud800", "\udfff"])
def test_a_sender_id_the_database_cannot_take_fails_the_message_but_never_stops_rasa(tmp_path, sender_id):
    # found by the fuzz run: Rasa's session scope turned the UnicodeEncodeError into SystemExit, ending Rasa
    store = DurableSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.sqlite3"))
    with pytest.raises(ValueError):
        asyncio.run(store.retrieve(sender_id))
    assert asyncio.run(store.retrieve("web-still-working")) is None
