"""Finding FAQ entries by words, as editors type them: case, accents and German spelling ignored.

"fuhrerschein", "Fuehrerschein" and "FÜHRERSCHEIN" all find "Führerschein"; every word of the query
must occur (as a part of a word) in the entry's title, topic, key or German answer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, List

#: German letters as they are written without them.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """``text`` in lower case without accents (``ß`` as ``ss``), punctuation and ``_`` as blanks.

    >>> fold("Führerschein-Umschreibung à Straße")
    'fuhrerschein umschreibung a strasse'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


def spellings(text: str) -> List[str]:
    """The folded forms of ``text`` to search in: accents dropped, and German letters written out.

    >>> spellings("Führerschein")
    ['fuhrerschein', 'fuehrerschein']
    """
    folded = fold(text)
    spelled = fold(text.casefold().translate(_SPELLED_OUT))
    return [folded] if spelled == folded else [folded, spelled]


def query_words(query: str) -> List[str]:
    """The words of a search query, folded.

    >>> query_words("  Kita, SCHULE ")
    ['kita', 'schule']
    """
    return fold(query).split()


def matches(query: str, fields: Iterable[str]) -> bool:
    """Whether every word of ``query`` occurs in one of ``fields`` (an empty query matches everything).

    >>> matches("fuehrerschein umschreiben", ["Ausländischen Führerschein umschreiben", "Alltag"])
    True
    >>> matches("Führerschein Kita", ["Ausländischen Führerschein umschreiben"])
    False
    """
    words = query_words(query)
    if not words:
        return True
    haystack = " ".join(form for field in fields for form in spellings(field or ""))
    return all(word in haystack for word in words)
