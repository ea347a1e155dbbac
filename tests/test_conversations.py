"""Erasing one conversation and deleting old ones in Rasa's tracker store (frozen time).

Each test runs on SQLite and on PostgreSQL. The PostgreSQL runs need LOTSE_TEST_POSTGRES_URL
(``.ci/run`` starts a server and sets it): without it they skip locally and fail on CI. They use a
fresh database with Rasa's own tracker schema, selected through ``LOTSE_TRACKER_URL`` as in
production.
"""

import os
import sqlite3
import uuid

import pytest

from bot import conversations

DAY = 86400.0
NOW = 1_800_000_000.0


class SQLiteStore:
    """A tracker store file with the columns Lotse uses; passed to the functions explicitly."""

    def __init__(self, path):
        self.path = path
        self.kwargs = {"database": path}

    def create(self, rows):
        connection = sqlite3.connect(str(self.path))
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, "
                           "timestamp REAL, data TEXT)")
        connection.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) "
                               "VALUES (?, 'user', ?, '{}')", rows)
        connection.commit()
        connection.close()

    def senders(self):
        connection = sqlite3.connect(str(self.path))
        found = sorted({row[0] for row in connection.execute("SELECT sender_id FROM events")})
        connection.close()
        return found


class PostgresStore:
    """A fresh PostgreSQL database, found through LOTSE_TRACKER_URL like in production."""

    def __init__(self, admin_url):
        import psycopg2

        self.name = f"lotse_tracker_{uuid.uuid4().hex[:10]}"
        self.admin = psycopg2.connect(admin_url)
        self.admin.autocommit = True
        self.admin.cursor().execute(f'CREATE DATABASE "{self.name}"')
        self.url = admin_url.rsplit("/", 1)[0] + "/" + self.name
        self.kwargs = {}

    def create(self, rows):
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain
        from sqlalchemy.engine import make_url

        url = make_url(self.url)
        store = SQLTrackerStore(Domain.empty(), dialect="postgresql", host=url.host, port=url.port, db=self.name,
                                username=url.username, password=url.password)  # Rasa's own schema
        with store.engine.begin() as connection:
            for sender_id, timestamp in rows:
                connection.exec_driver_sql("INSERT INTO events (sender_id, type_name, timestamp, data) "
                                           "VALUES (%s, 'user', %s, '{}')", (sender_id, timestamp))
        store.engine.dispose()

    def senders(self):
        import psycopg2

        connection = psycopg2.connect(self.url)
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT sender_id FROM events ORDER BY sender_id")
            found = [row[0] for row in cursor.fetchall()]
        connection.close()
        return found

    def drop(self):
        self.admin.cursor().execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, monkeypatch):
    """An empty tracker store of each kind (``create`` fills it)."""
    monkeypatch.delenv("LOTSE_TRACKER_URL", raising=False)
    if request.param == "sqlite":
        yield SQLiteStore(tmp_path / "tracker.sqlite3")
        return
    url = os.environ.get("LOTSE_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("LOTSE_TEST_POSTGRES_URL is not set; .ci/run starts PostgreSQL and sets it")
        pytest.skip("set LOTSE_TEST_POSTGRES_URL=postgresql://user:pass@host:port/db to test on PostgreSQL")
    postgres = PostgresStore(url)
    monkeypatch.setenv("LOTSE_TRACKER_URL", postgres.url)
    yield postgres
    postgres.drop()


def test_erase_deletes_only_that_conversation(store):
    store.create([("web-a", NOW), ("web-a", NOW + 1), ("web-b", NOW)])
    assert conversations.erase("web-a", **store.kwargs) == 2
    assert store.senders() == ["web-b"]


def test_conversations_older_than_the_retention_period_are_deleted(store):
    store.create([("web-old", NOW - 100 * DAY), ("web-recent", NOW - 100 * DAY),
                  ("web-recent", NOW - 2 * DAY), ("web-new", NOW)])
    assert conversations.delete_older_than(90, now=NOW, **store.kwargs) == 1
    assert store.senders() == ["web-new", "web-recent"]  # a conversation counts from its last message


def test_a_store_without_conversations_is_nothing_to_delete(store):
    # SQLite: no file yet (none is created); PostgreSQL: a database before Rasa created its tables
    assert conversations.erase("web-a", **store.kwargs) == 0
    assert conversations.delete_older_than(90, **store.kwargs) == 0
    if isinstance(store, SQLiteStore):
        assert not store.path.exists()
