"""Ukrainian or Russian? Word knowledge for short Cyrillic messages.

Character statistics hardly tell the two apart in two or three words ("пожежа",
"насильство вдома", "до встречи"): the letters are shared, and the marker letters
(і ї є ґ against ы э ъ ё) are often missing. The morphological dictionaries of
pymorphy3 (OpenCorpora for Russian, VESUM for Ukrainian; installed from PyPI with
their data, nothing downloaded at run time) know every inflected form. A word that
only one of the two dictionaries knows is a vote for that language.

>>> lexicon_votes("думаю про самогубство")
{'uk': 1.0, 'ru': 0.0}
>>> lexicon_votes("до встречи")
{'uk': 0.0, 'ru': 1.0}
>>> lexicon_votes("не хочу")
{}
"""

from __future__ import annotations

import functools
import re
from typing import Dict

#: The languages with a dictionary here (pymorphy3's language codes are ISO 639-1).
LANGUAGES = ("uk", "ru")
_CYRILLIC_WORD = re.compile(r"[а-яёіїєґʼ'-]+", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _analyzer(code: str):  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=code)


def lexicon_votes(text: str) -> Dict[str, float]:
    """Share of the words only Ukrainian or only Russian knows; empty when no word decides."""
    votes = dict.fromkeys(LANGUAGES, 0.0)
    for word in _CYRILLIC_WORD.findall(text.casefold()):
        known = [code for code in LANGUAGES if _analyzer(code).word_is_known(word)]
        if len(known) == 1:
            votes[known[0]] += 1.0
    total = sum(votes.values())
    return {code: vote / total for code, vote in votes.items()} if total else {}
