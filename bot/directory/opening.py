"""Opening hours: weekly rules minus holidays and closures, evaluated in Europe/Berlin time.

>>> rules = [WeeklyRule(0, time(8), time(12)), WeeklyRule(0, time(14), time(16)), WeeklyRule(2, time(8), time(12))]
>>> monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)
>>> state = opening_state(rules, monday_10, closed_reason=no_closures)
>>> state.open_now, state.closes_at.strftime("%H:%M"), state.next_opening.strftime("%a %H:%M")
(True, '12:00', 'Mon 14:00')
>>> night = opening_state(rules, datetime(2026, 11, 23, 22, 0, tzinfo=BERLIN), closed_reason=no_closures)
>>> night.open_now, night.next_opening.strftime("%a %d %H:%M"), night.next_closing.strftime("%H:%M")
(False, 'Wed 25 08:00', '12:00')
>>> schedule_text([WeeklyRule(d, time(8, 30), time(12, 45)) for d in range(5)])
'Mo–Fr 8:30–12:45'
>>> schedule_text(rules)
'Mo 8:00–12:00 und 14:00–16:00; Mi 8:00–12:00'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.directory.constants import BYDAY, CLOSURE, HOLIDAY, TIME_ZONE
from bot.directory.holidays import holiday_name
from bot.directory.types import OpeningState

BERLIN = ZoneInfo(TIME_ZONE)
#: How far ahead the next opening is searched.
HORIZON_DAYS = 60
GERMAN_DAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")

#: A function telling why a date is closed ("closure"), or None.
ClosedReason = Callable[[date], Optional[str]]


@dataclass(frozen=True)
class WeeklyRule:
    """Open on ``weekday`` (0 = Monday) from ``opens`` to ``closes``, optionally only within validity dates."""

    weekday: int
    opens: time
    closes: time
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None

    def applies(self, day: date) -> bool:
        """Whether the rule opens the office on ``day`` (ignoring holidays)."""
        return (day.weekday() == self.weekday and (self.valid_from is None or day >= self.valid_from)
                and (self.valid_to is None or day <= self.valid_to))


def no_closures(day: date) -> Optional[str]:
    """No closures besides public holidays."""
    return None


def rules_from_byday(byday: str, opens: Optional[time], closes: Optional[time], valid_from: Optional[date] = None,
                     valid_to: Optional[date] = None) -> List[WeeklyRule]:
    """The weekly rules of one HSDS WEEKLY schedule row.

    >>> [r.weekday for r in rules_from_byday("MO, we,FR", time(8), time(12))]
    [0, 2, 4]
    >>> rules_from_byday("MO", None, time(12))
    []
    """
    if opens is None or closes is None:
        return []
    codes = [code.strip().upper()[-2:] for code in byday.split(",") if code.strip()]
    return [WeeklyRule(BYDAY.index(code), opens, closes, valid_from, valid_to) for code in codes if code in BYDAY]


def closed_reason_of(day: date, closed_reason: ClosedReason) -> Optional[str]:
    """'holiday' on a Baden-Württemberg public holiday, else what ``closed_reason`` says."""
    if holiday_name(day):
        return HOLIDAY
    return CLOSURE if closed_reason(day) else None


def intervals(rules: Iterable[WeeklyRule], day: date) -> List[Tuple[datetime, datetime]]:
    """The opening intervals of ``day`` as aware datetimes, sorted."""
    return sorted((datetime.combine(day, r.opens, BERLIN), datetime.combine(day, r.closes, BERLIN))
                  for r in rules if r.applies(day))


def opening_state(rules: List[WeeklyRule], at: datetime, closed_reason: ClosedReason,
                  by_appointment_only: bool = False) -> OpeningState:
    """Open now? Until when? When next open? ``at`` may be in any time zone; results are in Europe/Berlin."""
    local = at.astimezone(BERLIN)
    today_reason = closed_reason_of(local.date(), closed_reason)
    closes_at = next_opening = next_closing = None
    for offset in range(HORIZON_DAYS):
        day = local.date() + timedelta(days=offset)
        if closed_reason_of(day, closed_reason):
            continue
        for start, end in intervals(rules, day):
            if start <= local < end and closes_at is None:
                closes_at = end
            elif start > local:
                next_opening, next_closing = start, end
                break
        if next_opening:
            break
    return OpeningState(open_now=closes_at is not None, closes_at=closes_at, next_opening=next_opening,
                        next_closing=closes_at or next_closing, by_appointment_only=by_appointment_only,
                        closed_today_reason=today_reason)


def schedule_text(rules: Iterable[WeeklyRule]) -> str:
    """German summary of weekly hours, days with the same hours grouped ('Mo–Fr 8:30–12:45')."""
    by_day: dict = {}
    for rule in sorted(rules, key=lambda r: (r.weekday, r.opens)):
        hours = f"{rule.opens.hour}:{rule.opens:%M}–{rule.closes.hour}:{rule.closes:%M}"
        by_day.setdefault(rule.weekday, []).append(hours)
    groups: List[Tuple[List[int], str]] = []
    for day, hours in sorted(by_day.items()):
        text = " und ".join(hours)
        if groups and groups[-1][1] == text and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], text))
    parts = []
    for days, text in groups:
        label = GERMAN_DAYS[days[0]] if len(days) == 1 else (
            f"{GERMAN_DAYS[days[0]]}, {GERMAN_DAYS[days[1]]}" if len(days) == 2
            else f"{GERMAN_DAYS[days[0]]}–{GERMAN_DAYS[days[-1]]}")
        parts.append(f"{label} {text}")
    return "; ".join(parts)
