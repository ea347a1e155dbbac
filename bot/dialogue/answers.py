"""Reading a typed answer to the question the bot just asked.

Pure functions over the client's text, the question's options and the language's vocabulary
(:mod:`bot.dialogue.vocabulary`): yes and no, "I don't know", numbers and ordinals for offered
options, option labels and the words for them (case, diacritics, punctuation, Arabic/Persian letter
variants, zero-width characters and small typos folded), weekdays, "tomorrow" and clock times.

>>> NEEDS = [Option("childcare", ("Kinderbetreuung",)), Option("women_only", ("Kurs nur für Frauen",)),
...          Option("none", ("Nein, nichts davon",))]
>>> choose("ich brauche kinderbetreuung bitte", NEEDS, "de")
'childcare'
>>> choose("Nein", NEEDS, "de", no_value="none")
'none'
>>> choose("nein, keine kinderbetreuung", NEEDS, "de", no_value="none")
'none'
>>> choose("die 2", NEEDS, "de"), choose("zweite", NEEDS, "de"), choose("٢", NEEDS, "ar")
('women_only', 'women_only', 'women_only')
>>> choose("kinderbetreung", NEEDS, "de")  # a typo
'childcare'
>>> choose("das Wetter", NEEDS, "de") is None
True
>>> yes_or_no("ja klar"), yes_or_no("nee lass mal"), yes_or_no("vielleicht") is None
(True, False, True)
>>> dont_know("weiß ich nicht"), dont_know("ich weiss es nicht genau"), dont_know("A2")
(True, True, False)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Callable, Iterable, List, Optional, Sequence, Set, Tuple

from bot.dialogue.vocabulary import vocabulary
from bot.gazetteer.normalize import fold, token_keys

#: Zero-width and direction characters clients' keyboards insert.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c"
                                    "\u202d\u202e\ufeff\u00ad"), " ")
_ARABIC_ARTICLE = ("وال", "بال", "فال", "كال", "لل", "ال")
#: A word of this many letters or more may differ by a typo from a vocabulary word.
_FUZZY_MIN_LENGTH = 5
_FUZZY_RATIO = 0.85
#: An answer with more words than this is not read as a bare number or yes/no.
_SHORT = 5


@dataclass(frozen=True)
class Option:
    """One offered answer: its value and the phrases that name it (button labels, vocabulary words)."""

    value: str
    phrases: Tuple[str, ...]


def tokens(text: str) -> List[str]:
    """The folded words of ``text``.

    >>> tokens("Ja, Gespräch mitschicken!"), tokens("نعم\u200c"), tokens("don't")
    (['ja', 'gesprach', 'mitschicken'], ['نعم'], ['dont'])
    """
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    words = re.findall(r"[\w'’ʼ]+", text)
    return [key for key in (fold(re.sub("['’ʼ]", "", word)) for word in words) if key]


def _keys(word: str) -> Set[str]:
    keys = set(token_keys(word)) | {word}
    for article in _ARABIC_ARTICLE:
        if word.startswith(article) and len(word) - len(article) >= 2:
            keys.add(word[len(article):])
    return keys


def _phrase_at(words: Sequence[str], phrase: Sequence[str], fuzzy: bool) -> Optional[int]:
    """Where the folded ``phrase`` occurs in ``words`` (index), allowing inflection and typos."""
    size = len(phrase)
    for start in range(len(words) - size + 1):
        if all(_word_matches(words[start + i], phrase[i], fuzzy) for i in range(size)):
            return start
    return None


def _word_matches(word: str, wanted: str, fuzzy: bool) -> bool:
    """Whether a folded word is the wanted one, inflected or (with ``fuzzy``) with a small typo.

    >>> _word_matches("kinderbetreung", "kinderbetreuung", True), _word_matches("klar", "unklar", True)
    (True, False)
    """
    if word == wanted or wanted in _keys(word) or word in _keys(wanted) or _inflected(word, wanted):
        return True
    return (fuzzy and len(wanted) >= _FUZZY_MIN_LENGTH and len(word) >= _FUZZY_MIN_LENGTH - 1
            and abs(len(wanted) - len(word)) <= 2
            and difflib.SequenceMatcher(None, word, wanted).ratio() >= _FUZZY_RATIO)


#: Final consonants that soften before a vowel ending (Turkish "çocuk" → "çocuğum", after folding "cocug").
_SOFTENED = {"k": "g", "t": "d", "p": "b", "c": "c"}


def _inflected(word: str, wanted: str) -> bool:
    """Whether ``word`` is ``wanted`` with an ending or in a compound ("çocuğuma", "kinderbetreuungsplatz").

    >>> _inflected("cocuguma", "cocuk"), _inflected("kinderbetreuungsplatz", "kinderbetreuung")
    (True, True)
    >>> _inflected("kind", "kinder"), _inflected("arbeitslos", "arbeit"), _inflected("jan", "ja")
    (False, True, False)
    """
    if len(wanted) < 4 or len(word) <= len(wanted) or len(word) > len(wanted) + 7:
        return False
    if word.startswith(wanted):
        return True
    stem = wanted[:-1] + _SOFTENED.get(wanted[-1], wanted[-1])
    return stem != wanted and word.startswith(stem)


def contains(text: str, phrases: Iterable[str], fuzzy: bool = True) -> bool:
    """Whether one of ``phrases`` occurs in ``text`` (folded, inflection and typos allowed).

    >>> contains("Ich weis es nicht", ["weiß nicht", "ich weiß es nicht"])
    True
    """
    words = tokens(text)
    return any(_phrase_at(words, tokens(phrase), fuzzy) is not None for phrase in phrases if tokens(phrase))


def _whole(text: str, phrases: Iterable[str]) -> bool:
    """Whether ``text`` is exactly one of ``phrases`` (folded)."""
    key = tokens(text)
    return any(key == tokens(phrase) for phrase in phrases)


def yes_or_no(text: str, language: str = "de") -> Optional[bool]:
    """True for a yes, False for a no, None when the text is neither (or both).

    A short answer is read by its words in the client's language, German and English.
    """
    words = tokens(text)
    if not words or len(words) > _SHORT:
        return None
    endings = tuple(tokens(e)[0] for e in vocabulary(language).negating_endings if tokens(e))
    said_yes = negated_yes = False
    for phrase in _all(language, "yes"):
        wanted = tokens(phrase)
        start = _phrase_at(words, wanted, False) if wanted else None
        if start is not None:
            if _negated_by_ending(words[start:start + len(wanted)], wanted, endings):
                negated_yes = True  # "gönderme": the yes word "gönder" (send) negated
            else:
                said_yes = True
    said_no = negated_yes or contains(text, _all(language, "no"), fuzzy=False)
    if said_yes != said_no:
        return said_yes
    return None


def dont_know(text: str, language: str = "de") -> bool:
    """Whether the client says they do not know."""
    return contains(text, _all(language, "dont_know"))


def wants_to_stop(text: str, language: str = "de") -> bool:
    """Whether the whole (short) message asks to stop what the bot is doing ("stopp", "vergiss es").

    >>> wants_to_stop("vergiss es"), wants_to_stop("stopp!"), wants_to_stop("ich will den kurs nicht stoppen")
    (True, True, False)
    """
    words = tokens(text)
    return 0 < len(words) <= 3 and any(_phrase_at(words, tokens(p), False) is not None
                                       for p in _all(language, "stop") if tokens(p))


def _all(language: str, field_name: str) -> Tuple[str, ...]:
    """A vocabulary field in the client's language, German and English (loanwords and mixing are common)."""
    found: List[str] = []
    for code in dict.fromkeys((language, "de", "en")):
        found.extend(getattr(vocabulary(code), field_name))
    return tuple(found)


