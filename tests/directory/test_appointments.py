"""Managers, free slots, booking (also concurrently), cancelling, calendar files, deletion."""

import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.directory import queries
from tests.clock import at, next_weekday, next_yearly

BERLIN = ZoneInfo("Europe/Berlin")
#: The coming Saturday, 10:00: the searches below start there (no manager works on Saturdays).
SATURDAY = at(next_weekday(5), 10)


def test_managers_speaking_the_language_come_first(db):
    managers = queries.managers_for("Tübingen", language="ru")
    assert managers[0].name == "Natalia Beispielowa" and "ru" in managers[0].languages
    assert {m.district for m in managers} == {"Landkreis Tübingen"}
    arabic = queries.managers_for("Tübingen", language="ar")
    assert arabic[0].name == "Samir Erfunden-Nasser"


def test_managers_serve_only_their_municipalities(db):
    names = {m.name for m in queries.managers_for("Mössingen")}
    assert "Samir Erfunden-Nasser" not in names  # serves Tübingen and Rottenburg only
    assert {"Elif Musterfrau-Yıldız", "Natalia Beispielowa"} <= names  # the latter: whole district
    assert queries.managers_for("Atlantis") == []


def test_a_lower_caseload_comes_first_among_equal_speakers(db):
    first, second = queries.managers_for("Stuttgart")[:2]
    slot = queries.free_slots(first.id, SATURDAY, count=1)[0]
    queries.book(first.id, "web-x", slot, "beratung", "de")
    assert queries.managers_for("Stuttgart")[0].id == second.id


def test_free_slots_start_on_the_next_working_day_and_skip_holidays(db):
    christmas_eve = next_yearly(12, 24)
    slots = queries.free_slots(1, at(christmas_eve, 9), count=4)
    assert all(s.tzinfo is not None for s in slots)
    # manager 1 works on Tuesdays from 9:00 and Thursdays from 13:00; the 25th and 26th are holidays, the
    # days up to the 31st are not (and always hold a Tuesday or a Thursday)
    first_day = next(christmas_eve + timedelta(days=n) for n in range(3, 8)
                     if (christmas_eve + timedelta(days=n)).weekday() in (1, 3))
    assert slots[0] == at(first_day, 9 if first_day.weekday() == 1 else 13)
    assert all(s.weekday() in (1, 3) for s in slots)


def test_free_slots_on_preferred_weekdays_and_without_booked_ones(db):
    slots = queries.free_slots(1, SATURDAY, weekdays={3}, count=2)
    assert [s.weekday() for s in slots] == [3, 3]
    queries.book(1, "web-a", slots[0], "beratung", "ar")
    assert slots[0] not in queries.free_slots(1, SATURDAY, weekdays={3}, count=5)


def test_booking_twice_or_outside_the_slots_raises_slot_taken(db):
    slot = queries.free_slots(2, SATURDAY, count=1)[0]
    appointment = queries.book(2, "web-a", slot, "aufenthalt", "uk")
    assert (appointment.start, appointment.end - appointment.start) == (slot, timedelta(minutes=30))
    assert appointment.where == "Probegasse 61, 70173 Stuttgart"
    with pytest.raises(queries.SlotTaken):
        queries.book(2, "web-b", slot, "aufenthalt", "uk")
    with pytest.raises(queries.SlotTaken):
        queries.book(2, "web-b", slot + timedelta(minutes=10), "aufenthalt", "uk")
    with pytest.raises(queries.SlotTaken):
        queries.book(2, "web-b", SATURDAY + timedelta(hours=1), "aufenthalt", "uk")


def test_a_client_lists_and_cancels_only_their_own_appointments(db):
    slot = queries.free_slots(3, SATURDAY, count=1)[0]
    mine = queries.book(3, "web-mine", slot, "arbeit", "ti")
    assert [a.id for a in queries.appointments_of("web-mine", SATURDAY)] == [mine.id]
    assert queries.appointments_of("web-other", SATURDAY) == []
    assert queries.cancel(mine.id, "web-other") is False
    assert queries.cancel(mine.id, "web-mine") is True
    assert queries.appointments_of("web-mine", SATURDAY) == []
    assert queries.cancel(mine.id, "web-mine") is False
    assert queries.book(3, "web-other", slot, "arbeit", "de").start == slot  # the slot is free again


def test_the_calendar_file_is_rfc_5545_and_names_no_client(db):
    slot = queries.free_slots(4, SATURDAY, count=1)[0]
    appointment = queries.book(4, "web-0a1b2c", slot, "wohnung", "fa")
    text = queries.ics_for(appointment.id)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert f"DTSTART:{slot.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}" in unfolded
    assert "UID:" in unfolded and "DTSTAMP:" in unfolded and "VERSION:2.0" in unfolded
    assert "web-0a1b2c" not in unfolded and f"Termin Nr. {appointment.id}" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 1


def test_deleting_client_data_removes_their_appointments(db):
    for manager_id in (5, 6):
        queries.book(manager_id, "web-gone", queries.free_slots(manager_id, SATURDAY, count=1)[0], "x", "de")
    assert queries.delete_client_data("web-gone") == 2
    assert queries.appointments_of("web-gone", SATURDAY) == []


def test_concurrent_bookings_of_one_slot_yield_exactly_one_appointment(committed_db):
    from bot.directory.models import Appointment

    slot = queries.free_slots(7, SATURDAY, count=1)[0]
    barrier = threading.Barrier(4)
    outcomes = []

    def attempt(number):
        from django.db import connection

        barrier.wait()
        try:
            queries.book(7, f"web-race-{number}", slot, "beratung", "ru")
            outcomes.append("booked")
        except queries.SlotTaken:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["booked", "taken", "taken", "taken"]
        assert Appointment.objects.filter(manager_id=7, start=slot, status="booked").count() == 1
    finally:
        Appointment.objects.filter(client_ref__startswith="web-race-").delete()
