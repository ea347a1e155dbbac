"""Short frequent words and letters that tell close languages apart in short messages.

Character statistics confuse Turkish with German or English when a message is short and carries
German office words ("Jobcenter icin Termin lazim"), Ukrainian with Russian, and Pashto with
Persian. Each language's entry in ``locales/languages.yml`` lists words, letters and word endings
that are frequent and (nearly) unique to it among the languages of its script;
:func:`function_word_probabilities` turns their counts into a distribution the identifier adds to
its other sources.

>>> round(function_word_probabilities("Jobcenter icin Termin lazim", ["de", "en", "tr"])["tr"], 2)
0.91
>>> function_word_probabilities("Jobcenter Termin", ["de", "en", "tr"])
{}
>>> max((p, c) for c, p in function_word_probabilities("زه غواړم چې کورس ومومم", ["ar", "fa", "ps"]).items())[1]
'ps'
"""

from __future__ import annotations

import functools
import re
from typing import Dict, Iterable, Optional, Pattern

from bot.languages.registry import LanguageRegistry, registry

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@functools.lru_cache(maxsize=64)
def _endings(pattern: Optional[str]) -> Optional[Pattern[str]]:
    return re.compile(pattern) if pattern else None


def function_word_probabilities(text: str, candidates: Iterable[str],
                                languages: Optional[LanguageRegistry] = None) -> Dict[str, float]:
    """Votes of function words, marker letters and word endings, normalised; empty without any vote."""
    languages = languages or registry()
    words = [w.casefold() for w in _WORD.findall(text)]
    lowered = text.casefold()
    votes: Dict[str, float] = {}
    for code in candidates:
        language = languages.get(code)
        if language is None:
            continue
        score = sum(word in language.function_words for word in words)
        score += 2 * sum(letter in lowered for letter in language.marker_letters)
        endings = _endings(language.word_endings)
        if endings is not None:
            score += sum(bool(endings.search(word)) for word in words)
        votes[code] = float(score)
    total = sum(votes.values())
    if not total:
        return {}
    smoothed = {code: score + 0.1 for code, score in votes.items()}
    norm = sum(smoothed.values())
    return {code: score / norm for code, score in smoothed.items()}
