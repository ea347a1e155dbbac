"""The list of FAQ entries: grouped by topic, with the coverage matrix (entry × language) and totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from typing import Dict, List

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bot.content.constants import ReviewState
from bot.content.models import FaqEntry
from bot.web.views.content.access import editor_required, language_name, languages
from bot.web.views.content.forms import CoverageFilterForm


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


@require_GET
@editor_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """All FAQ entries by topic with their state per language, filtered by language and state."""
    offered = languages()
    choices = [(lang.code, language_name(lang.code)) for lang in offered]
    form = CoverageFilterForm(request.GET or None, languages=choices)
    language, state = form.value("language"), form.value("state")
    codes = [language] if language else [lang.code for lang in offered]
    names = {code: language_name(code) for code in codes}
    rows = [Row(entry, cells_of(entry, names)) for entry in FaqEntry.objects.prefetch_related("texts")]
    counts = totals(rows, codes)
    shown = [row for row in rows if not state or any(cell.state == state for cell in row.cells)]
    topics = [(topic, list(group)) for topic, group in groupby(shown, key=lambda row: row.entry.topic)]
    return render(request, "content/list.html", {
        "form": form, "topics": topics, "columns": list(names.items()),
        "total_rows": [(state, [counts[code][state.value] for code in codes]) for state in ReviewState],
        "section": "list",
        "entry_count": len(rows), "shown_count": len(shown), "state_filter": state,
    })
