"""Retention with frozen time: resolved tickets, past appointments and old conversations go; the rest stays."""

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo

from bot import retention
from bot.directory import queries
from bot.directory.models import Appointment
from bot.handover.constants import RESOLVED
from bot.handover.models import Ticket
from tests import clock
from tests.handover.conftest import open_ticket

BERLIN = ZoneInfo("Europe/Berlin")


def test_only_what_is_past_the_retention_period_is_deleted(db, tmp_path, monkeypatch):
    NOW = clock.now()
    LONG_AGO = NOW - dt.timedelta(days=100)
    old_resolved, old_open, recent_resolved = (open_ticket(f"web-{n}") for n in ("a", "b", "c"))
    Ticket.objects.filter(pk__in=[old_resolved.pk, recent_resolved.pk]).update(status=RESOLVED)
    Ticket.objects.filter(pk__in=[old_resolved.pk, old_open.pk]).update(updated=LONG_AGO)
    Ticket.objects.filter(pk=recent_resolved.pk).update(updated=NOW - dt.timedelta(days=2))

    manager = queries.managers_for("Tübingen")[0]
    past, coming = queries.free_slots(manager.id, NOW, count=2)
    past_booking = queries.book(manager.id, "web-a", past, "Wohnung", "de")
    coming_booking = queries.book(manager.id, "web-b", coming, "Wohnung", "de")
    Appointment.objects.filter(pk=past_booking.id).update(start=LONG_AGO, end=LONG_AGO + dt.timedelta(minutes=30))
    soon = NOW + dt.timedelta(days=7)
    Appointment.objects.filter(pk=coming_booking.id).update(start=soon, end=soon + dt.timedelta(minutes=30))

    tracker = tmp_path / "tracker.sqlite3"
    connection = sqlite3.connect(str(tracker))
    connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL)")
    connection.executemany("INSERT INTO events (sender_id, timestamp) VALUES (?, ?)",
                           [("web-a", LONG_AGO.timestamp()), ("web-c", NOW.timestamp())])
    connection.commit()
    connection.close()
    monkeypatch.setenv("LOTSE_TRACKER_DB", str(tracker))

    deleted = retention.delete_expired(days=90, now=NOW)
    assert deleted.tickets >= 1 and deleted.appointments >= 1 and deleted.conversations == 1
    assert not Ticket.objects.filter(pk=old_resolved.pk).exists()
    assert Ticket.objects.filter(pk__in=[old_open.pk, recent_resolved.pk]).count() == 2
    assert not Appointment.objects.filter(pk=past_booking.id).exists()
    assert Appointment.objects.filter(client_ref="web-b", status="booked").exists()
