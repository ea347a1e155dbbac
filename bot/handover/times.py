"""Times as caseworkers read them: local Europe/Berlin date and time in German, and durations.

The transcript keeps each line's time as ISO 8601; tickets written before that kept Rasa's
epoch seconds as text ("1764943981.601339"), which :func:`parse_time` still reads.

>>> moment = datetime(2026, 12, 5, 13, 3, tzinfo=timezone.utc)
>>> local_datetime(moment, today=date(2026, 12, 7))
'Sa 5.12. 14:03'
>>> local_datetime(moment, today=date(2027, 1, 2))
'Sa 5.12.2026 14:03'
>>> local_datetime(parse_time("1764943981.601339"), today=date(2025, 12, 6))
'Fr 5.12. 15:13'
>>> duration_text(timedelta(minutes=200)), duration_text(timedelta(days=2, hours=4, minutes=5))
('3 Std. 20 Min.', '2 Tage 4 Std.')
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Optional

from bot.directory.opening import BERLIN, GERMAN_DAYS


def parse_time(value: Any) -> Optional[datetime]:
    """An aware datetime from ISO 8601 text, epoch seconds (number or text) or a datetime; None if unreadable.

    Naive ISO times are taken as UTC (as Rasa and the transcript store them).

    >>> parse_time("2026-12-05T14:03:00+01:00").isoformat()
    '2026-12-05T14:03:00+01:00'
    >>> parse_time(0).isoformat(), parse_time("") is None, parse_time("gestern") is None
    ('1970-01-01T00:00:00+00:00', True, True)
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(float(value), timezone.utc)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            return datetime.fromtimestamp(float(text), timezone.utc)
        except (ValueError, OverflowError):
            pass
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def iso_time(value: Any) -> str:
    """``value`` as ISO 8601 in UTC (seconds), "" when unreadable: how the transcript stores times.

    >>> iso_time(1764943981.6), iso_time("kaputt")
    ('2025-12-05T14:13:01+00:00', '')
    """
    moment = parse_time(value)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds") if moment else ""


def _today() -> date:
    return datetime.now(BERLIN).date()


def local_date(value: Any, today: Optional[date] = None) -> str:
    """Weekday and date in Berlin, the year only when it is not this year: ``Sa 5.12.``; "" when unreadable."""
    moment = parse_time(value)
    if moment is None:
        return ""
    local = moment.astimezone(BERLIN)
    year = "" if local.year == (today or _today()).year else str(local.year)
    return f"{GERMAN_DAYS[local.weekday()]} {local.day}.{local.month}.{year}"


def local_datetime(value: Any, today: Optional[date] = None) -> str:
    """Weekday, date and time in Berlin: ``Sa 5.12. 14:03``; "" when unreadable."""
    moment = parse_time(value)
    if moment is None:
        return ""
    return f"{local_date(moment, today)} {moment.astimezone(BERLIN):%H:%M}"


def local_time(value: Any) -> str:
    """The time of day in Berlin: ``14:03``; "" when unreadable."""
    moment = parse_time(value)
    return f"{moment.astimezone(BERLIN):%H:%M}" if moment else ""


def duration_text(span: timedelta) -> str:
    """A duration in German, at most two units: ``45 Min.``, ``3 Std. 20 Min.``, ``1 Tag 2 Std.``.

    >>> duration_text(timedelta(seconds=20)), duration_text(timedelta(hours=1)), duration_text(timedelta(days=1))
    ('unter 1 Min.', '1 Std.', '1 Tag')
    """
    minutes = int(abs(span).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        parts = [f"{days} {'Tag' if days == 1 else 'Tage'}"] + ([f"{hours} Std."] if hours else [])
    elif hours:
        parts = [f"{hours} Std."] + ([f"{minutes} Min."] if minutes else [])
    elif minutes:
        parts = [f"{minutes} Min."]
    else:
        parts = ["unter 1 Min."]
    return " ".join(parts)