def number(text: str, language: str = "de") -> Optional[int]:
    """The one number a short answer names (digits in any script, number and ordinal words), else None.

    >>> number("die zweite bitte"), number("Nr. 3"), number("۳"), number("9 Uhr"), number("A2")
    (2, 3, 3, 9, None)
    >>> number("the second one", "en")
    2

    A number word inside a longer number phrase ("one" in "second one") does not count on its own.
    """
    words = tokens(text)
    if not words or len(words) > _SHORT:
        return None
    found = {int(w) for w in words if w.isdigit() and len(w) <= 2}
    spans: List[Tuple[int, int, int]] = []
    for code in dict.fromkeys((language, "de", "en")):
        for value, phrases in vocabulary(code).numbers.items():
            for phrase in phrases:
                wanted = tokens(phrase)
                start = _phrase_at(words, wanted, False) if wanted else None
                if start is not None:
                    spans.append((start, start + len(wanted), value))
    for start, end, value in spans:
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans):
            found.add(value)
    return found.pop() if len(found) == 1 else None


def option_phrases(option: Option, slot: str, language: str) -> Tuple[str, ...]:
    """The phrases naming ``option``: its labels plus the vocabulary words for it in the language, German, English."""
    words = [*option.phrases]
    for code in dict.fromkeys((language, "de", "en")):
        words.extend(vocabulary(code).options.get(slot, {}).get(option.value, ()))
    return tuple(words)


