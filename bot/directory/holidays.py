"""Public holidays of Baden-Württemberg, computed (Easter from ``dateutil.easter``).

>>> holidays(2026)[date(2026, 12, 25)]
'1. Weihnachtstag'
>>> holiday_name(date(2027, 5, 27))
'Fronleichnam'
>>> holiday_name(date(2027, 3, 26)), holiday_name(date(2027, 3, 29))
('Karfreitag', 'Ostermontag')
>>> holiday_name(date(2026, 11, 23)) is None
True
>>> len(holidays(2027))
12
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Dict, Optional

from dateutil.easter import easter


@lru_cache(maxsize=32)
def holidays(year: int) -> Dict[date, str]:
    """The statutory public holidays of Baden-Württemberg in ``year``, by date."""
    sunday = easter(year)
    return {
        date(year, 1, 1): "Neujahr",
        date(year, 1, 6): "Heilige Drei Könige",
        sunday - timedelta(days=2): "Karfreitag",
        sunday + timedelta(days=1): "Ostermontag",
        date(year, 5, 1): "Tag der Arbeit",
        sunday + timedelta(days=39): "Christi Himmelfahrt",
        sunday + timedelta(days=50): "Pfingstmontag",
        sunday + timedelta(days=60): "Fronleichnam",
        date(year, 10, 3): "Tag der Deutschen Einheit",
        date(year, 11, 1): "Allerheiligen",
        date(year, 12, 25): "1. Weihnachtstag",
        date(year, 12, 26): "2. Weihnachtstag",
    }


def holiday_name(day: date) -> Optional[str]:
    """The name of the public holiday on ``day``, or None on an ordinary day."""
    return holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday.

    >>> is_working_day(date(2026, 11, 23)), is_working_day(date(2026, 11, 22)), is_working_day(date(2026, 12, 25))
    (True, False, False)
    """
    return day.weekday() < 5 and holiday_name(day) is None
