"""Dates for tests, computed from the current date (which `make test` also moves a year ahead).

No test may hold a literal date that will pass: these helpers give "the next Saturday", "the next
Christmas Eve", "the next Fronleichnam" from today, and an Easter computation independent of the
one the product uses (``dateutil.easter``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.directory.holidays import is_working_day

BERLIN = ZoneInfo("Europe/Berlin")


def now() -> datetime:
    """The current moment in Baden-Württemberg."""
    return datetime.now(BERLIN)


def today() -> date:
    """Today's date in Baden-Württemberg."""
    return now().date()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour:minute`` in Berlin time."""
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The first date strictly after ``after`` (default today) that falls on ``weekday`` (0 = Monday).

    >>> next_weekday(5, date(2030, 1, 4)), next_weekday(4, date(2030, 1, 4))
    (datetime.date(2030, 1, 5), datetime.date(2030, 1, 11))
    """
    after = after or today()
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def easter_sunday(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).

    >>> easter_sunday(2027), easter_sunday(2100), easter_sunday(2285)
    (datetime.date(2027, 3, 28), datetime.date(2100, 3, 28), datetime.date(2285, 3, 22))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def next_yearly(month: int, day: int) -> date:
    """The next ``month``/``day`` strictly after today."""
    candidate = date(today().year, month, day)
    return candidate if candidate > today() else date(today().year + 1, month, day)


def next_fronleichnam() -> date:
    """The next Corpus Christi (Easter Sunday + 60 days, always a Thursday) after today."""
    for year in (today().year, today().year + 1):
        day = easter_sunday(year) + timedelta(days=60)
        if day > today():
            return day
    raise AssertionError("unreachable")


def working_weekday(weekday: int, after: date | None = None) -> date:
    """The next ``weekday`` after ``after`` that is a working day in Baden-Württemberg, and so is the day after."""
    day = next_weekday(weekday, after)
    while not (is_working_day(day) and is_working_day(day + timedelta(days=1))):
        day = next_weekday(weekday, day)
    return day


def next_working_day(after: date) -> date:
    """The first working day in Baden-Württemberg after ``after``."""
    day = after + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