#: How sure the sentence encoder must be that a typed answer means an option it names in other words:
#: its best option's similarity, and that option's lead over the next (chosen on the vocabulary, see
#: tools/evaluation/option_meaning.py).
MEANING_SIMILARITY = 0.9
MEANING_LEAD = 0.0

Similarity = Callable[[str, Sequence[str]], Sequence[float]]


def choose(text: str, options: Sequence[Option], language: str = "de", slot: str = "",
           no_value: Optional[str] = None, similar: Optional[Similarity] = None) -> Optional[str]:
    """The value of the one option ``text`` names: by number, by label or word, by meaning, else None.

    ``no_value`` is the option a plain "no" chooses (for "childcare or a women's course?" a no means
    neither). An option named after a negation ("keine Kinderbetreuung") is not chosen. With
    ``similar`` (the sentence encoder's cosine similarity), an answer that names no option in words
    chooses the option whose labels and words it is clearly closest to in meaning.
    """
    words = tokens(text)
    if not words:
        return None
    whole = [o.value for o in options if _whole(text, option_phrases(o, slot, language))]
    if len(whole) == 1:
        return whole[0]
    negations = _all(language, "no") + _all(language, "negation")
    endings = tuple(tokens(e)[0] for e in vocabulary(language).negating_endings if tokens(e))
    named: List[Tuple[int, str]] = []
    for option in options:
        best = 0
        for phrase in option_phrases(option, slot, language):
            wanted = tokens(phrase)
            start = _phrase_at(words, wanted, fuzzy=True) if wanted else None
            if start is None or _negated(words, start, negations, wanted) or _negated_by_ending(
                    words[start:start + len(wanted)], wanted, endings):
                continue
            best = max(best, sum(len(w) for w in wanted))
        if best:
            named.append((best, option.value))
    if named:
        named.sort(reverse=True)
        return named[0][1] if len(named) == 1 or named[0][0] > named[1][0] else None
    index = number(text, language)
    if index is not None and 1 <= index <= len(options) and len(words) <= 3:
        return options[index - 1].value
    if no_value is not None and yes_or_no(text, language) is False:
        return no_value
    if similar is not None and len(words) <= 12:
        return closest_in_meaning(text, options, language, slot, similar)
    return None


def closest_in_meaning(text: str, options: Sequence[Option], language: str, slot: str,
                       similar: Similarity) -> Optional[str]:
    """The option whose phrases are clearly closest in meaning to ``text`` (see :data:`MEANING_SIMILARITY`)."""
    scores = []
    for option in options:
        phrases = option_phrases(option, slot, language)
        scores.append((max(similar(text, phrases)) if phrases else 0.0, option.value))
    if not scores:
        return None
    scores.sort(reverse=True)
    best, lead = scores[0][0], scores[0][0] - (scores[1][0] if len(scores) > 1 else 0.0)
    return scores[0][1] if best >= MEANING_SIMILARITY and lead >= MEANING_LEAD else None


def _negated(words: Sequence[str], start: int, negations: Iterable[str], phrase: Sequence[str] = ()) -> bool:
    """Whether one of the two words before ``start`` is a negation ("keine Kinderbetreuung").

    A phrase that is itself negative ("sais pas lire") carries its negation: "je ne sais pas lire"
    names it.
    """
    single = {tokens(n)[0] for n in negations if len(tokens(n)) == 1}
    if single & set(phrase):
        return False
    return any(word in single for word in words[max(0, start - 2):start])


def _negated_by_ending(said: Sequence[str], phrase: Sequence[str], endings: Sequence[str]) -> bool:
    """Whether a word of the named phrase carries a negating ending: "konuşmayı gönderme" (do not send
    the conversation) names "gönder" (send) negated.

    >>> _negated_by_ending(["konusmayi", "gonderme"], ["konusmayi", "gonder"], ["me", "ma", "meyin"])
    True
    >>> _negated_by_ending(["konusmayi", "gonderin"], ["konusmayi", "gonder"], ["me", "ma", "meyin"])
    False
    """
    return any(word != wanted and word.startswith(wanted) and word[len(wanted):] in endings
               for word, wanted in zip(said, phrase))


