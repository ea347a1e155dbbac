"""Sample directory (Beispieldaten) for Stuttgart, Landkreis Esslingen and Landkreis Tübingen.

``source.yml`` is the editable source; ``package/`` is the HSDS data package built from it by
``python -m bot.directory.sample.build`` and loaded by ``lotse directory load-sample``.

The package's dates (course starts and ends, closures, schedule validity) are written for the week
of :data:`REFERENCE_MONDAY`. Loading moves every one of them by whole weeks to the week of the
day it is loaded, so the sample keeps its shape (a course that started three weeks ago, one that
starts next month) on any day, and weekdays stay weekdays.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, Tuple

#: The sample HSDS data package (CSV) with Lotse extension files.
PACKAGE = Path(__file__).resolve().parent / "package"
#: The Monday of the week the package's dates were written for.
REFERENCE_MONDAY = date(2026, 11, 16)
#: The columns holding dates, per file of the package.
DATE_COLUMNS: Dict[str, Tuple[str, ...]] = {
    "lotse_courses.csv": ("start_date", "end_date"),
    "lotse_closures.csv": ("first_day", "last_day"),
    "schedules.csv": ("valid_from", "valid_to", "dtstart", "until"),
}


def shift_for(today: date) -> timedelta:
    """How far the package's dates move when the sample is loaded on ``today`` (whole weeks).

    >>> shift_for(date(2026, 11, 21)), shift_for(date(2026, 12, 6)), shift_for(date(2026, 12, 7))
    (datetime.timedelta(0), datetime.timedelta(days=14), datetime.timedelta(days=21))
    """
    monday = today - timedelta(days=today.weekday())
    return monday - REFERENCE_MONDAY


def shifted(day: date, today: date) -> date:
    """``day`` of the package as loaded on ``today``.

    >>> shifted(date(2027, 1, 11), date(2027, 11, 24))
    datetime.date(2028, 1, 17)
    """
    return day + shift_for(today)


def write_shifted_package(target: Path, today: date) -> Path:
    """A copy of the package in ``target`` with every date moved to the week of ``today``."""
    shutil.copytree(PACKAGE, target, dirs_exist_ok=True)
    for name, columns in DATE_COLUMNS.items():
        path = target / name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = list(reader.fieldnames or []), list(reader)
        for row in rows:
            for column in columns:
                if row.get(column):
                    row[column] = shifted(date.fromisoformat(row[column]), today).isoformat()
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return target
