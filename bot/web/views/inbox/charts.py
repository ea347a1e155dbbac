"""Charts of the statistics page, drawn on the server: geometry here, SVG in the templates.

No JavaScript and nothing from elsewhere: a column chart (tickets per week) is one SVG with its
own coordinate system; a bar chart (per language, topic, place) is an HTML list whose bars are
small SVGs, so its labels stay readable text that wraps on a phone.

>>> chart = column_chart([Count("KW 1", 2), Count("KW 2", 0), Count("KW 3", 4)])
>>> [(c.label, c.height) for c in chart.columns], chart.ticks[-1].label
([('KW 1', 90.0), ('KW 2', 0.0), ('KW 3', 180.0)], '4')
>>> [(b.label, b.percent) for b in bar_chart([Count("Arabisch", 3), Count("Tigrinya", 1)])]
[('Arabisch', 100.0), ('Tigrinya', 33.3)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List

from bot.handover.statistics import Count

#: The column chart's coordinate system (the SVG scales to the page width).
WIDTH, HEIGHT = 640.0, 240.0
#: Room for the axis labels: left (counts) and bottom (weeks); text sizes are set in inbox.css.
LEFT, BOTTOM, TOP = 48.0, 34.0, 26.0
#: Most week labels shown under the columns (the others are in the table and the hover titles).
MAX_LABELS = 7
#: Values are written above the columns up to this many columns.
MAX_VALUE_LABELS = 16


@dataclass(frozen=True)
class Column:
    """One column: position and size in chart units, and what it shows."""

    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    detail: str
    #: Whether the label is written under the column.
    show_label: bool
    #: The centre of the column (for its labels), and where its count is written above it.
    middle: float
    value_y: float


@dataclass(frozen=True)
class Tick:
    """A horizontal grid line with its count."""

    y: float
    label: str


@dataclass(frozen=True)
class ColumnChart:
    """A column chart's geometry."""

    columns: List[Column]
    ticks: List[Tick]
    show_values: bool
    width: float = WIDTH
    height: float = HEIGHT
    left: float = LEFT
    #: Where the counts of the axis end (right-aligned) and the week labels stand.
    axis_x: float = LEFT - 6
    label_y: float = HEIGHT - 6


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: its label, count and length in percent of the longest."""

    label: str
    count: int
    percent: float


def nice_top(largest: int) -> int:
    """The top of the count axis: ``largest`` rounded up to 1, 2 or 5 times a power of ten (at least 1).

    >>> nice_top(0), nice_top(4), nice_top(7), nice_top(13), nice_top(230)
    (1, 4, 10, 20, 500)
    """
    if largest <= 4:
        return max(largest, 1)
    power = 10 ** int(math.floor(math.log10(largest)))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= largest)


def column_chart(counts: List[Count]) -> ColumnChart:
    """The geometry of a column chart of ``counts`` (e.g. tickets per week)."""
    top = nice_top(max((c.count for c in counts), default=0))
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(counts), 1)
    gap = min(slot * 0.25, 8.0)
    every = max(1, math.ceil(len(counts) / MAX_LABELS))
    columns = []
    for index, count in enumerate(counts):
        height = round(plot_height * count.count / top, 1)
        x = LEFT + index * slot + gap / 2
        columns.append(Column(x=round(x, 1), y=round(HEIGHT - BOTTOM - height, 1), width=round(slot - gap, 1),
                              height=height, label=count.label, count=count.count, detail=count.detail,
                              show_label=(len(counts) - 1 - index) % every == 0, middle=round(x + (slot - gap) / 2, 1),
                              value_y=round(HEIGHT - BOTTOM - height - 5, 1)))
    steps = top if top <= 4 else 4
    ticks = [Tick(y=round(HEIGHT - BOTTOM - plot_height * i / steps, 1), label=f"{round(top * i / steps):d}")
             for i in range(steps + 1)]
    return ColumnChart(columns=columns, ticks=ticks, show_values=len(counts) <= MAX_VALUE_LABELS)


def bar_chart(counts: List[Count]) -> List[Bar]:
    """The bars of a bar chart of ``counts``, the longest at 100 %."""
    largest = max((c.count for c in counts), default=0) or 1
    return [Bar(c.label, c.count, round(100 * c.count / largest, 1)) for c in counts]