def weekday(text: str, today: date, language: str = "de") -> Optional[int]:
    """The weekday (0 = Monday) the answer names, directly or as "tomorrow", else None.

    >>> weekday("dienstags passt", date(2030, 1, 7)), weekday("morgen", date(2030, 1, 7))
    (1, 1)
    >>> weekday("übermorgen", date(2030, 1, 11)), weekday("الخميس", date(2030, 1, 7), "ar")
    (6, 3)
    >>> weekday("tuesday", date(2030, 1, 7), "en"), weekday("tusday", date(2030, 1, 7), "en")
    (1, 1)
    >>> weekday("سه شنبه", date(2030, 1, 7), "fa")
    1

    A name written exactly wins over one close to it with a typo ("tuesday" is close to "thursday").
    """
    words = tokens(text)
    for fuzzy in (False, True):
        spans: List[Tuple[int, int, int]] = []
        for code in dict.fromkeys((language, "de", "en")):
            for day, names in vocabulary(code).weekdays.items():
                for name in names:
                    wanted = tokens(name)
                    start = _phrase_at(words, wanted, fuzzy=fuzzy and len(wanted) == 1) if wanted else None
                    if start is not None:
                        spans.append((start, start + len(wanted), day))
        # "شنبه" (Saturday) inside "سه شنبه" (Tuesday) does not count on its own
        found = {day for start, end, day in spans
                 if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)}
        for code in dict.fromkeys((language, "de", "en")):
            vocab = vocabulary(code)
            for key, offset in (("day_after_tomorrow", 2), ("tomorrow", 1)):
                if any(_phrase_at(words, tokens(n), False) is not None for n in vocab.days.get(key, ()) if tokens(n)):
                    found.add((today + timedelta(days=offset)).weekday())
                    break
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def any_day(text: str, language: str = "de") -> bool:
    """Whether the client has no preference ("egal", "the next free one").

    >>> any_day("egal"), any_day("der nächste freie termin"), any_day("montag")
    (True, True, False)
    """
    return contains(text, [p for code in dict.fromkeys((language, "de", "en"))
                           for p in vocabulary(code).days.get("any", ())], fuzzy=False)


_CLOCK = re.compile(r"(?<!\d)(\d{1,2})\s*[:.h]\s*(\d{2})(?!\d)")


def clock_time(text: str, language: str = "de") -> Optional[time]:
    """The time of day the answer names: "9:30", "9 Uhr", "halb zehn" (9:30), else None.

    >>> clock_time("um 9:30"), clock_time("9 uhr passt"), clock_time("halb zehn"), clock_time("halb 10")
    (datetime.time(9, 30), datetime.time(9, 0), datetime.time(9, 30), datetime.time(9, 30))
    >>> clock_time("٩:٣٠", "ar"), clock_time("2"), clock_time("14h")
    (datetime.time(9, 30), None, datetime.time(14, 0))
    """
    plain = " ".join(tokens(text.replace(":", " : ").replace(".", " . ")))
    raw = unicodedata.normalize("NFKC", text).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    match = _CLOCK.search(raw)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return time(int(match.group(1)), int(match.group(2)))
    words = plain.split()
    hours = [int(w) for w in words if w.isdigit() and int(w) < 24]
    spelled = {value for code in dict.fromkeys((language, "de", "en"))
               for value, phrases in vocabulary(code).numbers.items() if value <= 12
               for p in phrases if tokens(p) and _phrase_at(words, tokens(p), False) is not None}
    half = contains(text, _all(language, "half_before"), fuzzy=False)
    hour = hours[0] if len(hours) == 1 else (min(spelled) if len(spelled) == 1 and (half or _said_clock(text, language))
                                             else None)
    if hour is None:
        glued = re.search(r"(?<!\d)(\d{1,2})\s*h\b", raw)
        return time(int(glued.group(1)), 0) if glued and int(glued.group(1)) < 24 else None
    if half:
        return time((hour - 1) % 24, 30)
    return time(hour, 0) if _said_clock(text, language) else None


def _said_clock(text: str, language: str) -> bool:
    return contains(text, _all(language, "clock"), fuzzy=False)
