"""The public holidays of Baden-Württemberg are computed for any year, and opening hours use them."""

from datetime import date, timedelta

import pytest

from bot.directory import queries
from bot.directory.holidays import holiday_name, holidays, is_working_day
from tests import clock

#: Far enough ahead that no table of dates written today could cover it.
YEARS = range(2026, 2301)


@pytest.mark.parametrize("year", YEARS[::7])
def test_twelve_holidays_in_every_year_with_easter_computed_independently(year):
    days = holidays(year)
    easter = clock.easter_sunday(year)
    assert len(days) == 12
    assert days[easter - timedelta(days=2)] == "Karfreitag"
    assert days[easter + timedelta(days=1)] == "Ostermontag"
    assert days[easter + timedelta(days=39)] == "Christi Himmelfahrt"
    assert days[easter + timedelta(days=50)] == "Pfingstmontag"
    assert days[easter + timedelta(days=60)] == "Fronleichnam"
    assert {date(year, 1, 6), date(year, 11, 1), date(year, 10, 3)} <= set(days)
    assert (easter + timedelta(days=60)).weekday() == 3


def test_far_ahead_a_holiday_is_not_a_working_day_and_the_day_after_christmas_week_is():
    assert holiday_name(date(2299, 12, 26)) == "2. Weihnachtstag" and not is_working_day(date(2299, 12, 26))
    assert is_working_day(date(2299, 12, 27))  # a Wednesday


def test_opening_hours_in_a_year_far_ahead(db):
    jobcenter = queries.find_services("Stuttgart", "jobcenter")[0].service_id  # Monday to Friday from 8:00
    christmas = date(2150, 12, 25)  # a Friday
    state = queries.opening_state(jobcenter, clock.at(christmas, 10))
    assert (state.open_now, state.closed_today_reason) == (False, "holiday")
    assert state.next_opening == clock.at(date(2150, 12, 28), 8)
