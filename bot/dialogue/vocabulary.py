"""The words clients type to answer Lotse's questions, per language: data in ``locales/<code>/answers.yml``.

Each file lists, in one language, the words for yes, no, "I don't know" and "stop", numbers and
ordinals, relative days and the clock, and words for the options of the bot's questions (the
button labels themselves come from the catalogs). Weekday names come from Babel (CLDR). Adding a
language is adding its file; a missing file means an empty vocabulary, never an error.

>>> vocabulary("de").numbers[2][:2]
('zwei', 'zweite')
>>> "nein" in vocabulary("de").no
True
>>> vocabulary("xx").yes
()
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Dict, Mapping, Tuple

import yaml
from babel.core import UnknownLocaleError
from babel.dates import get_day_names

from bot import paths

#: The file of a language's answer words, inside its ``locales/<code>/`` folder.
FILE_NAME = "answers.yml"

Words = Tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The answer words of one language (all tuples of phrases as people type them)."""

    yes: Words = ()
    no: Words = ()
    dont_know: Words = ()
    stop: Words = ()
    #: words that negate the option named after them ("keine Kinderbetreuung")
    negation: Words = ()
    #: endings that negate the verb they end (Turkish "gönder-me": do not send)
    negating_endings: Words = ()
    #: number -> its cardinal and ordinal words ("zwei", "zweite", "zweiten")
    numbers: Mapping[int, Words] = field(default_factory=dict)
    #: weekday (0 = Monday) -> its names (Babel's and colloquial ones)
    weekdays: Mapping[int, Words] = field(default_factory=dict)
    #: "tomorrow", "day_after_tomorrow", "any" -> words
    days: Mapping[str, Words] = field(default_factory=dict)
    #: words next to an hour ("uhr", "o'clock", "saat") and "half before the hour" words ("halb")
    clock: Words = ()
    half_before: Words = ()
    #: question (slot) -> option value -> words that mean the option
    options: Mapping[str, Mapping[str, Words]] = field(default_factory=dict)


def _words(value: object) -> Words:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value)  # type: ignore[union-attr]


def _babel_weekdays(code: str) -> Dict[int, Words]:
    names: Dict[int, list] = {day: [] for day in range(7)}
    try:
        for width in ("wide", "abbreviated"):
            for day, name in get_day_names(width, context="format", locale=code).items():
                names[day].append(name)
    except (UnknownLocaleError, ValueError):
        pass
    return {day: tuple(dict.fromkeys(found)) for day, found in names.items()}


@functools.lru_cache(maxsize=None)
def vocabulary(code: str) -> Vocabulary:
    """The answer words of language ``code`` (read once per process)."""
    path = paths.locales_dir() / code / FILE_NAME
    # BaseLoader: every word stays a string (YAML 1.1 would read yes, no, on, off as booleans)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) if path.exists() else {}
    data = data or {}
    weekdays = _babel_weekdays(code)
    for day, extra in (data.get("weekdays") or {}).items():
        weekdays[int(day)] = weekdays.get(int(day), ()) + _words(extra)
    return Vocabulary(
        yes=_words(data.get("yes")), no=_words(data.get("no")), dont_know=_words(data.get("dont_know")),
        stop=_words(data.get("stop")), negation=_words(data.get("negation")),
        negating_endings=_words(data.get("negating_endings")),
        numbers={int(number): _words(words) for number, words in (data.get("numbers") or {}).items()},
        weekdays=weekdays,
        days={key: _words(words) for key, words in (data.get("days") or {}).items()},
        clock=_words(data.get("clock")), half_before=_words(data.get("half_before")),
        options={slot: {value: _words(words) for value, words in (values or {}).items()}
                 for slot, values in (data.get("options") or {}).items()},
    )
