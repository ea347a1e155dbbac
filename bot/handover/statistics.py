"""Figures for coordinators: tickets per week, language, topic and place; response times; promises kept.

Computed from a queryset the caller has already scoped (``bot.handover.scoping.visible_tickets``
and, for statewide users, a district), so nothing outside it can appear. Weeks and days are
Europe/Berlin; a week starts on Monday (ISO weeks).

>>> median_duration([timedelta(hours=1), timedelta(hours=3), timedelta(hours=2)])
datetime.timedelta(seconds=7200)
>>> week_starts(date(2026, 11, 25), date(2026, 12, 8))
[datetime.date(2026, 11, 23), datetime.date(2026, 11, 30), datetime.date(2026, 12, 7)]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable, List, Optional, Tuple

from django.db.models import QuerySet

from bot.directory.opening import BERLIN
from bot.handover import constants as c
from bot.handover.summary import language_label, topic_label

#: Places shown by name; the rest are summed up as "weitere Orte".
TOP_PLACES = 10
#: The label of tickets without a place.
NO_PLACE = "Ort unbekannt"


@dataclass(frozen=True)
class Count:
    """One bar: a label and how many tickets."""

    label: str
    count: int
    #: A longer label for the hover title and table (e.g. the week's dates).
    detail: str = ""


@dataclass(frozen=True)
class Statistics:
    """The figures of one period and scope."""

    start: date
    end: date
    total: int
    per_week: List[Count] = field(default_factory=list)
    by_language: List[Count] = field(default_factory=list)
    by_topic: List[Count] = field(default_factory=list)
    by_place: List[Count] = field(default_factory=list)
    median_first_response: Optional[timedelta] = None
    first_responses: int = 0
    median_resolution: Optional[timedelta] = None
    resolutions: int = 0
    #: Tickets whose promised time has passed or that were handled, and how many of them in time.
    due: int = 0
    in_time: int = 0
    open_now: int = 0
    overdue_now: int = 0

    @property
    def in_time_share(self) -> Optional[float]:
        """The share of due tickets answered (or resolved) within the promised time, 0–1; None when none was due."""
        return self.in_time / self.due if self.due else None


def median_duration(spans: List[timedelta]) -> Optional[timedelta]:
    """The median of durations (None for none; the mean of the middle two for an even count).

    >>> median_duration([timedelta(hours=1), timedelta(hours=2)]), median_duration([])
    (datetime.timedelta(seconds=5400), None)
    """
    if not spans:
        return None
    ordered, middle = sorted(spans), len(spans) // 2
    return ordered[middle] if len(spans) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def week_starts(start: date, end: date) -> List[date]:
    """The Mondays of the weeks from ``start``'s to ``end``'s."""
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _counted(values: Iterable[str], label: Callable[[str], str], top: Optional[int] = None,
             rest: str = "") -> List[Count]:
    """Counts per label, most first (ties alphabetically); beyond ``top`` summed up as ``rest``."""
    counts = Counter(label(v) for v in values)
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    if top is not None and len(ranked) > top + 1:
        ranked = ranked[:top] + [(rest, sum(n for _, n in ranked[top:]))]
    return [Count(name, n) for name, n in ranked]


def period_bounds(start: date, end: date) -> Tuple[datetime, datetime]:
    """The aware moments from ``start`` 00:00 to the end of ``end`` (Berlin)."""
    return (datetime.combine(start, time.min, tzinfo=BERLIN),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=BERLIN))


def compute(tickets: QuerySet, start: date, end: date, now: datetime) -> Statistics:
    """The figures of the tickets created from ``start`` to ``end`` (inclusive); ``open_now`` and
    ``overdue_now`` count all of ``tickets`` at ``now``."""
    since, until = period_bounds(start, end)
    rows = list(tickets.filter(created__gte=since, created__lt=until).values_list(
        "created", "language", "intent", "municipality_name", "first_response", "resolved_at", "status",
        "reply_by"))
    weeks = week_starts(start, end)
    per_week = Counter(created.astimezone(BERLIN).date() - timedelta(days=created.astimezone(BERLIN).weekday())
                       for created, *_ in rows)
    first = [response - created for created, _, _, _, response, _, _, _ in rows if response]
    resolved = [done - created for created, _, _, _, _, done, status, _ in rows if done and status == c.RESOLVED]
    due = in_time = 0
    for created, _, _, _, response, done, status, reply_by in rows:
        handled = min([m for m in (response, done if status == c.RESOLVED else None) if m], default=None)
        if reply_by is None or (handled is None and reply_by >= now):
            continue  # not due yet
        due += 1
        in_time += int(handled is not None and handled <= reply_by)
    open_rows = list(tickets.filter(status__in=c.OPEN_STATUSES).values_list("first_response", "reply_by"))
    return Statistics(
        start=start, end=end, total=len(rows),
        per_week=[Count(f"KW {monday.isocalendar()[1]}", per_week.get(monday, 0),
                        f"{monday:%d.%m.}–{monday + timedelta(days=6):%d.%m.%Y}") for monday in weeks],
        by_language=_counted((r[1] for r in rows), language_label),
        by_topic=_counted((r[2] for r in rows), topic_label),
        by_place=_counted((r[3] for r in rows), lambda name: name or NO_PLACE, TOP_PLACES, "weitere Orte"),
        median_first_response=median_duration(first), first_responses=len(first),
        median_resolution=median_duration(resolved), resolutions=len(resolved),
        due=due, in_time=in_time, open_now=len(open_rows),
        overdue_now=sum(1 for response, reply_by in open_rows if response is None and reply_by and reply_by < now),
    )
