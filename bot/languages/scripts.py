"""Writing-system detection: which script a message is written in.

>>> dominant_script("Termin im Jobcenter")
'Latn'
>>> dominant_script("мені треба Termin у Jobcenter")
'Cyrl'
>>> dominant_script("👍 ok?") is None
False
>>> dominant_script("👍 !!") is None
True
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Dict, Optional

LATIN = "Latn"
CYRILLIC = "Cyrl"
ARABIC = "Arab"
ETHIOPIC = "Ethi"

_RANGES = (
    (0x0400, 0x052F, CYRILLIC),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0x1200, 0x139F, ETHIOPIC),
    (0x2D80, 0x2DDF, ETHIOPIC),
    (0xAB00, 0xAB2F, ETHIOPIC),
)


def char_script(char: str) -> Optional[str]:
    """The script of one letter, or None for digits, punctuation, emoji and marks.

    >>> [char_script(c) for c in "aЖشሰ1"]
    ['Latn', 'Cyrl', 'Arab', 'Ethi', None]
    """
    if not char.isalpha():
        return None
    code = ord(char)
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    if unicodedata.name(char, "").startswith("LATIN"):
        return LATIN
    return None


def script_counts(text: str) -> Dict[str, int]:
    """Count the letters of each script in ``text``."""
    counts: Counter = Counter()
    for char in text:
        script = char_script(char)
        if script:
            counts[script] += 1
    return dict(counts)


def dominant_script(text: str) -> Optional[str]:
    """The script the message is written in; None when it has no letters.

    Clients mix German words into their own script ("Termin", "Jobcenter"), so a
    non-Latin script wins as soon as it carries at least two letters.
    """
    counts = script_counts(text)
    if not counts:
        return None
    non_latin = {s: n for s, n in counts.items() if s != LATIN}
    if non_latin and (max(non_latin.values()) >= 2 or LATIN not in counts):
        return max(non_latin, key=non_latin.__getitem__)
    return LATIN
