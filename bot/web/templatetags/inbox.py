"""Template filters of the inbox: local German date and time, durations (``{% load inbox %}``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Optional

from django import template

from bot.handover import times

register = template.Library()


@register.filter
def berlin(value: Any) -> str:
    """Weekday, date and time in Europe/Berlin: ``Sa 5.12. 14:03`` (ISO text, epoch seconds or datetime)."""
    return times.local_datetime(value)


@register.filter
def berlin_time(value: Any) -> str:
    """The time of day in Europe/Berlin: ``14:03``."""
    return times.local_time(value)


@register.filter
def iso(value: Any) -> str:
    """Machine-readable ISO 8601 for ``<time datetime>``; "" when unreadable."""
    return times.iso_time(value)


@register.filter
def duration(value: Optional[timedelta]) -> str:
    """A duration in German (``3 Std. 20 Min.``); "–" for none."""
    return times.duration_text(value) if value is not None else "–"
