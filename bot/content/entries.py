"""FAQ entries as editors keep them: new entries, review dates, and whether an entry can be published.

An entry's answer states facts that change: its ``stand`` is the month of the newest verified fact,
and it must be checked again by ``review_due``, six months after the Stand unless an editor chose
another date. A new entry reaches clients only through a publication (a model that knows its example
questions): it needs a German answer and at least :data:`MIN_EXAMPLES` German example questions first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, List, Optional

from django.utils import timezone

from bot.content.constants import SOURCE_LANGUAGE
from bot.content.models import FaqEntry, FaqText

#: German example questions a new entry needs before it can be published.
MIN_EXAMPLES = 5
#: Months from an entry's Stand to its next review, unless an editor chose another date.
REVIEW_MONTHS = 6
#: Longest key (``FaqEntry.key``); Rasa names the answer ``utter_faq/<key>``.
MAX_KEY_LENGTH = 64
#: Keys the editor's URLs use themselves.
RESERVED_KEYS = frozenset({"new"})
#: German letters written out in keys (``Führerschein`` → ``fuehrerschein``).
_GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's length).

    >>> add_months(dt.date(2026, 12, 1), 6), add_months(dt.date(2026, 8, 31), 6)
    (datetime.date(2027, 6, 1), datetime.date(2027, 2, 28))
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def default_review_due(stand: Optional[dt.date]) -> Optional[dt.date]:
    """The review date that follows a Stand: six months later (None without a Stand).

    >>> default_review_due(dt.date(2026, 12, 1)), default_review_due(None)
    (datetime.date(2027, 6, 1), None)
    """
    return add_months(stand, REVIEW_MONTHS) if stand else None


def schedule_review(entry: FaqEntry, stand: Optional[dt.date], review_due: Optional[dt.date],
                    review_due_changed: bool) -> None:
    """Set the entry's Stand and review date as an editor's form asks (not saved).

    A review date the editor entered counts as set by hand (unless it is the default one); an empty
    one, or one left alone while the Stand changes, follows the Stand unless it was set by hand before.
    """
    stand_changed = stand != entry.stand
    entry.stand = stand
    if review_due_changed:
        entry.review_due = review_due or default_review_due(stand)
        entry.review_due_by_hand = review_due is not None and review_due != default_review_due(stand)
    elif entry.review_due is None or (stand_changed and not entry.review_due_by_hand):
        entry.review_due = default_review_due(stand) or entry.review_due


def today() -> dt.date:
    """Today in the project's time zone (Europe/Berlin)."""
    return timezone.localdate()


def is_overdue(entry: FaqEntry, on: Optional[dt.date] = None) -> bool:
    """Whether the entry's review date has passed."""
    return entry.review_due is not None and entry.review_due < (on or today())


def overdue_entries(entries: Optional[Iterable[FaqEntry]] = None, on: Optional[dt.date] = None) -> List[FaqEntry]:
    """The entries whose review is overdue, the longest overdue first."""
    day = on or today()
    pool = FaqEntry.objects.filter(review_due__lt=day) if entries is None else entries
    return sorted((entry for entry in pool if is_overdue(entry, day)), key=lambda e: (e.review_due, e.key))


def key_from_title(title: str, taken: Iterable[str] = ()) -> str:
    """A new entry's key from its German title: lower case, German letters written out, words joined by ``_``.

    >>> key_from_title("Führerschein umschreiben!"), key_from_title("Kita & Schule", ["kita_schule"])
    ('fuehrerschein_umschreiben', 'kita_schule_2')
    >>> key_from_title("Новый"), key_from_title("new")
    ('eintrag', 'new_2')
    """
    ascii_title = unicodedata.normalize("NFKD", title.translate(_GERMAN_LETTERS).lower())
    ascii_title = ascii_title.encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_title).strip("_")[:MAX_KEY_LENGTH - 4].rstrip("_") or "eintrag"
    taken = set(taken) | RESERVED_KEYS
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


@dataclass(frozen=True)
class Readiness:
    """Whether an entry can be published, and what it still lacks (German, for editors)."""

    answer: bool
    examples: int

    @property
    def ready(self) -> bool:
        """A German answer and enough German example questions."""
        return self.answer and self.examples >= MIN_EXAMPLES

    @property
    def missing(self) -> List[str]:
        """What is missing, as editors read it.

        >>> Readiness(False, 3).missing
        ['eine deutsche Antwort', 'noch 2 deutsche Beispielfragen (3 von 5)']
        """
        lacking = [] if self.answer else ["eine deutsche Antwort"]
        if self.examples < MIN_EXAMPLES:
            lacking.append(f"noch {MIN_EXAMPLES - self.examples} deutsche Beispielfrage"
                           f"{'' if MIN_EXAMPLES - self.examples == 1 else 'n'} "
                           f"({self.examples} von {MIN_EXAMPLES})")
        return lacking


def readiness(entry: FaqEntry) -> Readiness:
    """Whether ``entry`` has what a publication needs (its saved German text; a proposal does not count)."""
    german = FaqText.objects.filter(entry=entry, language=SOURCE_LANGUAGE).first()
    if german is None:
        return Readiness(False, 0)
    return Readiness(bool(german.answer.strip()), len(german.example_list()))


def unready_entries() -> List[tuple]:
    """``(entry, readiness)`` of every entry that cannot be published yet, by key."""
    found = []
    for entry in FaqEntry.objects.prefetch_related("texts").order_by("key"):
        german = next((t for t in entry.texts.all() if t.language == SOURCE_LANGUAGE), None)
        state = Readiness(bool(german and german.answer.strip()), len(german.example_list()) if german else 0)
        if not state.ready:
            found.append((entry, state))
    return found
