"""Offices per municipality and their opening state in Europe/Berlin time."""

from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.directory import queries

BERLIN = ZoneInfo("Europe/Berlin")


def office(municipality, service_type):
    offices = queries.find_services(municipality, service_type)
    assert len(offices) == 1, offices
    return offices[0]


def test_a_town_with_its_own_office_gets_that_office(db):
    assert office("Esslingen am Neckar", "auslaenderbehoerde").name == "Ausländerbehörde der Stadt Esslingen am Neckar"
    assert office("Nürtingen", "jobcenter").address == "Europastraße 20, 72622 Nürtingen"


def test_a_town_without_its_own_office_gets_the_district_office(db):
    assert office("Nürtingen", "auslaenderbehoerde").name == "Ausländerbehörde des Landratsamts Esslingen"
    assert office("Mössingen", "sozialamt").organization == "Landratsamt Tübingen"


def test_office_details_say_how_to_reach_it(db):
    kita = office("Stuttgart", "kita")
    assert (kita.phone, kita.email, kita.url) == ("030 23125 108", "kita.stuttgart@example.org",
                                                  "https://example.org/stuttgart/kita")
    assert office("Stuttgart", "auslaenderbehoerde").by_appointment_only


def test_no_office_of_another_district_and_none_for_unknown_places(db):
    assert all("Stuttgart" not in o.name for o in queries.find_services("Tübingen", "jobcenter"))
    assert queries.find_services("Atlantis", "jobcenter") == []


def test_open_on_a_weekday_afternoon_with_its_closing_time(db):
    jobcenter = office("Stuttgart", "jobcenter").service_id
    state = queries.opening_state(jobcenter, datetime(2026, 11, 26, 15, 0, tzinfo=BERLIN))  # Thursday
    assert state.open_now and state.closes_at == datetime(2026, 11, 26, 18, 0, tzinfo=BERLIN)
    assert state.next_opening == datetime(2026, 11, 27, 8, 0, tzinfo=BERLIN)


def test_at_night_the_next_opening_is_next_morning_also_for_utc_input(db):
    jobcenter = office("Stuttgart", "jobcenter").service_id
    state = queries.opening_state(jobcenter, datetime(2026, 11, 23, 22, 30, tzinfo=timezone.utc))  # 23:30 Berlin
    assert not state.open_now and state.closes_at is None
    assert state.next_opening == datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    assert state.next_closing == datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)
    assert state.closed_today_reason is None


@pytest.mark.parametrize("holiday, next_opening", [
    (datetime(2026, 12, 25, 10, 0), datetime(2026, 12, 28, 8, 0)),  # Christmas, Friday: Monday next
    (datetime(2027, 5, 27, 10, 0), datetime(2027, 5, 28, 8, 0)),  # Fronleichnam, Thursday
])
def test_closed_on_public_holidays_of_baden_wuerttemberg(db, holiday, next_opening):
    jobcenter = office("Stuttgart", "jobcenter").service_id
    state = queries.opening_state(jobcenter, holiday.replace(tzinfo=BERLIN))
    assert (state.open_now, state.closed_today_reason) == (False, "holiday")
    assert state.next_opening == next_opening.replace(tzinfo=BERLIN)


def test_closed_on_a_closure_day(db):
    sozialamt = office("Tübingen", "sozialamt").service_id
    state = queries.opening_state(sozialamt, datetime(2026, 12, 3, 10, 0, tzinfo=BERLIN))
    assert (state.open_now, state.closed_today_reason) == (False, "closure")
    assert state.next_opening == datetime(2026, 12, 4, 8, 0, tzinfo=BERLIN)
    assert queries.opening_state(sozialamt, datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN)).open_now


def test_by_appointment_only_is_reported_with_the_hours(db):
    abh = office("Stuttgart", "auslaenderbehoerde").service_id
    state = queries.opening_state(abh, datetime(2026, 11, 25, 14, 0, tzinfo=BERLIN))  # Wednesday 13–17
    assert state.open_now and state.by_appointment_only


def test_weekly_hours(db):
    jobcenter = office("Stuttgart", "jobcenter").service_id
    hours = queries.weekly_hours(jobcenter)
    assert (3, time(14), time(18)) in hours and (0, time(8), time(12)) in hours
    assert not [h for h in hours if h[0] >= 5]
