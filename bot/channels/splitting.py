"""Long texts cut into messages a platform accepts, at sentence boundaries where possible.

>>> split("Eins. Zwei. Drei.", 11)
['Eins. Zwei.', 'Drei.']
>>> split("kurz", 4096)
['kurz']
>>> [len(part) for part in split("a" * 10, 4)]
[4, 4, 2]
"""

from __future__ import annotations

import re
from typing import List

#: Where a sentence or paragraph ends: after . ! ? … ። ؟ or a line break, before whitespace.
_BOUNDARY = re.compile(r"(?<=[.!?…።؟\n])\s+|\n")


def split(text: str, limit: int) -> List[str]:
    """``text`` in parts of at most ``limit`` characters, cut after sentences, else words, else anywhere."""
    if len(text) <= limit:
        return [text]
    parts: List[str] = []
    rest = text
    while len(rest) > limit:
        cut = _last_boundary(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return [p for p in parts if p]


def _last_boundary(text: str, limit: int) -> int:
    """Where to cut ``text`` (longer than ``limit``): the last sentence end, else space, within the limit."""
    window = text[:limit + 1]  # one more character: a boundary right at the limit counts
    ends = [m.start() for m in _BOUNDARY.finditer(window) if 0 < m.start() <= limit]
    if ends:
        return max(ends)
    space = window.rfind(" ", 1, limit + 1)
    return space if space > 0 else limit
