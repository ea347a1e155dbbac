"""Erasing one conversation and deleting old ones in Rasa's SQLite tracker store (frozen time)."""

import sqlite3

from bot import conversations

DAY = 86400.0
NOW = 1_800_000_000.0


def tracker_store(path, rows):
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, "
                       "timestamp REAL, data TEXT)")
    connection.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, '{}')",
                           rows)
    connection.commit()
    connection.close()


def senders(path):
    connection = sqlite3.connect(str(path))
    found = sorted({row[0] for row in connection.execute("SELECT sender_id FROM events")})
    connection.close()
    return found


def test_erase_deletes_only_that_conversation(tmp_path):
    database = tmp_path / "tracker.sqlite3"
    tracker_store(database, [("web-a", NOW), ("web-a", NOW + 1), ("web-b", NOW)])
    assert conversations.erase("web-a", database) == 2
    assert senders(database) == ["web-b"]


def test_conversations_older_than_the_retention_period_are_deleted(tmp_path):
    database = tmp_path / "tracker.sqlite3"
    tracker_store(database, [("web-old", NOW - 100 * DAY), ("web-recent", NOW - 100 * DAY),
                             ("web-recent", NOW - 2 * DAY), ("web-new", NOW)])
    assert conversations.delete_older_than(90, now=NOW, database=database) == 1
    assert senders(database) == ["web-new", "web-recent"]  # a conversation counts from its last message


def test_a_missing_tracker_store_is_nothing_to_delete(tmp_path):
    assert conversations.erase("web-a", tmp_path / "absent.sqlite3") == 0
    assert conversations.delete_older_than(90, database=tmp_path / "absent.sqlite3") == 0
