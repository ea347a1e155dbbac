"""Locale-aware formatting of values inserted into responses, with Babel.

>>> format_value("2026-12-03", "de", "course_start_date")
'03.12.2026'
>>> format_value(1234.5, "de", "cost")
'1.234,5'
>>> format_value("2026-12-03T09:30:00", "de", "when_datetime")
'Donnerstag, 3. Dezember 2026, 09:30'
>>> format_value("Esslingen", "ar", "municipality")
'Esslingen'
>>> format_value("2026-12-01", "de", "stand_month"), format_value("2026-12-01", "en", "stand_month")
('Dezember 2026', 'December 2026')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal


def babel_locale(code: str) -> Locale:
    """Babel's locale for a language code (English when Babel has none)."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_value(value: Any, code: str, name: str = "") -> str:
    """Format a value for language ``code``: dates by ``*_date``, times by ``*_time`` names, numbers."""
    locale = babel_locale(code)
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, (int, float)):
        return format_decimal(value, locale=locale)
    if isinstance(value, str):
        try:
            if name.endswith("_datetime"):
                moment = dt.datetime.fromisoformat(value)
                return f"{format_date(moment, 'full', locale=locale)}, {format_time(moment, 'short', locale=locale)}"
            if name.endswith("_month"):
                return format_skeleton("yMMMM", dt.date.fromisoformat(value), locale=locale)
            if name.endswith("_date"):
                return format_date(dt.date.fromisoformat(value), "medium" if code != "de" else "dd.MM.yyyy", locale=locale)
            if name.endswith("_time"):
                return format_time(dt.time.fromisoformat(value), "short", locale=locale)
        except ValueError:
            return value
    return str(value)
