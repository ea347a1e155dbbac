"""When the client can expect an answer: from the integration manager's weekly availability.

Times are Europe/Berlin; public holidays of Baden-Württemberg are skipped.

>>> from datetime import time
>>> tuesday_morning = [Window(1, time(9), time(12))]
>>> monday = datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)
>>> expected_reply_by(tuesday_morning, monday).strftime("%a %d %H:%M")
'Tue 24 12:00'
>>> expected_reply_by([], monday).strftime("%a %d %H:%M")
'Tue 24 16:00'
>>> expected_reply_by([], monday, urgent=True).strftime("%a %d %H:%M")
'Mon 23 16:00'
>>> expected_reply_by(tuesday_morning, monday, urgent=True).strftime("%a %d %H:%M")
'Mon 23 16:00'
>>> friday_evening = datetime(2026, 12, 24, 18, 0, tzinfo=BERLIN)  # Christmas holidays follow
>>> expected_reply_by([], friday_evening, urgent=True).strftime("%a %d %H:%M")
'Mon 28 16:00'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable, Optional

from bot.directory.holidays import is_working_day
from bot.directory.opening import BERLIN

#: Office hours of the pools: answers by the end of a working day.
POOL_OPENS = time(8, 0)
POOL_CLOSES = time(16, 0)
#: How far ahead a manager's next window is searched.
HORIZON_DAYS = 28


@dataclass(frozen=True)
class Window:
    """A weekly availability window: ``weekday`` (0 = Monday) from ``start`` to ``end``."""

    weekday: int
    start: time
    end: time


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=BERLIN)


def next_working_day(after: date) -> date:
    """The first working day after ``after``.

    >>> next_working_day(date(2026, 12, 24))
    datetime.date(2026, 12, 28)
    """
    day = after + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def end_of_next_window(windows: Iterable[Window], now: datetime) -> Optional[datetime]:
    """The end of the window the manager is in now, else of their next one; None without windows."""
    windows = list(windows)
    now = now.astimezone(BERLIN)
    for offset in range(HORIZON_DAYS):
        day = now.date() + timedelta(days=offset)
        if not is_working_day(day) and day.weekday() < 5:
            continue  # a public holiday
        ends = sorted(_at(day, w.end) for w in windows if w.weekday == day.weekday() and _at(day, w.end) > now)
        if ends:
            return ends[0]
    return None


def pool_reply_by(now: datetime, urgent: bool = False) -> datetime:
    """Pools answer by 16:00 of the next working day; urgent ones today when it is a working day before 16:00."""
    now = now.astimezone(BERLIN)
    if urgent:
        today = now.date()
        if is_working_day(today) and now < _at(today, POOL_CLOSES):
            return _at(today, POOL_CLOSES)
    return _at(next_working_day(now.date()), POOL_CLOSES)


def expected_reply_by(windows: Iterable[Window], now: datetime, urgent: bool = False) -> datetime:
    """The end of the manager's next availability window (pool hours without windows).

    Urgent tickets are answered the same working day when it is still within office hours.
    """
    window_end = end_of_next_window(windows, now)
    if window_end is None:
        return pool_reply_by(now, urgent)
    if urgent:
        return min(window_end, pool_reply_by(now, urgent=True))
    return window_end
