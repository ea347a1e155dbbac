"""Offices per municipality and their opening state in Europe/Berlin time."""

from datetime import time, timedelta, timezone

import pytest

from bot.directory import queries
from bot.directory.holidays import is_working_day
from tests import clock


def office(municipality, service_type):
    offices = queries.find_services(municipality, service_type)
    assert len(offices) == 1, offices
    return offices[0]


def test_a_town_with_its_own_office_gets_that_office(db):
    assert office("Esslingen am Neckar", "auslaenderbehoerde").name == "Ausländerbehörde der Stadt Esslingen am Neckar"
    assert office("Nürtingen", "jobcenter").address == "Beispielgasse 20, 72622 Nürtingen"


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
    thursday = clock.working_weekday(3)  # Thursdays 8–12 and 14–18
    state = queries.opening_state(jobcenter, clock.at(thursday, 15))
    assert state.open_now and state.closes_at == clock.at(thursday, 18)
    assert state.next_opening == clock.at(thursday + timedelta(days=1), 8)


def test_at_night_the_next_opening_is_next_morning_also_for_utc_input(db):
    jobcenter = office("Stuttgart", "jobcenter").service_id
    monday = clock.working_weekday(0)
    state = queries.opening_state(jobcenter, clock.at(monday, 23, 30).astimezone(timezone.utc))
    assert not state.open_now and state.closes_at is None
    assert state.next_opening == clock.at(monday + timedelta(days=1), 8)
    assert state.next_closing == clock.at(monday + timedelta(days=1), 12)
    assert state.closed_today_reason is None


@pytest.mark.parametrize("holiday", [
    pytest.param(lambda: clock.next_yearly(12, 25), id="Christmas"),
    pytest.param(clock.next_fronleichnam, id="Fronleichnam"),
])
def test_closed_on_public_holidays_of_baden_wuerttemberg(db, holiday):
    jobcenter = office("Stuttgart", "jobcenter").service_id  # open Monday to Friday from 8:00
    day = holiday()
    state = queries.opening_state(jobcenter, clock.at(day, 10))
    assert (state.open_now, state.closed_today_reason) == (False, "holiday")
    assert state.next_opening == clock.at(clock.next_working_day(day), 8)


def test_closed_on_a_closure_day(db):
    from bot.directory.models import Closure

    sozialamt = office("Tübingen", "sozialamt").service_id  # open Monday to Friday 8–12
    closure = Closure.objects.get(service_id=sozialamt)
    day = closure.first_day
    assert closure.last_day == day and is_working_day(day)
    state = queries.opening_state(sozialamt, clock.at(day, 10))
    assert (state.open_now, state.closed_today_reason) == (False, "closure")
    assert state.next_opening == clock.at(clock.next_working_day(day), 8)
    day_before = day - timedelta(days=1)
    while not is_working_day(day_before):
        day_before -= timedelta(days=1)
    assert queries.opening_state(sozialamt, clock.at(day_before, 10)).open_now


def test_by_appointment_only_is_reported_with_the_hours(db):
    abh = office("Stuttgart", "auslaenderbehoerde").service_id
    state = queries.opening_state(abh, clock.at(clock.working_weekday(2), 14))  # Wednesday 13–17
    assert state.open_now and state.by_appointment_only


def test_weekly_hours(db):
    jobcenter = office("Stuttgart", "jobcenter").service_id
    hours = queries.weekly_hours(jobcenter)
    assert (3, time(14), time(18)) in hours and (0, time(8), time(12)) in hours
    assert not [h for h in hours if h[0] >= 5]
