"""A word-level diff of two texts as HTML: ``<del>`` for removed, ``<ins>`` for added words, escaped."""

from __future__ import annotations

import difflib
import re
from typing import List

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Words and the whitespace between them, each a token of its own (so line breaks survive).
_TOKENS = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> List[str]:
    """``text`` cut into words and runs of whitespace.

    >>> tokens("Kurs  am\\nMontag")
    ['Kurs', '  ', 'am', '\\n', 'Montag']
    """
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> SafeString:
    """HTML showing how ``new`` differs from ``old``, word by word; all text is escaped.

    >>> str(word_diff("Der Kurs ist am Montag.", "Der Kurs ist am Dienstag."))
    'Der Kurs ist am <del>Montag.</del><ins>Dienstag.</ins>'
    >>> str(word_diff("a <b>", "a <b> c"))
    'a &lt;b&gt;<ins> c</ins>'
    """
    before, after = tokens(old), tokens(new)
    parts: List[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
