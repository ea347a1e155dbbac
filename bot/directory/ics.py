"""An RFC 5545 calendar entry of an appointment, for the integration manager's calendar.

>>> text = calendar_text("lotse-7@example", datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc),
...                      datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc), "Lotse: Beratung",
...                      "Rathaus, Marktplatz 1; Tübingen", "Pseudonym: web-abc", stamp=datetime(2026, 11, 21, tzinfo=timezone.utc))
>>> text.splitlines()[:2]
['BEGIN:VCALENDAR', 'VERSION:2.0']
>>> "DTSTART:20261124T080000Z" in text, "LOCATION:Rathaus\\\\, Marktplatz 1\\\\; Tübingen" in text
(True, True)
>>> text.endswith("END:VCALENDAR\\r\\n")
True
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import List, Optional

PRODID = "-//Lotse//Verzeichnis//DE"


def escape(value: str) -> str:
    """Escape a TEXT value (backslash, semicolon, comma, newline).

    >>> escape("a;b,c\\nd")
    'a\\\\;b\\\\,c\\\\nd'
    """
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (continuations start with a space)."""
    parts: List[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    """A UTC DATE-TIME value, e.g. 20261124T080000Z."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(uid: str, start: datetime, end: datetime, summary: str, location: str, description: str,
                  stamp: Optional[datetime] = None) -> str:
    """A VCALENDAR with one VEVENT, lines folded and ended by CRLF."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{utc(stamp or datetime.now(timezone.utc))}",
             f"DTSTART:{utc(start)}", f"DTEND:{utc(end)}", f"SUMMARY:{escape(summary)}",
             f"LOCATION:{escape(location)}", f"DESCRIPTION:{escape(description)}", "STATUS:CONFIRMED",
             "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
