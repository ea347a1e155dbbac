"""The list of FAQ entries: overdue reviews first, then by topic, with each entry's state per language.

Editors find an entry by its German title, topic, key or German answer (:mod:`bot.content.search`),
and filter by topic, language and review state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from typing import Dict, List, Set

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bot.content import search
from bot.content.constants import SOURCE_LANGUAGE, ReviewState
from bot.content.entries import is_overdue, today
from bot.content.models import FaqEntry, FaqProposal
from bot.web.views.content.access import editor_required, language_name, languages
from bot.web.views.content.forms import CoverageFilterForm

#: Heading of the group of entries whose review is overdue (shown first).
OVERDUE_GROUP = "Prüfung überfällig"


@dataclass(frozen=True)
class Cell:
    """One entry's state in one language."""

    language: str
    language_name: str
    state: str
    label: str


@dataclass(frozen=True)
class Row:
    """One FAQ entry and its cells, in the order of the shown languages."""

    entry: FaqEntry
    cells: List[Cell]
    overdue: bool = False
    #: Whether a change of the German text waits for a second person's approval.
    waiting: bool = False

    @property
    def title(self) -> str:
        """The German title, or the key while the entry has none."""
        return self.entry.title or self.entry.key


def cells_of(entry: FaqEntry, names: Dict[str, str]) -> List[Cell]:
    """The entry's state in each named language; a language without a text row counts as missing."""
    states: Dict[str, str] = {text.language: text.state for text in entry.texts.all()}
    cells = []
    for code, name in names.items():
        state = ReviewState(states.get(code, ReviewState.MISSING))
        cells.append(Cell(code, name, state.value, state.label))
    return cells


def totals(rows: List[Row], codes: List[str]) -> Dict[str, Dict[str, int]]:
    """Per language, how many entries are in each state (every state listed, zero included)."""
    counts: Dict[str, Counter] = {code: Counter() for code in codes}
    for row in rows:
        for cell in row.cells:
            counts[cell.language][cell.state] += 1
    return {code: {state.value: counts[code][state.value] for state in ReviewState} for code in codes}


def german_answer(entry: FaqEntry) -> str:
    """The entry's German answer from the prefetched texts (empty when there is none)."""
    return next((text.answer for text in entry.texts.all() if text.language == SOURCE_LANGUAGE), "")


def found(entry: FaqEntry, query: str) -> bool:
    """Whether the entry matches the search words (title, topic, key, German answer)."""
    return search.matches(query, [entry.title, entry.topic, entry.key.replace("_", " "), german_answer(entry)])


def grouped(rows: List[Row]) -> List[tuple]:
    """``(heading, rows, overdue)``: the overdue entries first (the longest overdue first), then by topic."""
    overdue = sorted((row for row in rows if row.overdue), key=lambda row: (row.entry.review_due, row.title))
    rest = sorted((row for row in rows if not row.overdue), key=lambda row: (row.entry.topic, row.title.casefold()))
    groups = [(OVERDUE_GROUP, overdue, True)] if overdue else []
    return groups + [(topic, list(group), False) for topic, group in groupby(rest, key=lambda row: row.entry.topic)]


def waiting_entries() -> Set[int]:
    """Ids of the entries whose German text has a change waiting for approval."""
    return set(FaqProposal.objects.values_list("text__entry_id", flat=True))


@require_GET
@editor_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """All FAQ entries, overdue reviews first, then by topic, with their state per language; search and filters."""
    offered = languages()
    choices = [(lang.code, language_name(lang.code)) for lang in offered]
    entries = list(FaqEntry.objects.prefetch_related("texts"))
    all_topics = sorted({entry.topic for entry in entries}, key=str.casefold)
    form = CoverageFilterForm(request.GET or None, languages=choices, topics=all_topics)
    language, state, topic, query = form.value("language"), form.value("state"), form.value("topic"), form.value("q")
    codes = [language] if language else [lang.code for lang in offered]
    names = {code: language_name(code) for code in codes}
    day, waiting = today(), waiting_entries()
    rows = [Row(entry, cells_of(entry, names), is_overdue(entry, day), entry.pk in waiting) for entry in entries]
    counts = totals(rows, codes)
    shown = [row for row in rows
             if (not state or any(cell.state == state for cell in row.cells))
             and (not topic or row.entry.topic == topic) and found(row.entry, query)]
    return render(request, "content/list.html", {
        "form": form, "groups": grouped(shown), "columns": list(names.items()), "topics": all_topics,
        "total_rows": [(state, [counts[code][state.value] for code in codes]) for state in ReviewState],
        "section": "list", "entry_count": len(rows), "shown_count": len(shown), "state_filter": state,
        "overdue_count": sum(row.overdue for row in rows), "query": query,
    })

