"""Free appointment slots from weekly availability, minus bookings and public holidays.

>>> windows = [Window(1, time(9), time(10), 30), Window(3, time(14), time(15), 30)]
>>> after = datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN)  # a Monday
>>> [s.strftime("%a %d %H:%M") for s in free_slots(windows, [], after, count=3)]
['Tue 24 09:00', 'Tue 24 09:30', 'Thu 26 14:00']
>>> busy = [(datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN), datetime(2026, 11, 24, 9, 30, tzinfo=BERLIN))]
>>> [s.strftime("%a %d %H:%M") for s in free_slots(windows, busy, after, weekdays={1}, count=2)]
['Tue 24 09:30', 'Tue 01 09:00']
>>> slot_end(windows, busy, datetime(2026, 11, 24, 9, 30, tzinfo=BERLIN), after).strftime("%H:%M")
'10:00'
>>> slot_end(windows, busy, datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN), after) is None  # booked
True
>>> slot_end(windows, [], datetime(2026, 11, 24, 9, 10, tzinfo=BERLIN), after) is None  # not a slot start
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable, Iterator, List, Optional, Set, Tuple

from bot.directory.holidays import holiday_name, is_working_day
from bot.directory.opening import BERLIN

#: How far ahead slots are offered.
HORIZON_DAYS = 90


@dataclass(frozen=True)
class Window:
    """Weekly availability: ``weekday`` (0 = Monday) from ``start`` to ``end``, in slots of ``minutes``."""

    weekday: int
    start: time
    end: time
    minutes: int


def first_bookable_day(after: datetime) -> date:
    """The next working day after ``after``'s date (no same-day appointments).

    >>> first_bookable_day(datetime(2026, 12, 24, 9, 0, tzinfo=BERLIN))  # Thursday before Christmas
    datetime.date(2026, 12, 28)
    """
    day = after.astimezone(BERLIN).date() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def slot_starts(window: Window, day: date) -> Iterator[datetime]:
    """The slot start times of ``window`` on ``day`` (each slot fits before the window's end)."""
    start = datetime.combine(day, window.start, BERLIN)
    end = datetime.combine(day, window.end, BERLIN)
    step = timedelta(minutes=window.minutes)
    while start + step <= end:
        yield start
        start += step


#: A booked (start, end) interval.
Busy = Tuple[datetime, datetime]


def overlaps(start: datetime, end: datetime, busy: Iterable[Busy]) -> bool:
    """Whether [start, end) overlaps any busy interval."""
    return any(b_start < end and start < b_end for b_start, b_end in busy)


def free_slots(windows: Iterable[Window], busy: Iterable[Busy], after: datetime,
               weekdays: Optional[Set[int]] = None, count: int = 3) -> List[datetime]:
    """The first ``count`` free slot starts from the first bookable day on, as aware Europe/Berlin datetimes."""
    windows, busy = list(windows), list(busy)
    first = first_bookable_day(after)
    found: List[datetime] = []
    for offset in range(HORIZON_DAYS):
        day = first + timedelta(days=offset)
        if holiday_name(day) or (weekdays is not None and day.weekday() not in weekdays):
            continue
        starts = sorted((s, w.minutes) for w in windows if w.weekday == day.weekday() for s in slot_starts(w, day))
        for start, minutes in starts:
            if start not in found and not overlaps(start, start + timedelta(minutes=minutes), busy):
                found.append(start)
                if len(found) == count:
                    return found
    return found


def slot_end(windows: Iterable[Window], busy: Iterable[Busy], start: datetime, now: datetime) -> Optional[datetime]:
    """The end of the free slot starting at ``start``, or None when ``start`` is not a free slot (seen at ``now``)."""
    local = start.astimezone(BERLIN)
    day = local.date()
    if day < first_bookable_day(now) or holiday_name(day):
        return None
    for window in windows:
        if window.weekday == day.weekday() and local in set(slot_starts(window, day)):
            end = local + timedelta(minutes=window.minutes)
            return None if overlaps(local, end, list(busy)) else end
    return None
